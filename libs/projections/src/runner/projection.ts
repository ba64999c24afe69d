import type { EventStore, RecordedEvent, SqliteDatabase } from '@entente/event-store';

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
  /**
   * Optional, for a read model that can do better than event by event over a long stretch of the log (a
   * rebuild, a restart after an import): applies every event in (from, to] in one pass, in transactions
   * of its own, each of which saves the checkpoint it reached (a crash resumes from there).
   */
  catchUp?(run: CatchUpRun): Promise<void>;
}

export interface CatchUpRun {
  readonly store: EventStore;
  readonly from: number;
  readonly to: number;
  /** At most about how many events each of its transactions should cover (it may commit sooner). */
  readonly commitEvery: number;
  /** How much the catch-up may hold in memory (its own unit); past it, it commits early. */
  readonly memoryBudget?: number;
  /** Saves the checkpoint: call it inside the transaction that writes the rows up to `position`. */
  saveCheckpoint(position: number): void;
  /** After a commit: the read model now covers `position`. */
  committed(position: number): void;
  /**
   * The pass has worked through the log up to `position`, none of which is readable before it commits
   * (a rebuild that writes everything at its end): how far it got, for its status.
   */
  progressed?(position: number): void;
  /** True once the runner stops: the catch-up should end (throwing CatchUpStopped) after a commit. */
  stopping(): boolean;
}

/** Thrown by a catch-up that ended because the runner is stopping; the stretch is finished later. */
export class CatchUpStopped extends Error {
  constructor() {
    super('the catch-up stopped with its runner');
  }
}

/** Thrown by a catch-up that met an event it cannot apply, before it wrote anything of the stretch. */
export class CatchUpRefused extends Error {
  constructor(
    readonly event: RecordedEvent,
    reason: string,
  ) {
    super(reason);
  }
}

/** Names the tables of one generation: `relation_timeline_g2_rows`. */
export type TableNamer = (table: string) => string;

export function tableNamer(projection: string, generation: number): TableNamer {
  const prefix = `${projection.replace(/[^a-z0-9]+/gi, '_')}_g${generation}_`;
  return (table) => `${prefix}${table}`;
}
