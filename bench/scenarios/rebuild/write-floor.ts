/**
 * The floor under any rebuild that reads the log through the store and writes this read model to
 * SQLite: the store's readAll over every event, then the finished timeline's tables written into a fresh
 * file by SQLite alone (INSERT ... SELECT, in key order, one transaction per table, no JavaScript per
 * row), with the indexes the tables carry. No fold at all: what is left of the rate target once reading
 * and writing are paid for.
 */
import { SqliteEventStore } from '@entente/event-store';
import Database from 'better-sqlite3';
import { openReadModelFile } from '@entente/projections';
import { join } from 'node:path';
import type { CaseContext, CaseResult } from '../../harness/types';

/** Seconds to write into `file` every table (and index) of the read model at `source`. */
export function writeTablesOf(source: string, file: string): { seconds: number; rows: number } {
  const db = openReadModelFile(file);
  db.prepare('ATTACH DATABASE ? AS source').run(source);
  const schema = db
    .prepare<[], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM source.sqlite_master
       WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', name`,
    )
    .all();
  for (const { sql } of schema) db.exec(sql);
  const tables = schema.filter((entry) => entry.type === 'table').map((entry) => entry.name);
  const started = performance.now();
  let rows = 0;
  for (const table of tables) {
    const copy = db.prepare(`INSERT INTO main."${table}" SELECT * FROM source."${table}"`);
    rows += db.transaction(() => copy.run().changes)();
  }
  const seconds = (performance.now() - started) / 1000;
  db.prepare('DETACH DATABASE source').run();
  db.close();
  return { seconds, rows };
}

/** Rows read from the finished read model per timed run of inserts (the reading is not timed). */
const ROWS_PER_RUN = 10_000;

/**
 * Seconds to write into `file` every row of the read model at `source` one at a time through
 * better-sqlite3's prepared statements, as any fold in JavaScript must hand them over: in the source's
 * order (key order, the B-tree's best case), runs of 10,000 rows per transaction, with the same indexes.
 * Only the inserts are timed, not reading the rows back from `source`.
 */
export function writeRowsOf(source: string, file: string): { seconds: number; rows: number } {
  const db = openReadModelFile(file);
  const from = new Database(source, { readonly: true });
  const schema = from
    .prepare<[], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM sqlite_master
       WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', name`,
    )
    .all();
  for (const { sql } of schema) db.exec(sql);
  let seconds = 0;
  let rows = 0;
  for (const { name } of schema.filter((entry) => entry.type === 'table')) {
    const read = from.prepare(`SELECT * FROM "${name}"`).raw();
    const columns = read.columns().length;
    const insert = db.prepare(
      `INSERT INTO "${name}" VALUES (${Array(columns).fill('?').join(', ')})`,
    );
    const writeRun = db.transaction((run: readonly unknown[][]) => {
      for (const row of run) insert.run(...row);
    });
    const timed = (run: readonly unknown[][]) => {
      const started = performance.now();
      writeRun(run);
      seconds += (performance.now() - started) / 1000;
      rows += run.length;
    };
    let run: unknown[][] = [];
    for (const row of read.iterate() as IterableIterator<unknown[]>) {
      run.push(row);
      if (run.length < ROWS_PER_RUN) continue;
      timed(run);
      run = [];
    }
    if (run.length > 0) timed(run);
  }
  from.close();
  db.close();
  return { seconds, rows };
}

/** Seconds to read every event through the store, in the pages a catch-up reads. */
export async function readThroughStore(
  storeFile: string,
): Promise<{ seconds: number; events: number }> {
  const store = SqliteEventStore.open({ file: storeFile, durability: 'normal' });
  const started = performance.now();
  let events = 0;
  for (let from = 0; ;) {
    const page = await store.readAll({ from, maxCount: 512 });
    if (page.length === 0) break;
    events += page.length;
    from = page[page.length - 1].position;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { seconds, events };
}

/**
 * `readModel`: a finished timeline read model of the same history (made by the caller, not timed).
 * `rows`: its rows written one at a time from JavaScript, as a fold must, instead of by SQLite alone.
 */
export async function writeFloor(
  storeFile: string,
  readModel: string,
  context: CaseContext,
  how: 'sqlite' | 'rows',
): Promise<CaseResult> {
  const read = await readThroughStore(storeFile);
  const written = (how === 'rows' ? writeRowsOf : writeTablesOf)(
    readModel,
    join(context.dir, 'floor.db'),
  );
  const rate = read.events / (read.seconds + written.seconds);
  const by = how === 'rows' ? 'one at a time through better-sqlite3' : 'by SQLite alone';
  context.log(
    `read ${read.events.toLocaleString('en-US')} events through the store in ${read.seconds.toFixed(2)} s, ` +
      `wrote ${written.rows.toLocaleString('en-US')} read-model rows ${by} in ` +
      `${written.seconds.toFixed(2)} s: the two alone ${Math.round(rate).toLocaleString('en-US')} events/s`,
  );
  const key = how === 'rows' ? 'rows-floor' : 'floor';
  return {
    values: {
      [`${key}.events-per-s`]: rate,
      [`${key}.write-s`]: written.seconds,
      [`${key}.read-s`]: read.seconds,
    },
  };
}
