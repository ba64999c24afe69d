import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** Who holds a data directory, as its holder wrote it down when it took the lock. */
export interface DataDirectoryHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  readonly command: string;
}

export interface DataDirectoryLock {
  readonly dir: string;
  /** Lets the directory go; a second call does nothing. */
  release(): void;
}

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: DataDirectoryHolder | null,
  ) {
    super(
      `the data directory ${dir} is in use by ${
        holder
          ? `process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since})`
          : 'another process'
      }: only one server or importer may use a data directory at a time; stop it, or set another DATA_DIR`,
    );
    this.name = 'DataDirectoryLockedError';
  }
}

const LOCK_FILE = 'entente.lock';
const HOLDER_FILE = 'entente.lock.json';

/**
 * Takes the data directory for this process alone, or throws `DataDirectoryLockedError` naming the
 * process that has it. Every server and importer takes it before opening anything in the directory: two
 * writers on one store would each keep read models and live followers that miss the other's appends.
 *
 * The lock is SQLite's own exclusive file lock on `entente.lock`, held by an open transaction: the
 * operating system drops it when the process ends, however it ends, so a crash never leaves a stale lock
 * to clean up (lock files with heartbeats, such as proper-lockfile's, must wait out a staleness period
 * after a kill -9, and declare a live holder stale when its event loop is busy for longer). Within one
 * process SQLite keeps the same rule between connections, so a second app in one test process is refused
 * too. The holder's pid goes in `entente.lock.json`, beside it, for the refusal to name.
 */
export function lockDataDirectory(
  dir: string,
  command = process.argv.slice(1).join(' '),
): DataDirectoryLock {
  const absolute = resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const db = new Database(join(absolute, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new DataDirectoryLockedError(absolute, readHolder(absolute));
    }
    throw error;
  }
  const holder: DataDirectoryHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command,
  };
  writeFileSync(join(absolute, HOLDER_FILE), `${JSON.stringify(holder)}\n`);
  let held = true;
  return {
    dir: absolute,
    release: () => {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}

function readHolder(dir: string): DataDirectoryHolder | null {
  try {
    return JSON.parse(readFileSync(join(dir, HOLDER_FILE), 'utf8')) as DataDirectoryHolder;
  } catch {
    return null;
  }
}
