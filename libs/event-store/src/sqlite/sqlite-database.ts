import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkpointInBackground } from './wal-checkpointer';

/**
 * The SQLite handle that read models receive from this lib, so that only libs/event-store imports
 * better-sqlite3 while projections still write rows and checkpoints in one local transaction.
 */
export type SqliteDatabase = Database.Database;
export type SqliteStatement<
  Params extends unknown[] = unknown[],
  Row = unknown,
> = Database.Statement<Params, Row>;

/**
 * `full`: an acknowledged commit survives a power cut (fsync of the WAL on every commit).
 * `normal`: survives a crash of the process (kill -9) but the last commits may be lost on a power cut;
 * several times faster on slow disks.
 */
export type Durability = 'full' | 'normal';

export interface OpenSqliteOptions {
  readonly durability?: Durability;
  /** SQLite's page cache; its default (16 MB) is small for a read model that rewrites pages all over. */
  readonly cacheMb?: number;
  /**
   * `inline` (SQLite's own: inside the commit that fills the WAL past its threshold) or `background` (a
   * worker thread's connection, off the thread that answers requests: for a server's files).
   */
  readonly checkpoints?: Checkpoints;
}

export type Checkpoints = 'inline' | 'background';

export function openSqliteDatabase(file: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  if (options.cacheMb !== undefined)
    db.pragma(`cache_size = ${-Math.round(options.cacheMb * 1024)}`);
  // Readers never wait on the single writer in WAL mode; this only covers a second process touching the file.
  db.pragma('busy_timeout = 5000');
  if (options.checkpoints === 'background' && file !== ':memory:') checkpointInBackground(db, file);
  return db;
}
