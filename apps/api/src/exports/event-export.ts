import { isReportType, type ReportData } from '@entente/domain';
import type { EventIndexQueries, EventQuery } from '@entente/projections';
import { eventView } from '../events/event.view';
import type { ExportSpec } from './export-format';

/** An event as `GET /v1/events/{eventId}` returns it: the `entente` import format's line. */
export type EventLine = ReturnType<typeof eventView> & {
  readonly amendments: readonly ReturnType<typeof eventView>[];
};

const PAGE = 1_000;

/**
 * Every event the query matches, in log order, a page at a time: memory holds one page and its
 * amendments whatever the size of the log.
 */
export async function* exportedEvents(
  index: EventIndexQueries,
  query: Omit<EventQuery, 'limit'> & { readonly limit?: number },
): AsyncGenerator<EventLine> {
  let after = query.after ?? 0;
  let left = query.limit ?? Infinity;
  while (left > 0) {
    const page = index.list({ ...query, after, limit: Math.min(PAGE, left) });
    if (page.length === 0) return;
    const reports = page.filter((e) => isReportType(e.type)).map((e) => e.eventId);
    const amendments = index.amendmentsOfReports(reports);
    for (const event of page) {
      yield {
        ...eventView(event),
        amendments: (amendments.get(event.eventId) ?? []).map(eventView),
      };
    }
    after = page[page.length - 1].position;
    left -= page.length;
    // Let the response drain, and other requests in, between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const list = (values: readonly string[] | undefined) => (values ?? []).join(';');

/** The CSV columns of an event; the whole data is in `data`, as JSON. */
export const EVENTS_EXPORT: ExportSpec<EventLine> = {
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
  record: (line) => {
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
  line: (line) => line,
};
