import type { SqliteDatabase } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

/**
 * Every event, findable by id, by actor, by pair and channel, by type, by the time it happened, and by
 * the facets a listing filters on (evidence, the coding's dataset, each side's role: a correction's are
 * its replacement's). Retractions and corrections are filed under the keys of the report they amend, so
 * that a pair's history shows them too; `channel = ''` files context about a pair as a whole.
 *
 * The facets are columns with indexes, not paths into `data`: a filter that matched nothing read every
 * event's JSON, about 6 s at 1,000,000 events, on the thread that answers HTTP. An amendment finds the
 * files of its report's versions by position: without an index by position, each lookup read a whole
 * index (15 and 30 ms at 200,000 events), and indexing a history of amendments was quadratic.
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
      occurred_ms    INTEGER,
      evidence       TEXT    NOT NULL,
      dataset        TEXT,
      actor_role     TEXT,
      target_role    TEXT
    );
    CREATE INDEX IF NOT EXISTS ${t('events_by_type')} ON ${t('events')} (type, position);
    CREATE INDEX IF NOT EXISTS ${t('events_by_report')} ON ${t('events')} (report_id, position);
    CREATE INDEX IF NOT EXISTS ${t('events_by_occurred')} ON ${t('events')} (occurred_ms, position);
    CREATE INDEX IF NOT EXISTS ${t('events_by_evidence')} ON ${t('events')} (evidence, position);
    CREATE INDEX IF NOT EXISTS ${t('events_by_dataset')} ON ${t('events')} (dataset, position);
    CREATE INDEX IF NOT EXISTS ${t('events_by_actor_role')} ON ${t('events')} (actor_role, position);
    CREATE INDEX IF NOT EXISTS ${t('events_by_target_role')} ON ${t('events')} (target_role, position);

    CREATE TABLE IF NOT EXISTS ${t('event_keys')} (
      actor    TEXT    NOT NULL,
      target   TEXT    NOT NULL,
      channel  TEXT    NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (actor, target, channel, position)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${t('event_keys_by_actor')} ON ${t('event_keys')} (actor, position);
    CREATE INDEX IF NOT EXISTS ${t('event_keys_by_target')} ON ${t('event_keys')} (target, position);
    CREATE INDEX IF NOT EXISTS ${t('event_keys_by_position')} ON ${t('event_keys')} (position);

    CREATE TABLE IF NOT EXISTS ${t('event_actors')} (
      actor    TEXT    NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (actor, position)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${t('event_actors_by_position')} ON ${t('event_actors')} (position);
  `);
}

export function dropEventIndexTables(db: SqliteDatabase, t: TableNamer): void {
  for (const table of ['events', 'event_keys', 'event_actors'])
    db.exec(`DROP TABLE IF EXISTS ${t(table)}`);
}
