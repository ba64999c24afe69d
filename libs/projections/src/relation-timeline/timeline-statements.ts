import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

export interface FactRecord {
  readonly key_id: number;
  readonly start_ms: number;
  readonly position: number;
  readonly event_id: string;
  readonly report_id: string;
  readonly type: string;
  readonly occurred_at: string;
  readonly conditions: string;
}

export interface RowRecord {
  readonly key_id: number;
  readonly valid_from: number;
  readonly recorded_from: number;
  readonly valid_to: number | null;
  readonly recorded_to: number | null;
  readonly status: string;
  readonly state: string;
}

export interface AnomalyRecord {
  readonly valid_from: number;
  readonly recorded_from: number;
  readonly anomalies: string;
}

export interface KeyRecord {
  readonly key_id: number;
  readonly actor: string;
  readonly target: string;
  readonly channel: string;
}

/** The timeline's SQL, prepared once per generation. */
export class TimelineStatements {
  readonly keyId: SqliteStatement<[string, string, string], number>;
  readonly insertKey: SqliteStatement<[string, string, string]>;
  readonly insertFact: SqliteStatement<
    [number, number, number, string, string, string, string, string]
  >;
  readonly factsOfReport: SqliteStatement<[string], FactRecord>;
  readonly deleteFactsOfReport: SqliteStatement<[string]>;
  readonly factsFromLimit: SqliteStatement<[number, number, number], FactRecord>;
  readonly insertContextReport: SqliteStatement<[string, number]>;
  readonly contextReportPosition: SqliteStatement<[string], number>;
  readonly deleteContextReport: SqliteStatement<[string]>;
  /** The current row in force just before a valid time. */
  readonly currentRowBefore: SqliteStatement<[number, number], RowRecord>;
  readonly currentRowsFromLimit: SqliteStatement<[number, number, number], RowRecord>;
  readonly closeRow: SqliteStatement<[number, number, number, number]>;
  readonly deleteRow: SqliteStatement<[number, number, number]>;
  readonly insertRow: SqliteStatement<[number, number, number, number | null, string, string]>;
  readonly insertChange: SqliteStatement<[number, number, string, number, string | null]>;
  /** The current entries of a key's anomalies over a range of starts. */
  readonly currentAnomalies: SqliteStatement<[number, number, number], AnomalyRecord>;
  readonly closeAnomalies: SqliteStatement<[number, number, number, number]>;
  readonly deleteAnomalies: SqliteStatement<[number, number, number]>;
  readonly insertAnomalies: SqliteStatement<[number, number, number, string]>;
  readonly lastRecordTime: SqliteStatement<[], number | undefined>;
  readonly saveRecordTime: SqliteStatement<[number]>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.keyId = db
      .prepare<[string, string, string], number>(
        `SELECT key_id FROM ${t('keys')} WHERE actor = ? AND target = ? AND channel = ?`,
      )
      .pluck();
    this.insertKey = db.prepare(
      `INSERT INTO ${t('keys')} (actor, target, channel) VALUES (?, ?, ?)`,
    );
    this.insertFact = db.prepare(
      `INSERT OR REPLACE INTO ${t('facts')}
         (key_id, start_ms, position, event_id, report_id, type, occurred_at, conditions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.factsOfReport = db.prepare(`SELECT * FROM ${t('facts')} WHERE report_id = ?`);
    this.deleteFactsOfReport = db.prepare(`DELETE FROM ${t('facts')} WHERE report_id = ?`);
    this.factsFromLimit = db.prepare(
      `SELECT * FROM ${t('facts')} WHERE key_id = ? AND start_ms >= ?
       ORDER BY start_ms, position, event_id LIMIT ?`,
    );
    this.insertContextReport = db.prepare(
      `INSERT OR REPLACE INTO ${t('context_reports')} (report_id, position) VALUES (?, ?)`,
    );
    this.contextReportPosition = db
      .prepare<[string], number>(`SELECT position FROM ${t('context_reports')} WHERE report_id = ?`)
      .pluck();
    this.deleteContextReport = db.prepare(
      `DELETE FROM ${t('context_reports')} WHERE report_id = ?`,
    );
    this.currentRowBefore = db.prepare(
      `SELECT * FROM ${t('rows')} WHERE key_id = ? AND valid_from < ? AND recorded_to IS NULL
       ORDER BY valid_from DESC LIMIT 1`,
    );
    this.currentRowsFromLimit = db.prepare(
      `SELECT * FROM ${t('rows')} WHERE key_id = ? AND valid_from >= ? AND recorded_to IS NULL
       ORDER BY valid_from LIMIT ?`,
    );
    this.closeRow = db.prepare(
      `UPDATE ${t('rows')} SET recorded_to = ?
       WHERE key_id = ? AND valid_from = ? AND recorded_from = ?`,
    );
    this.deleteRow = db.prepare(
      `DELETE FROM ${t('rows')} WHERE key_id = ? AND valid_from = ? AND recorded_from = ?`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO ${t('rows')} (key_id, valid_from, recorded_from, valid_to, status, state)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.insertChange = db.prepare(
      `INSERT OR REPLACE INTO ${t('changes')} (position, key_id, event_id, from_ms, current)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.currentAnomalies = db.prepare(
      `SELECT valid_from, recorded_from, anomalies FROM ${t('anomalies')}
       WHERE key_id = ? AND valid_from >= ? AND valid_from <= ? AND recorded_to IS NULL`,
    );
    this.closeAnomalies = db.prepare(
      `UPDATE ${t('anomalies')} SET recorded_to = ?
       WHERE key_id = ? AND valid_from = ? AND recorded_from = ?`,
    );
    this.deleteAnomalies = db.prepare(
      `DELETE FROM ${t('anomalies')} WHERE key_id = ? AND valid_from = ? AND recorded_from = ?`,
    );
    this.insertAnomalies = db.prepare(
      `INSERT INTO ${t('anomalies')} (key_id, valid_from, recorded_from, anomalies)
       VALUES (?, ?, ?, ?)`,
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
