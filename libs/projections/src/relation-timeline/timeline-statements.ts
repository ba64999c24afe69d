import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';
import type { PackedIds } from './timeline-codec';
import type { FactRecord } from './timeline-records';
import type { StandingRecord } from './timeline-rows';

export interface ReportRecord {
  readonly position: number;
  readonly state_change: number;
}

type ChangeParams = [
  position: number,
  keyId: number,
  eventId: PackedIds,
  fromMs: number,
  ...standing: ReturnType<typeof standingColumns>,
];

/** The SQL of what events place on keys (facts, reports), the change feed and the clock. */
export class TimelineStatements {
  readonly insertFact: SqliteStatement<[FactRecord]>;
  readonly deleteFact: SqliteStatement<[number, number, number]>;
  readonly factsAt: SqliteStatement<[number], { key_id: number; start_ms: number }>;
  readonly deleteFactsAt: SqliteStatement<[number]>;
  readonly reportOf: SqliteStatement<[PackedIds], ReportRecord>;
  readonly insertReport: SqliteStatement<[PackedIds, number, number]>;
  readonly deleteReport: SqliteStatement<[PackedIds]>;
  readonly insertChange: SqliteStatement<ChangeParams>;
  readonly lastRecordTime: SqliteStatement<[], number>;
  readonly saveRecordTime: SqliteStatement<[number]>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.insertFact = db.prepare(
      `INSERT OR REPLACE INTO ${t('facts')}
         (key_id, start_ms, position, event_id, type, precision, occurred, conditions)
       VALUES (@key_id, @start_ms, @position, @event_id, @type, @precision, @occurred, @conditions)`,
    );
    this.deleteFact = db.prepare(
      `DELETE FROM ${t('facts')} WHERE key_id = ? AND start_ms = ? AND position = ?`,
    );
    this.factsAt = db.prepare(`SELECT key_id, start_ms FROM ${t('facts')} WHERE position = ?`);
    this.deleteFactsAt = db.prepare(`DELETE FROM ${t('facts')} WHERE position = ?`);
    this.reportOf = db.prepare(
      `SELECT position, state_change FROM ${t('reports')} WHERE report_id = ?`,
    );
    this.insertReport = db.prepare(
      `INSERT OR REPLACE INTO ${t('reports')} (report_id, position, state_change) VALUES (?, ?, ?)`,
    );
    this.deleteReport = db.prepare(`DELETE FROM ${t('reports')} WHERE report_id = ?`);
    this.insertChange = db.prepare(
      `INSERT OR REPLACE INTO ${t('changes')} (position, key_id, event_id, from_ms, status,
         since_ms, since_precision, since_occurred, conditions, basis_chunk, basis)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastRecordTime = db
      .prepare<[], number>(`SELECT last_record_ms FROM ${t('clock')} WHERE id = 0`)
      .pluck();
    this.saveRecordTime = db.prepare(
      `INSERT INTO ${t('clock')} (id, last_record_ms) VALUES (0, ?)
       ON CONFLICT (id) DO UPDATE SET last_record_ms = excluded.last_record_ms`,
    );
  }
}

/** A change's standing columns; all null when the key is unknown again. */
export function standingColumns(standing: StandingRecord | null) {
  return [
    standing?.status ?? null,
    standing?.since_ms ?? null,
    standing?.since_precision ?? null,
    standing?.since_occurred ?? null,
    standing?.conditions ?? null,
    standing?.basis_chunk ?? null,
    standing?.basis ?? null,
  ] as const;
}
