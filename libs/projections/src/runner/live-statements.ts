import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from './projection';
import type { LiveGeneration } from './projection-manager';

/**
 * Statements on whichever generation of a read model answers, prepared once per generation: a rebuild
 * that swaps generations makes the next query prepare against the new tables.
 */
export class LiveStatements {
  private cached: { generation: number; statements: Map<string, SqliteStatement> } | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly live: () => LiveGeneration,
  ) {}

  get(sql: (t: TableNamer) => string): SqliteStatement {
    const { generation, tables } = this.live();
    if (this.cached?.generation !== generation) this.cached = { generation, statements: new Map() };
    const text = sql(tables);
    let statement = this.cached.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.cached.statements.set(text, statement);
    }
    return statement;
  }
}
