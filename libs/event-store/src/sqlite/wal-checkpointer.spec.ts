import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

const ROWS = 2_000;

function filled(db: SqliteDatabase): void {
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  for (let i = 0; i < ROWS; i++) insert.run('x'.repeat(500));
}

/** Polls until the file's pages reach the database file; bounded, so a checkpointer that never runs fails. */
async function grownPast(file: string, bytes: number): Promise<boolean> {
  for (let i = 0; i < 400; i++) {
    if (statSync(file).size > bytes) return true;
    await sleep(50);
  }
  return false;
}

describe('checkpoints in the background', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'entente-wal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given writes that stay under the writer own threshold, when time passes, then the worker copies them into the database file', async () => {
    const file = join(dir, 'db.sqlite');
    const db = openSqliteDatabase(file, { checkpoints: 'background' });
    const before = statSync(file).size;
    filled(db);

    expect(await grownPast(file, before + ROWS * 500)).toBe(true);
    db.close();
  });

  it('given a database checkpointed in the background, when closed, then the WAL is folded in and every row reads back', () => {
    const file = join(dir, 'db.sqlite');
    const db = openSqliteDatabase(file, { checkpoints: 'background' });
    filled(db);
    db.close();

    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = openSqliteDatabase(file);
    expect(reopened.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: ROWS });
    reopened.close();
  });

  it('given inline checkpoints, when the same writes are made, then nothing moves into the file until the writer checkpoints', () => {
    const file = join(dir, 'db.sqlite');
    const db = openSqliteDatabase(file);
    db.pragma('wal_autocheckpoint = 10000');
    const before = statSync(file).size;
    filled(db);

    expect(statSync(file).size).toBe(before);
    db.close();
  });
});
