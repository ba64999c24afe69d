import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';
import { packNumbers, unpackNumbers, type PackedIds } from './timeline-codec';
import type { ReportInEffect } from './timeline-placement';
import type { FactRecord, VersionRecord } from './timeline-records';
import type { StandingRecord } from './timeline-rows';

export interface ReportRecord {
  readonly position: number;
  readonly state_change: number;
  readonly reported_until: number;
  readonly key_ids: string | null;
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
  /** A fact alone, without its position: for a rebuild, which writes the positions at its end. */
  readonly insertFactAlone: SqliteStatement<[FactRecord]>;
  private readonly insertFactPosition: SqliteStatement<[number, number, number]>;
  private readonly deleteFactAlone: SqliteStatement<[number, number, number]>;
  private readonly deleteFactPosition: SqliteStatement<[number, number, number]>;
  readonly insertVersion: SqliteStatement<[VersionRecord]>;
  readonly factsAt: SqliteStatement<[number], { key_id: number; start_ms: number }>;
  readonly reportOf: SqliteStatement<[PackedIds], ReportRecord>;
  readonly insertReport: SqliteStatement<[PackedIds, number, number, number, string | null]>;
  readonly deleteReport: SqliteStatement<[PackedIds]>;
  readonly insertChange: SqliteStatement<ChangeParams>;
  readonly lastRecordTime: SqliteStatement<[], number>;
  private readonly copies: readonly SqliteStatement<[number, number]>[];
  private readonly copyOrder: SqliteStatement<[number, number]>;
  readonly saveRecordTime: SqliteStatement<[number]>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.insertFactAlone = db.prepare(
      `INSERT OR REPLACE INTO ${t('facts')}
         (key_id, start_ms, position, event_id, type, precision, occurred, conditions)
       VALUES (@key_id, @start_ms, @position, @event_id, @type, @precision, @occurred, @conditions)`,
    );
    this.insertVersion = db.prepare(
      `INSERT INTO ${t('versions')} (key_id, position, report_position, recorded_ms, report_lag, kind, machine,
         start_ms, event_id, type, precision, occurred, conditions)
       VALUES (@key_id, @position, @report_position, @recorded_ms, @report_lag, @kind, @machine, @start_ms,
         @event_id, @type, @precision, @occurred, @conditions)`,
    );
    this.insertFactPosition = db.prepare(
      `INSERT OR IGNORE INTO ${t('fact_positions')} (position, key_id, start_ms) VALUES (?, ?, ?)`,
    );
    this.deleteFactAlone = db.prepare(
      `DELETE FROM ${t('facts')} WHERE key_id = ? AND start_ms = ? AND position = ?`,
    );
    this.deleteFactPosition = db.prepare(
      `DELETE FROM ${t('fact_positions')} WHERE position = ? AND key_id = ? AND start_ms = ?`,
    );
    this.factsAt = db.prepare(
      `SELECT key_id, start_ms FROM ${t('fact_positions')} WHERE position = ?`,
    );
    this.reportOf = db.prepare(
      `SELECT position, state_change, reported_until, key_ids FROM ${t('reports')}
       WHERE report_id = ?`,
    );
    this.insertReport = db.prepare(
      `INSERT OR REPLACE INTO ${t('reports')} (report_id, position, state_change, reported_until,
         key_ids)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.deleteReport = db.prepare(`DELETE FROM ${t('reports')} WHERE report_id = ?`);
    this.insertChange = db.prepare(
      `INSERT OR REPLACE INTO ${t('changes')} (position, key_id, event_id, from_ms, status,
         since_ms, since_precision, since_occurred, conditions, basis_chunk, basis)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rowColumns = `valid_from, recorded_from, report_lag, recorded_to, end_report_lag, status,
      since_ms, since_precision, since_occurred, conditions, basis_chunk, basis, group_chunk, group_ids`;
    const anomalyColumns = `valid_from, seq, recorded_from, report_lag, recorded_to, end_report_lag,
      kind, event_id, type, from_status, to_status, conflicts`;
    const factColumns = 'start_ms, position, event_id, type, precision, occurred, conditions';
    this.copies = [
      db.prepare(
        `INSERT INTO ${t('rows')} (key_id, ${rowColumns})
         SELECT ?, ${rowColumns} FROM ${t('rows')} WHERE key_id = ?`,
      ),
      db.prepare(
        `INSERT INTO ${t('anomalies')} (key_id, ${anomalyColumns})
         SELECT ?, ${anomalyColumns} FROM ${t('anomalies')} WHERE key_id = ?`,
      ),
      db.prepare(
        `INSERT INTO ${t('facts')} (key_id, ${factColumns})
         SELECT ?, ${factColumns} FROM ${t('facts')} WHERE key_id = ?`,
      ),
      db.prepare(
        `INSERT INTO ${t('fact_positions')} (position, key_id, start_ms)
         SELECT position, ?, start_ms FROM ${t('facts')} WHERE key_id = ?`,
      ),
    ];
    this.copyOrder = db.prepare(
      `UPDATE ${t('keys')} SET (reported_until, unordered_from) =
         (SELECT reported_until, unordered_from FROM ${t('keys')} WHERE key_id = ?)
       WHERE key_id = ?`,
    );
    this.lastRecordTime = db
      .prepare<[], number>(`SELECT last_record_ms FROM ${t('clock')} WHERE id = 0`)
      .pluck();
    this.saveRecordTime = db.prepare(
      `INSERT INTO ${t('clock')} (id, last_record_ms) VALUES (0, ?)
       ON CONFLICT (id) DO UPDATE SET last_record_ms = excluded.last_record_ms`,
    );
  }

  insertFact(record: FactRecord): void {
    this.insertFactAlone.run(record);
    this.insertFactPosition.run(record.position, record.key_id, record.start_ms);
  }

  deleteFact(keyId: number, startMs: number, position: number): void {
    this.deleteFactAlone.run(keyId, startMs, position);
    this.deleteFactPosition.run(position, keyId, startMs);
  }

  /** Makes key `to` hold every version key `from` holds: rows, anomalies, facts and report order. */
  copyKey(from: number, to: number): void {
    for (const copy of this.copies) copy.run(to, from);
    this.copyOrder.run(from, to);
  }
}

/** A report as the placement reads it. */
export function reportOfRecord(record: ReportRecord): ReportInEffect {
  return {
    position: record.position,
    stateChange: record.state_change === 1,
    reportedUntil: record.reported_until,
    keyIds: unpackNumbers(record.key_ids),
  };
}

/** A report's columns after its id. */
export function reportColumns(report: ReportInEffect): [number, number, number, string | null] {
  return [
    report.position,
    report.stateChange ? 1 : 0,
    report.reportedUntil,
    packNumbers(report.keyIds),
  ];
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
