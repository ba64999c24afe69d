import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * INTERIM, until issue 17's exclusive data-directory lock (libs/event-store) is on main: a lock file
 * holding the pid of the process that writes the directory. Taken with O_EXCL, so two importers exclude
 * each other; a lock whose process is gone is stale and taken over. A server started from main does not
 * take it yet, so a server running on the same directory is only refused once issue 17 lands and its
 * lock replaces this one (in `openStoreExclusively`, the one place that opens the store).
 */
export const LOCK_FILE = 'entente.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: string,
  ) {
    super(
      `${dir} is in use by ${holder}: stop it first, or import through it with --api URL --key KEY`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string, holder: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, holder }));
      closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(file);
      if (current && isAlive(current.pid)) {
        throw new DataDirLockedError(dir, `${current.holder} (pid ${current.pid})`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(dir, 'another process');
}

function readHolder(file: string): { pid: number; holder: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; holder?: unknown };
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, holder: String(parsed.holder ?? 'a process') }
      : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
