import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import { readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { nextTurn } from './timeline-catch-up';

const SCRATCH_CACHE_KIB = 32 * 1024;
/** How every scratch schema's name ends, and so its file's. */
const SCRATCH_SUFFIX = 'scratch';
/** Rows written to one table at a time. */
const RUN = 200;

interface Waiting {
  readonly insert: SqliteStatement<unknown[]>;
  rows: (readonly unknown[])[];
}

/**
 * Rows a rebuild puts aside to read back in another order, in a database of its own beside the read
 * models (a private temporary one for an in-memory read model), split by ranges of a column into tables
 * small enough that sorting one is a short stretch of work: the rebuild runs on the thread that answers
 * HTTP, and one sort of everything blocked it for seconds. The file is deleted off the event loop when
 * done: closing a deleted file of a gigabyte blocked it for 150 ms.
 */
export class RebuildScratch {
  private readonly waiting = new Map<string, Waiting>();
  private readonly file: string;
  readonly schema: string;

  /** `prefix`: the schema's name up to the suffix every scratch schema ends with. */
  constructor(
    private readonly db: SqliteDatabase,
    prefix: string,
  ) {
    this.schema = `${prefix}${SCRATCH_SUFFIX}`;
    const schema = this.schema;
    this.file = db.memory ? '' : `${db.name}.${schema}`;
    if (this.file) removeLeftovers(db);
    db.prepare('ATTACH DATABASE ? AS ' + schema).run(this.file);
    // Scratch: a crash loses it with the rebuild it belonged to.
    db.pragma(`${schema}.journal_mode = OFF`);
    db.pragma(`${schema}.synchronous = OFF`);
    // Hundreds of tables grow at once, one page at their end each: room for those pages and their parents.
    db.pragma(`${schema}.cache_size = -${SCRATCH_CACHE_KIB}`);
  }

  /**
   * Puts a row in table `name` of partition `part`, made by `columns` (SQL) on first use. Rows wait in
   * memory and go in by runs of one table: rows spread over hundreds of tables one at a time cost
   * about 5 µs each, runs of 200 about 1.4.
   */
  insert(name: string, part: number, columns: string, values: readonly unknown[]): void {
    const table = this.table(name, part);
    let waiting = this.waiting.get(table);
    if (!waiting) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} ${columns}`);
      waiting = {
        insert: this.db.prepare(
          `INSERT INTO ${table} VALUES (${values.map(() => '?').join(', ')})`,
        ),
        rows: [],
      };
      this.waiting.set(table, waiting);
    }
    waiting.rows.push(values);
    if (waiting.rows.length >= RUN) flush(waiting);
  }

  /**
   * The partitions of `name` that hold rows, in order, once every row is written: a table at a time,
   * with a turn of the event loop between two (all of them at once are tens of thousands of rows).
   */
  async parts(name: string): Promise<number[]> {
    const prefix = `${this.schema}.${name}_`;
    const tables = [...this.waiting].filter(([table]) => table.startsWith(prefix));
    for (const [, waiting] of tables) {
      this.db.transaction(() => flush(waiting))();
      await nextTurn();
    }
    return tables.map(([table]) => Number(table.slice(prefix.length))).sort((a, b) => a - b);
  }

  table(name: string, part: number): string {
    return `${this.schema}.${name}_${part}`;
  }

  close(): void {
    this.waiting.clear();
    this.db.exec(`DETACH DATABASE ${this.schema}`);
    if (this.file) void rm(this.file, { force: true }).catch(() => undefined);
  }
}

/**
 * Scratch files of rebuilds that did not get to delete their own (a crash, or an exit before the
 * deletion off the event loop ran), this one's or another generation's: they belong to nothing now
 * (one process writes a data directory), and each can be as large as the log.
 */
function removeLeftovers(db: SqliteDatabase): void {
  const attached = new Set(
    db
      .prepare<[], { file: string }>('PRAGMA database_list')
      .all()
      .map(({ file }) => resolve(file)),
  );
  const dir = dirname(resolve(db.name));
  const prefix = `${basename(db.name)}.`;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.startsWith(prefix) && name.endsWith(SCRATCH_SUFFIX) && !attached.has(file)) {
      rmSync(file, { force: true });
    }
  }
}

function flush(waiting: Waiting): void {
  for (const row of waiting.rows) waiting.insert.run(...row);
  waiting.rows = [];
}
