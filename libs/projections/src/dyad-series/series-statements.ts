import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

/** What one version of a report counts as: its cell, and the dyads it is on. */
export interface Counted {
  readonly type: string;
  readonly startMs: number;
  readonly approx: number;
  readonly curated: number;
  /** '' when it has no PLOVER category; quad 0 when it has no quad class. */
  readonly plover: string;
  readonly quad: number;
  readonly gIcews: number | null;
  readonly gGdelt: number | null;
  readonly dyads: readonly number[];
}

export interface StoredPoint {
  readonly recordedMs: number;
  readonly reportedMs: number;
}

export interface StoredVersion extends StoredPoint {
  readonly counted: Counted;
}

type DeltaParams = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  string,
  string,
  number,
  number,
  number,
  number | null,
  number | null,
];

type CellParams = [
  number,
  number,
  number,
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

type CellKey = [number, number, number, string, string, number, number, number];

export class SeriesStatements {
  readonly dyadId: SqliteStatement<[string, string], number>;
  readonly insertDyad: SqliteStatement<[string, string]>;
  readonly report: SqliteStatement<[string], { versions: string; retractions: string }>;
  readonly saveReport: SqliteStatement<[string, string, string]>;
  readonly insertDelta: SqliteStatement<DeltaParams>;
  readonly addCell: SqliteStatement<CellParams>;
  readonly dropEmptyCell: SqliteStatement<CellKey>;
  readonly clock: SqliteStatement<[], { last_record_ms: number; next_delta_no: number }>;
  readonly saveClock: SqliteStatement<[number, number]>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.dyadId = db
      .prepare<[string, string], number>(
        `SELECT dyad_id FROM ${t('dyads')} WHERE actor = ? AND target = ?`,
      )
      .pluck();
    this.insertDyad = db.prepare(`INSERT INTO ${t('dyads')} (actor, target) VALUES (?, ?)`);
    this.report = db.prepare(
      `SELECT versions, retractions FROM ${t('reports')} WHERE report_id = ?`,
    );
    this.saveReport = db.prepare(
      `INSERT INTO ${t('reports')} (report_id, versions, retractions) VALUES (?, ?, ?)
       ON CONFLICT (report_id) DO UPDATE SET versions = excluded.versions,
         retractions = excluded.retractions`,
    );
    this.insertDelta = db.prepare(
      `INSERT INTO ${t('deltas')} (dyad_id, start_ms, delta_no, month, week, recorded_ms,
         reported_ms, sign, type, plover, quad, approx, curated, g_icews, g_gdelt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.addCell = db.prepare(
      `INSERT INTO ${t('cells')} (dyad_id, grain, bucket, type, plover, quad, approx, curated,
         count, scored_icews, sum_icews, scored_gdelt, sum_gdelt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET count = count + excluded.count,
         scored_icews = scored_icews + excluded.scored_icews,
         sum_icews = sum_icews + excluded.sum_icews,
         scored_gdelt = scored_gdelt + excluded.scored_gdelt,
         sum_gdelt = sum_gdelt + excluded.sum_gdelt`,
    );
    this.dropEmptyCell = db.prepare(
      `DELETE FROM ${t('cells')} WHERE dyad_id = ? AND grain = ? AND bucket = ? AND type = ?
         AND plover = ? AND quad = ? AND approx = ? AND curated = ? AND count = 0`,
    );
    this.clock = db.prepare(`SELECT last_record_ms, next_delta_no FROM ${t('clock')}`);
    this.saveClock = db.prepare(
      `INSERT INTO ${t('clock')} (id, last_record_ms, next_delta_no) VALUES (0, ?, ?)
       ON CONFLICT (id) DO UPDATE SET last_record_ms = excluded.last_record_ms,
         next_delta_no = excluded.next_delta_no`,
    );
  }
}
