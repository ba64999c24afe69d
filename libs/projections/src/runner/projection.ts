import type { RecordedEvent, SqliteDatabase } from '@entente/event-store';

/**
 * A projection builds one read model. It names it, lists the events it handles, and carries a version:
 * bumping the version makes the runner build a fresh copy beside the live one and swap when it has caught
 * up. The runner owns transactions and checkpoints; a projection only writes rows.
 */
export interface ProjectionDefinition<Change = never> {
  /** The read model it builds, e.g. `relation-timeline`; also the prefix of its tables. */
  readonly name: string;
  readonly version: number;
  /** The event types it reads; others only advance its checkpoint. */
  readonly handles: readonly string[];
  /** Binds the projection to one generation of its tables in `db`. */
  open(db: SqliteDatabase, tables: TableNamer): ProjectionWriter<Change>;
}

export interface ProjectionWriter<Change = never> {
  /** Creates this generation's tables and indexes (idempotent). */
  create(): void;
  /** Drops this generation's tables. */
  drop(): void;
  /**
   * Applies events in position order inside the runner's transaction and returns what changed, for live
   * followers. Throwing rolls the whole batch back, checkpoint included.
   */
  apply(events: readonly RecordedEvent[]): readonly Change[];
  /** Forgets in-memory caches: called when a transaction rolls back. */
  reset(): void;
}

/** Names the tables of one generation: `relation_timeline_g2_rows`. */
export type TableNamer = (table: string) => string;

export function tableNamer(projection: string, generation: number): TableNamer {
  const prefix = `${projection.replace(/[^a-z0-9]+/gi, '_')}_g${generation}_`;
  return (table) => `${prefix}${table}`;
}
