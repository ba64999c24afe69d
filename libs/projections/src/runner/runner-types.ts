import type { RecordedEvent } from '@entente/event-store';

export type RunnerState = 'stopped' | 'catching-up' | 'live' | 'failed';

export interface ProjectionFailure {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly reason: string;
}

/** What one committed batch did: the events it covered (all of them, handled or not) and the changes. */
export interface AppliedBatch<Change> {
  /** The checkpoint before the batch: a follower that has seen exactly this far misses nothing. */
  readonly from: number;
  /** The checkpoint after the batch. */
  readonly position: number;
  readonly events: readonly RecordedEvent[];
  readonly changes: readonly Change[];
  /**
   * True for a one-pass catch-up, which lists neither its events nor its changes: a follower reads them
   * from the store and the read model's own change feed.
   */
  readonly summarized?: boolean;
}

export interface RunnerStatus {
  readonly name: string;
  readonly version: number;
  readonly generation: number;
  readonly state: RunnerState;
  readonly position: number;
  readonly failure: ProjectionFailure | null;
  /**
   * A one-pass catch-up under way: the position it goes to, and how far it has read (`position` says how
   * far it has committed).
   */
  readonly onePass: { readonly to: number; readonly read: number } | null;
}

export interface RunnerOptions {
  /** How many events a catch-up batch may gather before it commits (default 10,000). */
  readonly catchUpBatch?: number;
  /**
   * About how long one transaction may take, in ms (default 10): batches are cut to what fits, from the
   * time events took to apply so far, and the event loop gets a turn between them, since the process that
   * runs the projections also answers HTTP. Cutting changes where commits fall, never what they hold.
   */
  readonly sliceMs?: number;
  /**
   * From how many events behind the head a catch-up takes the projection's one-pass path, where it has
   * one (default 20,000; Infinity: never). Counted in events whatever the store's positions measure.
   */
  readonly onePassFrom?: number;
  /**
   * At most about how many events each transaction of a one-pass catch-up covers (default 50,000); it
   * commits sooner when its writes would make a long transaction (the timeline's: about 10,000 writes).
   */
  readonly onePassCommitEvery?: number;
  /** How many items (row versions, facts) a one-pass catch-up keeps in memory; its own default if unset. */
  readonly onePassMemory?: number;
}

export interface ProjectionLogger {
  log(message: string): void;
  error(message: string): void;
}
