import type { SqliteDatabase } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

/**
 * The dyad series, one generation.
 *
 * - `dyads`: one id per directed pair; id 0 is the world (every fact once: the volume that
 *   `normalise=total` divides by).
 * - `reports`: per report, the record and report time of each version and retraction and what each
 *   version counts as, so that an amendment can recompute the report's knowledge terms.
 * - `deltas`: one row per knowledge term per dyad: a signed count (and Goldstein scores) that holds
 *   for every record time >= `recorded_ms` and report time >= `reported_ms`. "As known at (K, R)" is
 *   the sum of the rows below both limits: retractions and corrections add rows, never rewrite them.
 * - `cells`: what the deltas add up to with every limit open (as known now), per dyad, grain (1
 *   month, 2 ISO week; years are summed from months) and bucket: the common question, read without
 *   summing history.
 * - `clock`: the latest record time applied: a query limited at or after it is a query about now.
 */
export function createSeriesTables(db: SqliteDatabase, t: TableNamer): void {
  db.transaction(() =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${t('dyads')} (
        dyad_id INTEGER PRIMARY KEY,
        actor   TEXT NOT NULL,
        target  TEXT NOT NULL,
        UNIQUE (actor, target)
      );
      CREATE TABLE IF NOT EXISTS ${t('reports')} (
        report_id   TEXT PRIMARY KEY,
        versions    TEXT NOT NULL,
        retractions TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS ${t('deltas')} (
        dyad_id     INTEGER NOT NULL,
        start_ms    INTEGER NOT NULL,
        delta_no    INTEGER NOT NULL,
        month       INTEGER NOT NULL,
        week        INTEGER NOT NULL,
        recorded_ms INTEGER NOT NULL,
        reported_ms INTEGER NOT NULL,
        sign        INTEGER NOT NULL,
        type        TEXT    NOT NULL,
        plover      TEXT    NOT NULL,
        quad        INTEGER NOT NULL,
        approx      INTEGER NOT NULL,
        curated     INTEGER NOT NULL,
        g_icews     REAL,
        g_gdelt     REAL,
        PRIMARY KEY (dyad_id, start_ms, delta_no)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS ${t('deltas_by_start')} ON ${t('deltas')} (start_ms);
      CREATE TABLE IF NOT EXISTS ${t('cells')} (
        dyad_id      INTEGER NOT NULL,
        grain        INTEGER NOT NULL,
        bucket       INTEGER NOT NULL,
        type         TEXT    NOT NULL,
        plover       TEXT    NOT NULL,
        quad         INTEGER NOT NULL,
        approx       INTEGER NOT NULL,
        curated      INTEGER NOT NULL,
        count        INTEGER NOT NULL,
        scored_icews INTEGER NOT NULL,
        sum_icews    REAL    NOT NULL,
        scored_gdelt INTEGER NOT NULL,
        sum_gdelt    REAL    NOT NULL,
        PRIMARY KEY (dyad_id, grain, bucket, type, plover, quad, approx, curated)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS ${t('cells_by_bucket')} ON ${t('cells')} (grain, bucket);
      CREATE TABLE IF NOT EXISTS ${t('clock')} (
        id             INTEGER PRIMARY KEY CHECK (id = 0),
        last_record_ms INTEGER NOT NULL,
        next_delta_no  INTEGER NOT NULL
      );
    `),
  )();
}

export function dropSeriesTables(db: SqliteDatabase, t: TableNamer): void {
  for (const table of ['dyads', 'reports', 'deltas', 'cells', 'clock']) {
    db.exec(`DROP TABLE IF EXISTS ${t(table)}`);
  }
}

/** Grains stored in `cells`. */
export const MONTH_GRAIN = 1;
export const WEEK_GRAIN = 2;
