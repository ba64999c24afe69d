import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';

export interface CheckpointRow {
  readonly name: string;
  readonly generation: number;
  readonly version: number;
  readonly position: number;
}

/**
 * Which generation of each read model answers queries, and how far each generation has read. A checkpoint
 * is written in the same transaction as the rows it covers, so rows and position never disagree.
 */
export class ProjectionRegistry {
  private readonly saveStatement: SqliteStatement<[number, string, number]>;
  private readonly loadStatement: SqliteStatement<[string, number], CheckpointRow>;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        name        TEXT    NOT NULL,
        generation  INTEGER NOT NULL,
        version     INTEGER NOT NULL,
        position    INTEGER NOT NULL,
        PRIMARY KEY (name, generation)
      );
      CREATE TABLE IF NOT EXISTS projection_live (
        name        TEXT PRIMARY KEY,
        generation  INTEGER NOT NULL
      );
    `);
    this.saveStatement = db.prepare(
      'UPDATE projection_checkpoints SET position = ? WHERE name = ? AND generation = ?',
    );
    this.loadStatement = db.prepare(
      'SELECT * FROM projection_checkpoints WHERE name = ? AND generation = ?',
    );
  }

  liveGeneration(name: string): CheckpointRow | undefined {
    return this.db
      .prepare<[string], CheckpointRow>(
        `SELECT c.* FROM projection_live l
         JOIN projection_checkpoints c ON c.name = l.name AND c.generation = l.generation
         WHERE l.name = ?`,
      )
      .get(name);
  }

  /** Registers a new, empty generation; it becomes live only through `swap`. */
  addGeneration(name: string, version: number): CheckpointRow {
    const { next } = this.db
      .prepare<[string], { next: number }>(
        'SELECT coalesce(max(generation), 0) + 1 AS next FROM projection_checkpoints WHERE name = ?',
      )
      .get(name)!;
    this.db
      .prepare(
        'INSERT INTO projection_checkpoints (name, generation, version, position) VALUES (?, ?, ?, 0)',
      )
      .run(name, next, version);
    return { name, generation: next, version, position: 0 };
  }

  checkpoint(name: string, generation: number): CheckpointRow | undefined {
    return this.loadStatement.get(name, generation);
  }

  /** Must run inside the transaction that wrote the rows up to `position`. */
  saveCheckpoint(name: string, generation: number, position: number): void {
    this.saveStatement.run(position, name, generation);
  }

  /** Makes `generation` the one that answers; returns the generation it replaced. */
  swap(name: string, generation: number): number | undefined {
    const previous = this.db
      .prepare<[string], { generation: number }>(
        'SELECT generation FROM projection_live WHERE name = ?',
      )
      .get(name)?.generation;
    this.db
      .prepare(
        `INSERT INTO projection_live (name, generation) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET generation = excluded.generation`,
      )
      .run(name, generation);
    return previous;
  }

  removeGeneration(name: string, generation: number): void {
    this.db
      .prepare('DELETE FROM projection_checkpoints WHERE name = ? AND generation = ?')
      .run(name, generation);
  }

  /** Generations that exist but do not answer: leftovers of a rebuild interrupted by a crash. */
  idleGenerations(name: string): CheckpointRow[] {
    return this.db
      .prepare<[string, string], CheckpointRow>(
        `SELECT * FROM projection_checkpoints WHERE name = ?
         AND generation NOT IN (SELECT generation FROM projection_live WHERE name = ?)`,
      )
      .all(name, name);
  }
}
