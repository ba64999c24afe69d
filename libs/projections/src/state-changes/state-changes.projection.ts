import {
  CORRECTION_TYPES,
  REPORT_TYPES,
  isStateChangeType,
  pairsOf,
  reportedAtOf,
  upcast,
  type EventCorrectedData,
  type EventRetractedData,
  type ReportData,
} from '@entente/domain';
import type { RecordedEvent, SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { ProjectionDefinition, ProjectionWriter, TableNamer } from '../runner/projection';

export const STATE_CHANGES = 'state-changes';

export const stateChangesProjection: ProjectionDefinition<never> = {
  name: STATE_CHANGES,
  version: 1,
  handles: [...REPORT_TYPES, ...CORRECTION_TYPES],
  open: (db, tables) => new StateChangesWriter(db, tables),
};

/** What a report's latest version says, on which keys: what a retraction or correction changes. */
interface Latest {
  readonly type: string;
  readonly startMs: number;
  readonly keys: readonly (readonly [string, string, string])[];
}

/**
 * Every state change, correction and retraction, per key it concerns, with its valid start, record time
 * and report time, each indexed: the feed behind "what changed in a window", on any of the three axes.
 * `on_key` is 1 when the row's version is a state change of that key (what the valid axis lists), 0 for
 * a correction that moved the report off the key and for a retraction.
 */
export function createStateChangeTables(db: SqliteDatabase, t: TableNamer): void {
  db.transaction(() =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${t('reports')} (
        report_id TEXT PRIMARY KEY,
        latest    TEXT
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS ${t('versions')} (
        report_id   TEXT    NOT NULL,
        position    INTEGER NOT NULL,
        recorded_ms INTEGER NOT NULL,
        reported_ms INTEGER NOT NULL,
        PRIMARY KEY (report_id, position)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS ${t('changes')} (
        position    INTEGER NOT NULL,
        actor       TEXT    NOT NULL,
        target      TEXT    NOT NULL,
        channel     TEXT    NOT NULL,
        event_id    TEXT    NOT NULL,
        report_id   TEXT    NOT NULL,
        kind        TEXT    NOT NULL,
        type        TEXT    NOT NULL,
        on_key      INTEGER NOT NULL,
        start_ms    INTEGER NOT NULL,
        recorded_ms INTEGER NOT NULL,
        reported_ms INTEGER NOT NULL,
        PRIMARY KEY (position, actor, target, channel)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS ${t('changes_by_start')} ON ${t('changes')} (start_ms) WHERE on_key = 1;
      CREATE INDEX IF NOT EXISTS ${t('changes_by_record')} ON ${t('changes')} (recorded_ms);
      CREATE INDEX IF NOT EXISTS ${t('changes_by_report')} ON ${t('changes')} (reported_ms);
    `),
  )();
}

class Statements {
  readonly latest: SqliteStatement<[string], string | null>;
  readonly saveLatest: SqliteStatement<[string, string | null]>;
  readonly insertVersion: SqliteStatement<[string, number, number, number]>;
  readonly insertChange: SqliteStatement<
    [number, string, string, string, string, string, string, string, number, number, number, number]
  >;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.latest = db
      .prepare<[string], string | null>(`SELECT latest FROM ${t('reports')} WHERE report_id = ?`)
      .pluck();
    this.saveLatest = db.prepare(
      `INSERT INTO ${t('reports')} (report_id, latest) VALUES (?, ?)
       ON CONFLICT (report_id) DO UPDATE SET latest = excluded.latest`,
    );
    this.insertVersion = db.prepare(
      `INSERT OR IGNORE INTO ${t('versions')} (report_id, position, recorded_ms, reported_ms) VALUES (?, ?, ?, ?)`,
    );
    this.insertChange = db.prepare(
      `INSERT OR IGNORE INTO ${t('changes')} (position, actor, target, channel, event_id, report_id, kind, type,
         on_key, start_ms, recorded_ms, reported_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }
}

class StateChangesWriter implements ProjectionWriter<never> {
  private statements: Statements | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly tables: TableNamer,
  ) {}

  create(): void {
    createStateChangeTables(this.db, this.tables);
  }

  drop(): void {
    for (const table of ['reports', 'versions', 'changes']) {
      this.db.exec(`DROP TABLE IF EXISTS ${this.tables(table)}`);
    }
    this.statements = null;
  }

  reset(): void {}

  apply(events: readonly RecordedEvent[]): never[] {
    for (const event of events) this.applyOne(event);
    return [];
  }

  private applyOne(event: RecordedEvent): void {
    const { data } = upcast(event.type, event.schemaVersion, event.data);
    const recordedMs = Date.parse(event.metadata.recordedAt);
    const reportedMs = Date.parse(reportedAtOf({ recordedAt: event.metadata.recordedAt, data }));
    const write = (
      reportId: string,
      kind: string,
      latest: Latest | null,
      previous: Latest | null,
    ) => {
      this.sql.insertVersion.run(reportId, event.position, recordedMs, reportedMs);
      const onKey = new Set(latest?.keys.map((k) => k.join('>')) ?? []);
      // The keys the version is on, then those the report left (a correction), or left as a whole.
      const rows = [
        ...(latest?.keys ?? []).map((key) => [key, latest!, 1] as const),
        ...(previous?.keys ?? [])
          .filter((key) => !onKey.has(key.join('>')))
          .map((key) => [key, previous!, 0] as const),
      ];
      for (const [key, version, on] of rows) {
        this.sql.insertChange.run(
          event.position,
          ...key,
          event.eventId,
          reportId,
          kind,
          version.type,
          on,
          version.startMs,
          recordedMs,
          reportedMs,
        );
      }
    };
    if (event.type === 'EventRetracted') {
      const reportId = (data as EventRetractedData).retracts;
      const previous = this.latestOf(reportId);
      if (previous === undefined) return;
      write(reportId, 'retracted', null, previous);
      this.sql.saveLatest.run(reportId, null);
    } else if (event.type === 'EventCorrected') {
      const correction = data as EventCorrectedData;
      const previous = this.latestOf(correction.corrects);
      if (previous === undefined) return;
      const latest = latestOf(correction.replacementType, correction.replacement);
      write(correction.corrects, 'corrected', latest, previous);
      this.sql.saveLatest.run(correction.corrects, latest && JSON.stringify(latest));
    } else {
      const latest = latestOf(event.type, data as ReportData);
      write(event.eventId, 'reported', latest, null);
      this.sql.saveLatest.run(event.eventId, latest && JSON.stringify(latest));
    }
  }

  /** undefined: a report this model never saw; null: one that is not a state change (or retracted). */
  private latestOf(reportId: string): Latest | null | undefined {
    const stored = this.sql.latest.get(reportId);
    if (stored === undefined) return undefined;
    return stored === null ? null : (JSON.parse(stored) as Latest);
  }

  private get sql(): Statements {
    this.statements ??= new Statements(this.db, this.tables);
    return this.statements;
  }
}

function latestOf(type: string, data: ReportData): Latest | null {
  if (!isStateChangeType(type)) return null;
  const keys = pairsOf(data)
    .filter((p) => p.channel !== null)
    .map((p) => [p.actor, p.target, p.channel!] as const);
  return { type, startMs: Date.parse(data.occurredAt.start), keys };
}
