import type { SqliteDatabase } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

/**
 * The bitemporal timeline, one generation, in compact columns: statuses, types and precisions as small
 * integers, times as epoch milliseconds, event ids as 16 bytes, conditions as ids of a dictionary, lists
 * of event ids as a row's last items plus shared chunks (see timeline-lists). No JSON is repeated per
 * row version.
 *
 * - `keys`: one id per (actor, target, channel, view). Views are key spaces folded from different facts
 *   or on a different knowledge axis; view 0 is every fact by record time. `reported_until`: the latest
 *   report time of an event placed on the key; `unordered_from`: the record time from which its events
 *   no longer come in report order (null: they always have).
 * - `conditions`: every condition text once.
 * - `reports`: every report in effect (not retracted), by id: its position, whether its version in
 *   effect is a state change, the latest report time of its versions and every key they were placed on.
 *   What a retraction or correction finds its report by.
 * - `facts`: the state changes in effect now for each key, in fold order (valid start, position); a
 *   correction takes its original's position. What a late fact or a retraction refolds from.
 * - `fact_positions`: every fact by its report's position, what a correction or a retraction finds the
 *   facts it replaces by. A table kept beside `facts` rather than an index on it, so that a rebuild can
 *   write it in position order at its end: an index filled in the fold's key order took a random page per
 *   fact, a third of every commit's pages.
 * - `rows`: row versions. A row holds the standing after the facts starting at `valid_from`, and the
 *   ids of those facts (`group_ids`, null when the row's own basis ends with its only fact), over record
 *   time [recorded_from, recorded_to) (null: open) and valid time from its start to the next row's, as
 *   known at the same record time: a new row after it leaves it as it is. For any record time, the
 *   versions alive partition valid time from the first on, so (T, K) has at most one answer: the row
 *   alive at K starting latest by T. `report_lag` and `end_report_lag` say how long before their record
 *   times the events that began and ended the version were reported (0 most often, stored in no byte):
 *   while a key's events come in report order, what was reported by R is a prefix of them too, and the
 *   version alive at (K, R) is the one begun by both and not ended by both.
 * - `anomalies`: the anomalies that the facts at a row's start raise, one version per anomaly (`seq` in
 *   fold order), versioned like rows; a conflict names how many facts of its group came before it.
 * - `versions`: every version of every report placed on a key of view 0 (original, corrections,
 *   retraction), by the event's position, with when it was recorded and reported, and the report's fact
 *   on the key as of that version (`kind` 0; 1: none there; 2: the retraction). What a lookup folds
 *   once a key's events came out of report order, when the rows cannot say what was reported by R.
 * - `lists`: the chunks of lists too long for a row.
 * - `changes`: per event, each key whose timeline it changed, with where the key then stood: what live
 *   followers resume from.
 * - `clock`: the latest record time applied (one row), which the next row versions never go below, so
 *   that a restart carries on exactly as an uninterrupted run would even if the log's times go back.
 */
export function createTimelineTables(db: SqliteDatabase, t: TableNamer): void {
  // One transaction: a crash while creating leaves all of the tables or none.
  db.transaction(() => db.exec(schemaOf(t)))();
}

function schemaOf(t: TableNamer): string {
  return `
    CREATE TABLE IF NOT EXISTS ${t('keys')} (
      key_id  INTEGER PRIMARY KEY,
      actor   TEXT    NOT NULL,
      target  TEXT    NOT NULL,
      channel TEXT    NOT NULL,
      view    INTEGER NOT NULL,
      reported_until INTEGER,
      unordered_from INTEGER,
      UNIQUE (actor, target, channel, view)
    );
    CREATE INDEX IF NOT EXISTS ${t('keys_by_target')} ON ${t('keys')} (target, actor);

    CREATE TABLE IF NOT EXISTS ${t('conditions')} (
      condition_id INTEGER PRIMARY KEY,
      text         TEXT NOT NULL UNIQUE
    );

    CREATE TABLE IF NOT EXISTS ${t('reports')} (
      report_id      BLOB    PRIMARY KEY,
      position       INTEGER NOT NULL,
      state_change   INTEGER NOT NULL,
      reported_until INTEGER NOT NULL,
      key_ids        TEXT
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('facts')} (
      key_id     INTEGER NOT NULL,
      start_ms   INTEGER NOT NULL,
      position   INTEGER NOT NULL,
      event_id   BLOB    NOT NULL,
      type       INTEGER NOT NULL,
      precision  INTEGER NOT NULL,
      occurred   TEXT,
      conditions TEXT,
      PRIMARY KEY (key_id, start_ms, position)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('fact_positions')} (
      position INTEGER NOT NULL,
      key_id   INTEGER NOT NULL,
      start_ms INTEGER NOT NULL,
      PRIMARY KEY (position, key_id, start_ms)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('rows')} (
      key_id          INTEGER NOT NULL,
      valid_from      INTEGER NOT NULL,
      recorded_from   INTEGER NOT NULL,
      report_lag      INTEGER NOT NULL,
      recorded_to     INTEGER,
      end_report_lag  INTEGER,
      status          INTEGER NOT NULL,
      since_ms        INTEGER,
      since_precision INTEGER NOT NULL,
      since_occurred  TEXT,
      conditions      TEXT,
      basis_chunk     BLOB,
      basis           BLOB    NOT NULL,
      group_chunk     BLOB,
      group_ids       BLOB,
      PRIMARY KEY (key_id, valid_from, recorded_from, report_lag)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('anomalies')} (
      key_id        INTEGER NOT NULL,
      valid_from    INTEGER NOT NULL,
      seq           INTEGER NOT NULL,
      recorded_from  INTEGER NOT NULL,
      report_lag     INTEGER NOT NULL,
      recorded_to    INTEGER,
      end_report_lag INTEGER,
      kind           INTEGER NOT NULL,
      event_id      BLOB    NOT NULL,
      type          INTEGER NOT NULL,
      from_status   INTEGER NOT NULL,
      to_status     INTEGER NOT NULL,
      conflicts     INTEGER,
      PRIMARY KEY (key_id, valid_from, seq, recorded_from, report_lag)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('versions')} (
      key_id          INTEGER NOT NULL,
      position        INTEGER NOT NULL,
      report_position INTEGER NOT NULL,
      recorded_ms     INTEGER NOT NULL,
      report_lag      INTEGER NOT NULL,
      kind            INTEGER NOT NULL,
      machine         INTEGER NOT NULL,
      start_ms        INTEGER,
      event_id        BLOB,
      type            INTEGER,
      precision       INTEGER,
      occurred        TEXT,
      conditions      TEXT,
      PRIMARY KEY (key_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('lists')} (
      chunk_id BLOB    PRIMARY KEY,
      before   BLOB,
      items    BLOB    NOT NULL,
      length   INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('changes')} (
      position        INTEGER NOT NULL,
      key_id          INTEGER NOT NULL,
      event_id        BLOB    NOT NULL,
      from_ms         INTEGER NOT NULL,
      status          INTEGER,
      since_ms        INTEGER,
      since_precision INTEGER,
      since_occurred  TEXT,
      conditions      TEXT,
      basis_chunk     BLOB,
      basis           BLOB,
      PRIMARY KEY (position, key_id)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('clock')} (
      id             INTEGER PRIMARY KEY CHECK (id = 0),
      last_record_ms INTEGER NOT NULL
    );
  `;
}

const TABLES = [
  'keys',
  'conditions',
  'reports',
  'facts',
  'fact_positions',
  'rows',
  'anomalies',
  'versions',
  'lists',
  'changes',
  'clock',
];

export function dropTimelineTables(db: SqliteDatabase, t: TableNamer): void {
  for (const table of TABLES) db.exec(`DROP TABLE IF EXISTS ${t(table)}`);
}
