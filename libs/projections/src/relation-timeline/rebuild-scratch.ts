import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { nextTurn } from './timeline-catch-up';

const SCRATCH_CACHE_KIB = 32 * 1024;
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

  constructor(
    private readonly db: SqliteDatabase,
    readonly schema: string,
  ) {
    this.file = db.memory ? '' : `${db.name}.${schema}`;
    // Left by a rebuild that a crash interrupted: it belongs to nothing now.
    if (this.file) rmSync(this.file, { force: true });
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

function flush(waiting: Waiting): void {
  for (const row of waiting.rows) waiting.insert.run(...row);
  waiting.rows = [];
}
