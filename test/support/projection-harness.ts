import { ManualClock } from '@entente/common';
import { ownStreamOf, type RecordedFact } from '@entente/domain';
import {
  SqliteEventStore,
  openSqliteDatabase,
  type EventStore,
  type SqliteDatabase,
} from '@entente/event-store';
import {
  READ_MODELS,
  openReadModels,
  type ActorRegistryQueries,
  type EventIndexQueries,
  type ProjectionDefinition,
  type ProjectionLogger,
  type ProjectionManager,
  type RelationTimelineQueries,
} from '@entente/projections';

export const ALL_PROJECTIONS = READ_MODELS;

/**
 * Appends facts in position order, each at its own record time, so that the store holds exactly what
 * the domain's replay describes (the store's positions then match the facts').
 */
export async function appendFacts(
  store: EventStore,
  clock: ManualClock,
  facts: readonly RecordedFact[],
): Promise<void> {
  for (const fact of [...facts].sort((a, b) => a.position - b.position)) {
    clock.set(fact.recordedAt);
    await store.append(ownStreamOf(fact), [
      {
        eventId: fact.eventId,
        type: fact.type,
        schemaVersion: fact.schemaVersion,
        data: fact.data,
        metadata: { recordedBy: fact.recordedBy, correlationId: fact.eventId },
      },
    ]);
  }
}

export interface ProjectionHarness {
  readonly store: EventStore;
  readonly clock: ManualClock;
  readonly db: SqliteDatabase;
  readonly manager: ProjectionManager;
  readonly timeline: RelationTimelineQueries;
  readonly events: EventIndexQueries;
  readonly actors: ActorRegistryQueries;
  /** Waits until every read model covers the store's head. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface ProjectionHarnessOptions {
  /** Events per catch-up commit; small by default. */
  readonly catchUpBatch?: number;
  /** How long one transaction may take (the runner's default otherwise). */
  readonly sliceMs?: number;
  /** From how many events behind a catch-up takes the one-pass path (the runner's default otherwise). */
  readonly onePassFrom?: number;
  /** Events per transaction of a one-pass catch-up. */
  readonly onePassCommitEvery?: number;
  /** Items a one-pass catch-up may hold in memory before it commits early. */
  readonly onePassMemory?: number;
  readonly eventsFile?: string;
  readonly readModelFile?: string;
  /** Starts the projections at once (default); false leaves `manager.start()` to the test. */
  readonly start?: boolean;
  /** The projections to run; defaults to ALL_PROJECTIONS. */
  readonly definitions?: readonly ProjectionDefinition<unknown>[];
  readonly logger?: ProjectionLogger;
  /** What the projections read the store through, e.g. a ChunkedEventStore to vary their batches. */
  readonly readThrough?: (store: EventStore) => EventStore;
}

export async function projectionHarness(
  options: ProjectionHarnessOptions = {},
): Promise<ProjectionHarness> {
  const clock = new ManualClock();
  const store = SqliteEventStore.open({ file: options.eventsFile ?? ':memory:', clock });
  const db = openSqliteDatabase(options.readModelFile ?? ':memory:', { durability: 'normal' });
  const models = openReadModels(options.readThrough?.(store) ?? store, db, {
    definitions: options.definitions ?? ALL_PROJECTIONS,
    logger: options.logger,
    // Small catch-up batches, so that tests see a catch-up commit many times, as a long one does.
    catchUpBatch: options.catchUpBatch ?? 64,
    sliceMs: options.sliceMs,
    onePassFrom: options.onePassFrom,
    onePassCommitEvery: options.onePassCommitEvery,
    onePassMemory: options.onePassMemory,
  });
  const { manager } = models;
  if (options.start !== false) manager.start();
  const settle = async () => {
    const head = await store.headPosition();
    if (!(await manager.waitFor(head, 30_000))) {
      throw new Error(`read models did not reach ${head}: ${JSON.stringify(manager.statuses())}`);
    }
  };
  return {
    store,
    clock,
    db,
    ...models,
    settle,
    close: async () => {
      manager.stop();
      await store.close();
      db.close();
    },
  };
}
