import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

const SCRATCH_CACHE_KIB = 32 * 1024;

/**
 * Rows a rebuild puts aside to read back in another order, in a database of its own beside the read
 * models (a private temporary one for an in-memory read model), split by ranges of a column into tables
 * small enough that sorting one is a short stretch of work: the rebuild runs on the thread that answers
 * HTTP, and one sort of everything blocked it for seconds. The file is deleted off the event loop when
 * done: closing a deleted file of a gigabyte blocked it for 150 ms.
 */
export class RebuildScratch {
  private readonly inserts = new Map<string, SqliteStatement<unknown[]>>();
  private readonly created = new Set<string>();
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

  /** Puts a row in table `name` of partition `part`, made by `columns` (SQL) on first use. */
  insert(name: string, part: number, columns: string, values: readonly unknown[]): void {
    const table = this.table(name, part);
    let insert = this.inserts.get(table);
    if (!insert) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} ${columns}`);
      this.created.add(table);
      insert = this.db.prepare(`INSERT INTO ${table} VALUES (${values.map(() => '?').join(', ')})`);
      this.inserts.set(table, insert);
    }
    insert.run(...values);
  }

  /** The partitions of `name` that hold rows, in order. */
  parts(name: string): number[] {
    const prefix = `${this.schema}.${name}_`;
    return [...this.created]
      .filter((table) => table.startsWith(prefix))
      .map((table) => Number(table.slice(prefix.length)))
      .sort((a, b) => a - b);
  }

  table(name: string, part: number): string {
    return `${this.schema}.${name}_${part}`;
  }

  close(): void {
    this.inserts.clear();
    this.db.exec(`DETACH DATABASE ${this.schema}`);
    if (this.file) void rm(this.file, { force: true }).catch(() => undefined);
  }
}
