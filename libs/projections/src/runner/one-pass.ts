import type { EventStore } from '@entente/event-store';
import { CatchUpStopped, type ProjectionWriter } from './projection';
import { eventsBehind } from './events-behind';
import type { ProjectionLogger, RunnerOptions } from './runner-types';

const ONE_PASS_FROM = 20_000;
const ONE_PASS_COMMIT_EVERY = 50_000;

/** What a runner lends its one-pass catch-up: where it stands, and how to tell it what was committed. */
export interface OnePassRun {
  readonly store: EventStore;
  readonly writer: ProjectionWriter<unknown>;
  readonly options: RunnerOptions;
  readonly logger?: ProjectionLogger;
  readonly label: string;
  /** The runner's checkpoint now. */
  position(): number;
  saveCheckpoint(position: number): void;
  committed(position: number): void;
  /** Where the pass is, while one runs (null: it has ended). */
  progress(onePass: { readonly to: number; readonly read: number } | null): void;
  stopping(): boolean;
}

/**
 * Whether the backlog is better rebuilt from zero beside the runner's generation than caught up onto
 * it: the projection's one pass rebuilds from zero, and more of the log is behind than its tables cover
 * (a restart after a large import), so that doing the covered part again costs less than the slower
 * path onto tables that already hold it.
 */
export async function backlogWorthRebuilding(
  store: EventStore,
  writer: ProjectionWriter<unknown>,
  position: number,
  options: RunnerOptions,
): Promise<boolean> {
  if (!writer.catchUp || position === 0) return false;
  const head = await store.headPosition();
  const threshold = options.onePassFrom ?? ONE_PASS_FROM;
  if (head - position < Math.max(threshold, position)) return false;
  const behind = await eventsBehind(store, position, head);
  return behind >= threshold && behind > (await eventsBehind(store, 0, position));
}

/**
 * A long backlog (a rebuild, a restart after an import), or a one-pass catch-up a crash interrupted,
 * goes through the projection's one-pass path when it has one; the subscription then starts after it.
 * An event the one pass refuses is left to the event-by-event path, which stops on it, exactly.
 */
export async function catchUpInOnePass(run: OnePassRun): Promise<void> {
  const { store, writer, options, logger } = run;
  if (!writer.catchUp || run.stopping()) return;
  const from = run.position();
  const head = await store.headPosition();
  const threshold = options.onePassFrom ?? ONE_PASS_FROM;
  // Positions grow by at least one an event: a distance below the threshold needs no sample read.
  if (head - from < threshold) return;
  if ((await eventsBehind(store, from, head)) < threshold) return;
  logger?.log(`${run.label} catches up from ${from} to ${head} in one pass`);
  run.progress({ to: head, read: from });
  try {
    await writer.catchUp({
      store,
      from,
      to: head,
      commitEvery: options.onePassCommitEvery ?? ONE_PASS_COMMIT_EVERY,
      memoryBudget: options.onePassMemory,
      saveCheckpoint: (position) => run.saveCheckpoint(position),
      committed: (position) => run.committed(position),
      progressed: (position) => run.progress({ to: head, read: position }),
      stopping: () => run.stopping(),
    });
  } catch (error) {
    if (error instanceof CatchUpStopped) return;
    // The one pass is a faster way over a long stretch, not the only one: whatever stops it (an event
    // it refuses, the store's connection lost mid-read), the event-by-event path takes over from its
    // last commit, with its own reconnection, and stops exactly where it must.
    const reason = error instanceof Error ? error.message : String(error);
    logger?.log(`${run.label}: ${reason}; catching up event by event instead`);
    // A pass from zero that commits only at its end may have left rows: nothing may build on them.
    if (run.position() === 0) {
      writer.drop();
      writer.create();
    }
  } finally {
    run.progress(null);
  }
}
