import type { SqliteDatabase } from './sqlite-database';

const SCHEMA_VERSION = 1;

/**
 * The position is the rowid, so the log's order is the table's physical order and reading "everything
 * after position p" is a range scan of the primary key.
 */
export function migrateEventStoreSchema(db: SqliteDatabase): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `event store schema ${version} is newer than this build understands (${SCHEMA_VERSION})`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position        INTEGER PRIMARY KEY,
      event_id        TEXT    NOT NULL UNIQUE,
      stream          TEXT    NOT NULL,
      revision        INTEGER NOT NULL,
      type            TEXT    NOT NULL,
      schema_version  INTEGER NOT NULL,
      data            TEXT    NOT NULL,
      recorded_at     TEXT    NOT NULL,
      recorded_by     TEXT    NOT NULL,
      correlation_id  TEXT    NOT NULL,
      causation_id    TEXT,
      UNIQUE (stream, revision)
    );
    CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
    PRAGMA user_version = ${SCHEMA_VERSION};
  `);
}
