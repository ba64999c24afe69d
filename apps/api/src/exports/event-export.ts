import { EVENT_CATALOG, isEventType, isReportType, type ReportData } from '@entente/domain';
import { toRecordedEvent } from '@entente/event-store';
import type { EventIndexQueries, EventQuery, StoredEventRow } from '@entente/projections';
import { eventView } from '../events/event.view';
import type { ExportSpec } from './export-format';

/** An event as `GET /v1/events/{eventId}` returns it: the `entente` import format's line. */
export type EventLine = ReturnType<typeof eventView> & {
  readonly amendments: readonly ReturnType<typeof eventView>[];
};

/** A stored event and its amendments, as read for an export. */
export interface ExportedEvent {
  readonly row: StoredEventRow;
  readonly amendments: readonly StoredEventRow[];
}

const PAGE = 1_000;

/**
 * Every event the query matches, in log order, a page at a time: memory holds one page and its
 * amendments whatever the size of the log.
 */
export async function* exportedEvents(
  index: EventIndexQueries,
  query: Omit<EventQuery, 'limit'> & { readonly limit?: number },
): AsyncGenerator<ExportedEvent> {
  let after = query.after ?? 0;
  let left = query.limit ?? Infinity;
  while (left > 0) {
    const page = index.storedPage({ ...query, after, limit: Math.min(PAGE, left) });
    if (page.length === 0) return;
    const reports = page.filter((e) => isReportType(e.type)).map((e) => e.event_id);
    const amendments = new Map<string, StoredEventRow[]>();
    for (const amendment of index.storedAmendments(reports)) {
      const list = amendments.get(amendment.report_id!) ?? [];
      list.push(amendment);
      amendments.set(amendment.report_id!, list);
    }
    for (const row of page) yield { row, amendments: amendments.get(row.event_id) ?? [] };
    after = page[page.length - 1].position;
    left -= page.length;
    // Let the response drain, and other requests in, between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The line as GET /v1/events/{eventId} builds it, from the parsed event. */
export function eventLine({ row, amendments }: ExportedEvent): EventLine {
  return {
    ...eventView(toRecordedEvent(row)),
    amendments: amendments.map((a) => eventView(toRecordedEvent(a))),
  };
}

/**
 * The same line as text. Data stored at its type's current version is what GET returns (upcasting
 * changes nothing), so its stored JSON goes out as it is, never parsed and written again: the cost of a
 * million-event export. Older data is upcast the usual way.
 */
export function eventLineText(event: ExportedEvent): string {
  const amendments = event.amendments.map(viewText).join(',');
  return `${viewText(event.row).slice(0, -1)},"amendments":[${amendments}]}`;
}

const REPORTED_AT = '"reportedAt":';

/**
 * The data's own `reportedAt`. Only a correction nests another (in its replacement); any other event's
 * data has one key of that name, found without parsing the rest.
 */
function ownReportedAt(row: StoredEventRow): string | null {
  if (row.type === 'EventCorrected') {
    return (JSON.parse(row.data) as { reportedAt?: string | null }).reportedAt ?? null;
  }
  const at = row.data.indexOf(REPORTED_AT);
  if (at < 0 || row.data.startsWith('null', at + REPORTED_AT.length)) return null;
  const start = at + REPORTED_AT.length + 1;
  return row.data.slice(start, row.data.indexOf('"', start));
}

function viewText(row: StoredEventRow): string {
  if (!isEventType(row.type) || row.schema_version !== EVENT_CATALOG[row.type].schemaVersion) {
    return JSON.stringify(eventView(toRecordedEvent(row)));
  }
  const own = ownReportedAt(row);
  const reported =
    own !== null && Date.parse(own) < Date.parse(row.recorded_at) ? own : row.recorded_at;
  return (
    `{"eventId":${JSON.stringify(row.event_id)},"type":${JSON.stringify(row.type)},` +
    `"schemaVersion":${row.schema_version},"data":${row.data},` +
    JSON.stringify({
      stream: row.stream,
      revision: row.revision,
      position: row.position,
      recordedAt: row.recorded_at,
      reportedAt: reported,
      recordedBy: row.recorded_by,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
    }).slice(1)
  );
}

const list = (values: readonly string[] | undefined) => (values ?? []).join(';');

/** The CSV columns of an event; the whole data is in `data`, as JSON. */
export const EVENTS_EXPORT: ExportSpec<ExportedEvent> = {
  columns: [
    'eventId',
    'type',
    'schemaVersion',
    'position',
    'stream',
    'revision',
    'recordedAt',
    'reportedAt',
    'recordedBy',
    'correlationId',
    'causationId',
    'actors',
    'targets',
    'channel',
    'occurredAt',
    'occurredStart',
    'precision',
    'summary',
    'evidence',
    'dataset',
    'externalId',
    'scheme',
    'code',
    'goldstein',
    'goldsteinScale',
    'quadClass',
    'sources',
    'amends',
    'amendments',
    'data',
  ],
  record: (event) => {
    const line = eventLine(event);
    const data = line.data as Partial<ReportData> & {
      retracts?: string;
      corrects?: string;
      replacement?: ReportData;
    };
    const report = data.replacement ?? data;
    const coding = report.coding ?? null;
    return {
      eventId: line.eventId,
      type: line.type,
      schemaVersion: line.schemaVersion,
      position: line.position,
      stream: line.stream,
      revision: line.revision,
      recordedAt: line.recordedAt,
      reportedAt: line.reportedAt,
      recordedBy: line.recordedBy,
      correlationId: line.correlationId,
      causationId: line.causationId,
      actors: list(report.actors),
      targets: list(report.targets),
      channel: report.channel ?? null,
      occurredAt: report.occurredAt?.value ?? null,
      occurredStart: report.occurredAt?.start ?? null,
      precision: report.occurredAt?.precision ?? null,
      summary: report.summary ?? null,
      evidence: report.evidence ?? null,
      dataset: coding?.dataset ?? null,
      externalId: coding?.externalId ?? null,
      scheme: coding?.scheme ?? null,
      code: coding?.code ?? null,
      goldstein: coding?.goldstein?.value ?? null,
      goldsteinScale: coding?.goldstein?.scale ?? null,
      quadClass: coding?.quadClass ?? null,
      sources: list(report.sources?.map((s) => s.url ?? s.outlet ?? s.kind)),
      amends: data.retracts ?? data.corrects ?? null,
      amendments: list(line.amendments.map((a) => a.eventId)),
      data: line.data,
    };
  },
  line: eventLine,
  text: eventLineText,
};
