import type { RecordedEvent, SqliteDatabase } from '@entente/event-store';
import type { ProjectionWriter } from './projection';
import type { ProjectionFailure } from './runner-types';

/** A batch committed whole, or the event it stopped on and what was kept before it. */
export type CommitOutcome<Change> =
  | { readonly committed: true; readonly changes: readonly Change[] }
  | {
      readonly committed: false;
      readonly failure: ProjectionFailure;
      /** The checkpoint the kept events reached (the one before the batch if none was kept). */
      readonly reached: number;
      readonly kept: readonly RecordedEvent[];
      readonly changes: readonly Change[];
    };

/**
 * Writes a batch's rows and its checkpoint in one transaction. When that fails, each event goes in a
 * transaction of its own, so that everything before the culprit is kept and the failure names it.
 */
export class BatchCommit<Change> {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly writer: ProjectionWriter<Change>,
    private readonly handled: ReadonlySet<string>,
    private readonly saveCheckpoint: (position: number) => void,
  ) {}

  /** `from`: the checkpoint before the batch; `position`: the one after it. */
  commit(events: readonly RecordedEvent[], from: number, position: number): CommitOutcome<Change> {
    const handled = events.filter((e) => this.handled.has(e.type));
    try {
      const changes = this.db.transaction(() => {
        const applied = this.writer.apply(handled);
        this.saveCheckpoint(position);
        return applied;
      })();
      return { committed: true, changes };
    } catch (error) {
      this.writer.reset();
      return this.oneByOne(events, from, position, error);
    }
  }

  private oneByOne(
    events: readonly RecordedEvent[],
    from: number,
    position: number,
    batchError: unknown,
  ): CommitOutcome<Change> {
    const changes: Change[] = [];
    let reached = from;
    for (const [i, event] of events.entries()) {
      try {
        this.db.transaction(() => {
          if (this.handled.has(event.type)) changes.push(...this.writer.apply([event]));
          this.saveCheckpoint(event.position);
        })();
        reached = event.position;
      } catch (error) {
        this.writer.reset();
        const failure = failureOf(event, event.position, error);
        return { committed: false, failure, reached, kept: events.slice(0, i), changes };
      }
    }
    // No event to blame (a batch that only moved the checkpoint): it failed for a reason of its own,
    // the disk for instance; say so.
    if (events.length === 0) {
      const failure = failureOf(null, from, batchError);
      return { committed: false, failure, reached, kept: [], changes };
    }
    this.db.transaction(() => this.saveCheckpoint(position))();
    return { committed: true, changes };
  }
}

export function failureOf(
  event: RecordedEvent | null,
  position: number,
  error: unknown,
): ProjectionFailure {
  return {
    position,
    eventId: event?.eventId ?? '',
    type: event?.type ?? '',
    reason: error instanceof Error ? error.message : String(error),
  };
}
