import {
  EVENT_TYPES,
  isReportData,
  pairsOf,
  upcast,
  type EventCorrectedData,
  type EventRetractedData,
  type PairKey,
  type ReportData,
} from '@entente/domain';
import type { RecordedEvent, SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { ProjectionDefinition, ProjectionWriter, TableNamer } from '../runner/projection';
import { createEventIndexTables, dropEventIndexTables } from './event-index.schema';

export const EVENT_INDEX = 'event-index';

export const eventIndexProjection: ProjectionDefinition<never> = {
  name: EVENT_INDEX,
  // v2: the facets a listing filters on are indexed columns; the files of an event found by position.
  version: 2,
  handles: EVENT_TYPES,
  open: (db, tables) => new EventIndexWriter(db, tables),
};

type EventParams = [
  number,
  string,
  string,
  number,
  string,
  number,
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  number | null,
  ...Facets,
];

/** Evidence, the coding's dataset, the acting and the acted-on side's roles. */
type Facets = [string, string | null, string | null, string | null];

class Statements {
  readonly insertEvent: SqliteStatement<EventParams>;
  readonly insertKey: SqliteStatement<[string, string, string, number]>;
  readonly insertActor: SqliteStatement<[string, number]>;
  readonly positionsOfReport: SqliteStatement<[string], number>;
  readonly keysAt: SqliteStatement<[number], { actor: string; target: string; channel: string }>;
  readonly actorsAt: SqliteStatement<[number], string>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.insertEvent = db.prepare(
      `INSERT OR IGNORE INTO ${t('events')} (position, event_id, stream, revision, type, schema_version,
         data, recorded_at, recorded_by, correlation_id, causation_id, report_id, occurred_ms,
         evidence, dataset, actor_role, target_role)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertKey = db.prepare(
      `INSERT OR IGNORE INTO ${t('event_keys')} (actor, target, channel, position) VALUES (?, ?, ?, ?)`,
    );
    this.insertActor = db.prepare(
      `INSERT OR IGNORE INTO ${t('event_actors')} (actor, position) VALUES (?, ?)`,
    );
    this.positionsOfReport = db
      .prepare<[string], number>(`SELECT position FROM ${t('events')} WHERE report_id = ?`)
      .pluck();
    this.keysAt = db.prepare(
      `SELECT actor, target, channel FROM ${t('event_keys')} INDEXED BY ${t('event_keys_by_position')}
       WHERE position = ?`,
    );
    this.actorsAt = db
      .prepare<[number], string>(
        `SELECT actor FROM ${t('event_actors')} INDEXED BY ${t('event_actors_by_position')}
         WHERE position = ?`,
      )
      .pluck();
  }
}

class EventIndexWriter implements ProjectionWriter<never> {
  private statements: Statements | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly tables: TableNamer,
  ) {}

  create(): void {
    createEventIndexTables(this.db, this.tables);
  }

  drop(): void {
    dropEventIndexTables(this.db, this.tables);
    this.statements = null;
  }

  reset(): void {}

  apply(events: readonly RecordedEvent[]): never[] {
    for (const event of events) this.index(event);
    return [];
  }

  private index(event: RecordedEvent): void {
    const { data } = upcast(event.type, event.schemaVersion, event.data);
    const report = isReportData(data) ? data : null;
    const replacement = (data as Partial<EventCorrectedData>).replacement;
    const amended =
      event.type === 'EventRetracted'
        ? (data as EventRetractedData).retracts
        : event.type === 'EventCorrected'
          ? (data as EventCorrectedData).corrects
          : null;
    this.sql.insertEvent.run(
      event.position,
      event.eventId,
      event.stream,
      event.revision,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data),
      event.metadata.recordedAt,
      event.metadata.recordedBy,
      event.metadata.correlationId,
      event.metadata.causationId,
      report ? event.eventId : amended,
      occurredMs(report ?? replacement),
      ...facetsOf(report ?? replacement),
    );
    if (report) this.fileUnder(event.position, keysOf(report), actorsOf(report));
    else if (amended) this.fileAmendment(event, amended, data);
  }

  /** An amendment joins its report's files, and a correction moves the whole report to the new ones. */
  private fileAmendment(event: RecordedEvent, reportId: string, data: unknown): void {
    const versions = this.sql.positionsOfReport.all(reportId).filter((p) => p !== event.position);
    const keys = versions.flatMap((p) => this.sql.keysAt.all(p));
    const actors = versions.flatMap((p) => this.sql.actorsAt.all(p));
    const replacement = (data as Partial<EventCorrectedData>).replacement;
    if (replacement) {
      keys.push(...keysOf(replacement));
      actors.push(...actorsOf(replacement));
      for (const version of versions) this.fileUnder(version, keys, actors);
    }
    this.fileUnder(event.position, keys, actors);
  }

  private fileUnder(
    position: number,
    keys: readonly { actor: string; target: string; channel: string }[],
    actors: readonly string[],
  ): void {
    for (const key of keys) this.sql.insertKey.run(key.actor, key.target, key.channel, position);
    for (const actor of new Set(actors)) this.sql.insertActor.run(actor, position);
  }

  private get sql(): Statements {
    this.statements ??= new Statements(this.db, this.tables);
    return this.statements;
  }
}

function keysOf(report: ReportData): { actor: string; target: string; channel: string }[] {
  return pairsOf(report).map((pair: PairKey) => ({
    actor: pair.actor,
    target: pair.target,
    channel: pair.channel ?? '',
  }));
}

function actorsOf(report: ReportData): string[] {
  const speaker = report.speaker && 'code' in report.speaker ? [report.speaker.code] : [];
  return [...report.actors, ...report.targets, ...speaker];
}

/** What a listing filters on; a fact without evidence (none is, once upcast) was curated. */
function facetsOf(report: ReportData | undefined): Facets {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return [
    text(report?.evidence) ?? 'curated',
    text(report?.coding?.dataset),
    text(report?.actorRole),
    text(report?.targetRole),
  ];
}

function occurredMs(report: ReportData | undefined): number | null {
  return report?.occurredAt ? Date.parse(report.occurredAt.start) : null;
}
