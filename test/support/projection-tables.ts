import type { SqliteDatabase } from '@entente/event-store';
import { tableNamer } from '@entente/projections';

export type Row = Readonly<Record<string, unknown>>;

/** One generation of one read model: its schema and every row of every table, in a stable order. */
export interface GenerationDump {
  /** `CREATE` statements of its tables and indexes, with the generation prefix taken out. */
  readonly schema: readonly string[];
  /** Rows by table name without the prefix, ordered by every column. */
  readonly tables: Readonly<Record<string, readonly Row[]>>;
}

export interface ReadModelDump {
  /** Position and version of each live generation, by projection name. */
  readonly checkpoints: Readonly<Record<string, { version: number; position: number }>>;
  /** The live generation of each projection, by projection name. */
  readonly generations: Readonly<Record<string, GenerationDump>>;
}

interface LiveRow {
  readonly name: string;
  readonly generation: number;
  readonly version: number;
  readonly position: number;
}

/** Generation numbers left out, so that two files built through different histories compare equal. */
export function dumpReadModels(db: SqliteDatabase): ReadModelDump {
  const live = db
    .prepare<[], LiveRow>(
      `SELECT l.name, l.generation, c.version, c.position FROM projection_live l
       JOIN projection_checkpoints c ON c.name = l.name AND c.generation = l.generation
       ORDER BY l.name`,
    )
    .all();
  return {
    checkpoints: Object.fromEntries(
      live.map((row) => [row.name, { version: row.version, position: row.position }]),
    ),
    generations: Object.fromEntries(
      live.map((row) => [row.name, dumpGeneration(db, tableNamer(row.name, row.generation)(''))]),
    ),
  };
}

export function dumpGeneration(db: SqliteDatabase, prefix: string): GenerationDump {
  const objects = db
    .prepare<[number, string], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM sqlite_master
       WHERE substr(name, 1, ?) = ? AND sql IS NOT NULL ORDER BY type, name`,
    )
    .all(prefix.length, prefix);
  const tables: Record<string, Row[]> = {};
  for (const { name } of objects.filter((o) => o.type === 'table')) {
    const columns = db
      .prepare<[string], string>('SELECT name FROM pragma_table_info(?) ORDER BY cid')
      .pluck()
      .all(name);
    const order = columns.map((_column, i) => String(i + 1)).join(', ');
    tables[name.slice(prefix.length)] = db
      .prepare<[], Row>(`SELECT * FROM "${name}" ORDER BY ${order}`)
      .all();
  }
  return { schema: objects.map((o) => o.sql.split(prefix).join('')), tables };
}

/** Every table and index in the file, by name. */
export function schemaObjects(db: SqliteDatabase): string[] {
  return db
    .prepare<[], string>(`SELECT name FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name`)
    .pluck()
    .all();
}
