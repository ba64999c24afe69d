import type { SqliteDatabase } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

/**
 * Every event, findable by id, by actor, by pair and channel, by type, and by the time it happened.
 * Retractions and corrections are filed under the keys of the report they amend, so that a pair's
 * history shows them too; `channel = ''` files context about a pair as a whole.
 */
export function createEventIndexTables(db: SqliteDatabase, t: TableNamer): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${t('events')} (
      position       INTEGER PRIMARY KEY,
      event_id       TEXT    NOT NULL UNIQUE,
      stream         TEXT    NOT NULL,
      revision       INTEGER NOT NULL,
      type           TEXT    NOT NULL,
      schema_version INTEGER NOT NULL,
      data           TEXT    NOT NULL,
      recorded_at    TEXT    NOT NULL,
      recorded_by    TEXT    NOT NULL,
      correlation_id TEXT    NOT NULL,
      causation_id   TEXT,
      report_id      TEXT,
      occurred_ms    INTEGER
    );
    CREATE INDEX IF NOT EXISTS ${t('events_by_type')} ON ${t('events')} (type, position);
    CREATE INDEX IF NOT EXISTS ${t('events_by_report')} ON ${t('events')} (report_id, position);
    CREATE INDEX IF NOT EXISTS ${t('events_by_occurred')} ON ${t('events')} (occurred_ms, position);

    CREATE TABLE IF NOT EXISTS ${t('event_keys')} (
      actor    TEXT    NOT NULL,
      target   TEXT    NOT NULL,
      channel  TEXT    NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (actor, target, channel, position)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${t('event_keys_by_actor')} ON ${t('event_keys')} (actor, position);
    CREATE INDEX IF NOT EXISTS ${t('event_keys_by_target')} ON ${t('event_keys')} (target, position);

    CREATE TABLE IF NOT EXISTS ${t('event_actors')} (
      actor    TEXT    NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (actor, position)
    ) WITHOUT ROWID;
  `);
}

export function dropEventIndexTables(db: SqliteDatabase, t: TableNamer): void {
  for (const table of ['events', 'event_keys', 'event_actors'])
    db.exec(`DROP TABLE IF EXISTS ${t(table)}`);
}
