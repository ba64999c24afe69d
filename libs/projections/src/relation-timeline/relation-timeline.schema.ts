import type { SqliteDatabase } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

/**
 * The bitemporal timeline, one generation.
 *
 * - `keys`: one id per (actor, target, channel).
 * - `facts`: the state changes in effect now for each key, in fold order (valid start, record order,
 *   id); a correction takes its original's position. What a late fact or a retraction refolds from.
 * - `context_reports`: positions of context facts, which a correction may turn into state changes.
 * - `rows`: row versions. A row holds the state after the facts starting at `valid_from`, over valid time
 *   [valid_from, valid_to) and record time [recorded_from, recorded_to); null is open. For any record
 *   time, the versions alive partition valid time, so (T, K) has at most one answer.
 * - `anomalies`: the anomalies that the facts at a row's start add, versioned like rows, one entry per
 *   start that adds any; a row holds the standing alone, so that its size does not grow with every
 *   anomaly before it.
 * - `changes`: per event, the keys whose timeline it changed: what live followers resume from.
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
      actor   TEXT NOT NULL,
      target  TEXT NOT NULL,
      channel TEXT NOT NULL,
      UNIQUE (actor, target, channel)
    );
    CREATE INDEX IF NOT EXISTS ${t('keys_by_target')} ON ${t('keys')} (target, actor);

    CREATE TABLE IF NOT EXISTS ${t('facts')} (
      key_id      INTEGER NOT NULL,
      start_ms    INTEGER NOT NULL,
      position    INTEGER NOT NULL,
      event_id    TEXT    NOT NULL,
      report_id   TEXT    NOT NULL,
      type        TEXT    NOT NULL,
      occurred_at TEXT    NOT NULL,
      conditions  TEXT    NOT NULL,
      PRIMARY KEY (key_id, start_ms, position, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${t('facts_by_report')} ON ${t('facts')} (report_id);

    CREATE TABLE IF NOT EXISTS ${t('context_reports')} (
      report_id TEXT PRIMARY KEY,
      position  INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('rows')} (
      key_id        INTEGER NOT NULL,
      valid_from    INTEGER NOT NULL,
      recorded_from INTEGER NOT NULL,
      valid_to      INTEGER,
      recorded_to   INTEGER,
      status        TEXT    NOT NULL,
      state         TEXT    NOT NULL,
      PRIMARY KEY (key_id, valid_from, recorded_from)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${t('open_rows')} ON ${t('rows')} (key_id, recorded_from)
      WHERE valid_to IS NULL;

    CREATE TABLE IF NOT EXISTS ${t('changes')} (
      position INTEGER NOT NULL,
      key_id   INTEGER NOT NULL,
      event_id TEXT    NOT NULL,
      from_ms  INTEGER NOT NULL,
      current  TEXT,
      PRIMARY KEY (position, key_id)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS ${t('clock')} (
      id             INTEGER PRIMARY KEY CHECK (id = 0),
      last_record_ms INTEGER NOT NULL
    );

    CREATE TABLE IF NOT EXISTS ${t('anomalies')} (
      key_id        INTEGER NOT NULL,
      valid_from    INTEGER NOT NULL,
      recorded_from INTEGER NOT NULL,
      recorded_to   INTEGER,
      anomalies     TEXT    NOT NULL,
      PRIMARY KEY (key_id, valid_from, recorded_from)
    ) WITHOUT ROWID;
  `;
}

export function dropTimelineTables(db: SqliteDatabase, t: TableNamer): void {
  for (const table of [
    'keys',
    'facts',
    'context_reports',
    'rows',
    'anomalies',
    'changes',
    'clock',
  ]) {
    db.exec(`DROP TABLE IF EXISTS ${t(table)}`);
  }
}
