import { ManualClock } from '@entente/common';
import type { RecordedFact, RelationKey } from '@entente/domain';
import {
  EventStoreDbEventStore,
  SqliteEventStore,
  openSqliteDatabase,
  type EventStore,
  type EventStoreConnectionState,
  type SqliteDatabase,
} from '@entente/event-store';
import {
  ACTOR_REGISTRY,
  RELATION_TIMELINE,
  ActorRegistryQueries,
  ProjectionManager,
  RelationTimelineQueries,
  type RunnerStatus,
} from '@entente/projections';
import type { Subscription } from 'rxjs';
import { readEverything } from '../contract/event-store.contract';
import { EventStoreDbDouble, InMemoryLog, type SubscriptionPhase } from '../eventstoredb-double';
import { dumpReadModels, type ReadModelDump, type Row } from '../support/projection-tables';
import { ALL_PROJECTIONS, appendFacts } from '../support/projection-harness';
import { FAST } from './support/eventstoredb-harness';
import { generatedHistory } from './support/generated-history';

/**
 * Issue 6: the three projections, fed by the EventStoreDB adapter over gRPC on the double, end with
 * exactly the rows of a run without faults when the node drops connections, restarts, answers UNAVAILABLE
 * or not-leader, during the catch-up or while events are appended live.
 *
 * What is compared:
 * - with a fault-free run on a fresh double holding the same events (same appends, same record times, so
 *   the same byte positions): every table of each projection's live generation, schema and rows, row for
 *   row, and its checkpoint, positions included;
 * - with a run on the embedded SQLite store, whose positions are 1, 2, 3...: the same tables with every
 *   position column replaced by the event's rank in the log (positions are the one thing the two stores
 *   number differently; key ids, valid and record times, states, event ids, streams and revisions must
 *   match as they are), and the timeline's and the actor registry's answers (state at many (T, K), timelines as known at many K).
 * - that each event was applied once: the batches each runner committed cover the log's positions exactly
 *   once, in order, and each checkpoint is the log's last position;
 * - that the runners lived through it: the adapter said `reconnecting`, then `connected` again, and no
 *   runner was ever seen failed, nor back to catching up once live.
 */

const NAMES = ALL_PROJECTIONS.map((p) => p.name);
const NOW = Date.parse('2027-01-01T00:00:00Z');
const AT = [
  '1990-01-01',
  '1999-06-01',
  '2005-03-15',
  '2012-01-01',
  '2018-07-01',
  '2024-01-01',
  '2025-11-11',
  '2025-11-12',
  '2026-02-01',
  '2030-01-01',
].map((d) => Date.parse(`${d}T00:00:00Z`));

type Fault = (double: EventStoreDbDouble) => unknown;

const FAULTS: Record<string, Fault> = {
  'drops every connection': (d) => d.dropConnections(),
  'restarts on the same port': (d) => d.restart(),
  'answers UNAVAILABLE for a while': (d) => d.faults.unavailable({ calls: 3 }),
  'answers not-leader, naming itself as leader': (d) =>
    d.faults.notLeader({ host: d.host, port: d.port }, { calls: 2, allCalls: true }),
};

interface Observation {
  readonly connection: EventStoreConnectionState | null;
  readonly statuses: readonly RunnerStatus[];
}

interface Batch {
  readonly from: number;
  readonly position: number;
  readonly events: readonly number[];
  /** A one-pass catch-up's commit: it covers every event in (from, position] without listing them. */
  readonly summarized: boolean;
}

interface ProjectionRun {
  readonly db: SqliteDatabase;
  readonly manager: ProjectionManager;
  /** Per projection, each committed batch: checkpoints before and after, and its events' positions. */
  readonly applied: ReadonlyMap<string, Batch[]>;
  /** The runners' statuses at each committed batch and at each change of the adapter's connection. */
  readonly observed: Observation[];
  settle(position: number): Promise<void>;
  stop(): void;
}

function runProjections(store: EventStore): ProjectionRun {
  const db = openSqliteDatabase(':memory:', { durability: 'normal' });
  const manager = new ProjectionManager(store, db, ALL_PROJECTIONS);
  const applied = new Map(NAMES.map((name) => [name, [] as Batch[]]));
  const observed: Observation[] = [];
  const observe = (connection: EventStoreConnectionState | null) =>
    observed.push({ connection, statuses: manager.statuses() });
  const subscriptions: Subscription[] = NAMES.map((name) =>
    manager.applied$(name).subscribe((batch) => {
      const { from, position, events, summarized = false } = batch;
      applied
        .get(name)!
        .push({ from, position, events: events.map((e) => e.position), summarized });
      observe(null);
    }),
  );
  if (store instanceof EventStoreDbEventStore) {
    subscriptions.push(store.connectionState$.subscribe((state) => observe(state)));
  }
  manager.start();
  return {
    db,
    manager,
    applied,
    observed,
    settle: async (position) => {
      if (!(await manager.waitFor(position, 20_000))) {
        throw new Error(
          `read models did not reach ${position}: ${JSON.stringify(manager.statuses())}`,
        );
      }
    },
    stop: () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
      manager.stop();
      db.close();
    },
  };
}

async function allLive(manager: ProjectionManager): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!manager.statuses().every((s) => s.state === 'live')) {
    if (Date.now() > deadline) throw new Error(JSON.stringify(manager.statuses()));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Every position (checkpoints, and columns named `position` or `..._position`) replaced by the event's
 * rank in the log.
 */
function normalised(dump: ReadModelDump, positions: readonly number[]): ReadModelDump {
  const rank = new Map(positions.map((p, i) => [p, i + 1]));
  const rankOf = (p: unknown) => {
    const r = rank.get(p as number);
    if (r === undefined) throw new Error(`position ${String(p)} is not an event's`);
    return r;
  };
  const map = <T, U>(record: Readonly<Record<string, T>>, f: (value: T, key: string) => U) =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value, key)]));
  return {
    checkpoints: map(dump.checkpoints, (c) => ({ ...c, position: rankOf(c.position) })),
    generations: map(dump.generations, (generation) => ({
      schema: generation.schema,
      tables: map(generation.tables, (rows) =>
        rows.map((row): Row =>
          map(row, (value, column) =>
            /(^|_)position$/.test(column) && value !== null ? rankOf(value) : value,
          ),
        ),
      ),
    })),
  };
}

/**
 * `toEqual`, faster: both sides come from the same code, so equal values serialise alike, and Jest's deep
 * comparison (a quarter of a second for the answers) only runs to show a difference.
 */
function expectSame(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

interface Reference {
  readonly positions: readonly number[];
  readonly dump: ReadModelDump;
  readonly normalised: ReadModelDump;
  readonly answers: ReturnType<typeof answersOf>;
}

/** The read models' answers to what the API asks: no positions in them. */
function answersOf(run: ProjectionRun, knownAt: readonly number[]) {
  const timeline = new RelationTimelineQueries(run.db, () => run.manager.live(RELATION_TIMELINE));
  const actors = new ActorRegistryQueries(run.db, () => run.manager.live(ACTOR_REGISTRY));
  const keys = dumpReadModels(run.db).generations[RELATION_TIMELINE].tables
    .keys as unknown as RelationKey[];
  return {
    actors: actors.all(),
    keys: keys.map(({ actor, target, channel }) => ({
      key: `${actor}>${target}:${channel}`,
      states: knownAt.map((k) =>
        AT.map((at) => timeline.stateAt({ actor, target, channel }, at, k)),
      ),
      timelines: knownAt.map((k) => timeline.timeline({ actor, target, channel }, k)),
    })),
  };
}

async function referenceOf(store: EventStore, knownAt: readonly number[]): Promise<Reference> {
  const positions = (await readEverything(store)).map((e) => e.position);
  const run = runProjections(store);
  try {
    await run.settle(positions.at(-1)!);
    const dump = dumpReadModels(run.db);
    return {
      positions,
      dump,
      normalised: normalised(dump, positions),
      answers: answersOf(run, knownAt),
    };
  } finally {
    run.stop();
  }
}

describe('projections fed by EventStoreDB over gRPC on the double, through faults', () => {
  const history = generatedHistory(300);
  const facts: readonly RecordedFact[] = history.facts;
  const knownAt = [
    ...facts.filter((_f, i) => i % 20 === 0).map((f) => Date.parse(f.recordedAt)),
    NOW,
  ];
  let onSqlite: Reference;
  let onEventStoreDb: Reference;
  /** The fault-free reference's double, which the catch-up cases then read again. */
  let double: EventStoreDbDouble;
  const stores: EventStore[] = [];

  const connect = (d: EventStoreDbDouble) => {
    const store = EventStoreDbEventStore.connect(d.connectionString, FAST);
    stores.push(store);
    return store;
  };
  /** Record time is the server's: the facts' record times are set on the double's clock. */
  const startDouble = (clock: ManualClock) =>
    EventStoreDbDouble.start({ log: new InMemoryLog({ now: () => clock.now() }) });

  beforeAll(async () => {
    const clock = new ManualClock();
    const sqlite = SqliteEventStore.open({ file: ':memory:', clock });
    await appendFacts(sqlite, clock, facts);
    onSqlite = await referenceOf(sqlite, knownAt);
    await sqlite.close();

    const writerClock = new ManualClock();
    double = await startDouble(writerClock);
    await appendFacts(connect(double), writerClock, facts);
    onEventStoreDb = await referenceOf(connect(double), knownAt);
  }, 30_000);

  afterAll(async () => {
    for (const store of stores) await store.close();
    await double?.stop();
  });

  /** Row for row what the fault-free run wrote, what the run on SQLite wrote, and the same answers. */
  async function expectSameReadModels(store: EventStore, run: ProjectionRun): Promise<void> {
    const positions = (await readEverything(store)).map((e) => e.position);
    expect(positions).toEqual(onEventStoreDb.positions);
    const dump = dumpReadModels(run.db);
    expectSame(dump, onEventStoreDb.dump);
    expectSame(normalised(dump, positions), onSqlite.normalised);
    expectSame(answersOf(run, knownAt), onSqlite.answers);
  }

  /** Each event applied once, in order, checkpoint at the last event, and no runner ever failed. */
  function expectAppliedOnceThroughReconnection(run: ProjectionRun): void {
    const log = onEventStoreDb.positions;
    const { checkpoints } = dumpReadModels(run.db);
    for (const name of NAMES) {
      const batches = run.applied.get(name)!;
      const applied = batches.flatMap((b) =>
        b.summarized ? log.filter((p) => p > b.from && p <= b.position) : b.events,
      );
      expect({ name, applied }).toEqual({ name, applied: log });
      // Each batch starts at the checkpoint the one before left, and holds only events it covers.
      const chained = batches.every(
        (b, i) =>
          b.from === (i === 0 ? 0 : batches[i - 1].position) &&
          b.events.every((p) => p > b.from && p <= b.position),
      );
      expect({ name, chained }).toEqual({ name, chained: true });
      // The checkpoint stored with the rows ends on the last event, as do the batches.
      expect({
        name,
        checkpoint: checkpoints[name].position,
        last: batches.at(-1)?.position,
      }).toEqual({
        name,
        checkpoint: log.at(-1),
        last: log.at(-1),
      });
    }
    const connection = run.observed.map((o) => o.connection).filter((c) => c !== null);
    expect(connection).toContain('reconnecting');
    expect(connection.at(-1)).toBe('connected');
    for (const name of NAMES) {
      const states = run.observed.map((o) => o.statuses.find((s) => s.name === name)!);
      expect(states.filter((s) => s.state === 'failed' || s.failure !== null)).toEqual([]);
      const seen = states.map((s) => s.state);
      // A runner turns live just after the batch that reaches the caught-up position: from then on, it
      // stays live whatever the connection does.
      const firstLive = seen.indexOf('live');
      if (firstLive >= 0) expect(seen.slice(firstLive).every((s) => s === 'live')).toBe(true);
    }
    expect(run.manager.statuses().map((s) => [s.name, s.state])).toEqual(
      NAMES.map((name) => [name, 'live']),
    );
  }

  it('given the generated history, then it has what the faults must survive: late facts, retractions, corrections, record-time ties', () => {
    expect(facts.length).toBeGreaterThanOrEqual(300);
    expect(history.late).toBeGreaterThanOrEqual(50);
    expect(history.retractions).toBeGreaterThanOrEqual(20);
    expect(history.corrections).toBeGreaterThanOrEqual(20);
    expect(history.ties).toBeGreaterThanOrEqual(20);
    expect(history.refused).toBeLessThan(10);
  });

  it('without faults, then EventStoreDB and SQLite give the same read models up to positions, and the same answers', () => {
    expect(onEventStoreDb.positions).toHaveLength(facts.length);
    expectSame(onEventStoreDb.normalised, onSqlite.normalised);
    expectSame(onEventStoreDb.answers, onSqlite.answers);
    // The stores number positions differently, so the raw rows differ: the comparison is not vacuous.
    expect(JSON.stringify(onEventStoreDb.dump)).not.toBe(JSON.stringify(onSqlite.dump));
    expect(onSqlite.dump.generations[RELATION_TIMELINE].tables.rows.length).toBeGreaterThan(100);
    const known = onSqlite.answers.keys
      .flatMap((k) => k.states.flat())
      .filter((s) => s.status !== 'unknown');
    expect(known.length).toBeGreaterThan(1_000);
    expect(onSqlite.answers.actors.length).toBeGreaterThan(10);
  });

  describe.each(Object.entries(FAULTS))('when the node %s', (_name, fault) => {
    it('during the catch-up, then each projection ends with exactly the rows of a run without faults', async () => {
      const starts = double.subscriptionStarts.length;
      let fired = false;
      double.faults.afterSending(350, 'catch-up', () => {
        fired = true;
        return fault(double);
      });
      const store = connect(double);
      const run = runProjections(store);
      try {
        await run.settle(onEventStoreDb.positions.at(-1)!);
        // Reaching the last event comes just before hearing that the subscription is caught up.
        await allLive(run.manager);
        expect(fired).toBe(true);
        // The projections resumed from where they were, not from the start.
        const resumed = double.subscriptionStarts
          .slice(starts)
          .filter((s) => typeof s === 'object' && s.commit > 0);
        expect(resumed.length).toBeGreaterThan(0);
        expectAppliedOnceThroughReconnection(run);
        await expectSameReadModels(store, run);
      } finally {
        run.stop();
        // The next case reads this double again: no refusal left over.
        double.faults.recover();
      }
    }, 60_000);

    it('during live delivery, with facts appended meanwhile, then each projection ends with exactly the rows of a run without faults', async () => {
      const clock = new ManualClock();
      const fresh = await startDouble(clock);
      const store = connect(fresh);
      const before = facts.slice(0, 120);
      await appendFacts(store, clock, before);
      const run = runProjections(store);
      try {
        await allLive(run.manager);
        const liveFrom = run.observed.length;
        let fired = false;
        fresh.faults.afterSending(90, 'live', () => {
          fired = true;
          return fault(fresh);
        });
        await appendFacts(store, clock, facts.slice(before.length));
        await run.settle(onEventStoreDb.positions.at(-1)!);
        expect(fired).toBe(true);
        expect(fresh.subscriptionStarts.length).toBeGreaterThan(NAMES.length);
        expectAppliedOnceThroughReconnection(run);
        const during = run.observed.slice(liveFrom).flatMap((o) => o.statuses.map((s) => s.state));
        expect(new Set(during)).toEqual(new Set(['live']));
        await expectSameReadModels(store, run);
      } finally {
        run.stop();
        await store.close();
        await fresh.stop();
      }
    }, 60_000);
  });

  it('when several faults follow one another during the catch-up and then live, with facts appended meanwhile, then each projection ends with exactly the rows of a run without faults', async () => {
    const clock = new ManualClock();
    const fresh = await startDouble(clock);
    const store = connect(fresh);
    const [stored, duringCatchUp] = [150, 175];
    await appendFacts(store, clock, facts.slice(0, stored));
    const fired: string[] = [];
    const arm = (events: number, phase: SubscriptionPhase, name: string) =>
      fresh.faults.afterSending(events, phase, () => {
        fired.push(`${phase}: ${name}`);
        return FAULTS[name](fresh);
      });
    // Three subscriptions send each stored event during their catch-up (450 sends at least), then each
    // event appended once they are live (up to 450 more): every trigger below fires.
    arm(100, 'catch-up', 'drops every connection');
    arm(200, 'catch-up', 'answers UNAVAILABLE for a while');
    arm(300, 'catch-up', 'restarts on the same port');
    arm(400, 'catch-up', 'answers not-leader, naming itself as leader');
    const run = runProjections(store);
    try {
      await appendFacts(store, clock, facts.slice(stored, duringCatchUp));
      await allLive(run.manager);
      arm(20, 'live', 'restarts on the same port');
      arm(90, 'live', 'answers not-leader, naming itself as leader');
      arm(160, 'live', 'drops every connection');
      arm(230, 'live', 'answers UNAVAILABLE for a while');
      await appendFacts(store, clock, facts.slice(duringCatchUp));
      await run.settle(onEventStoreDb.positions.at(-1)!);
      await allLive(run.manager);
      expect(fired).toHaveLength(8);
      expect(fresh.subscriptionStarts.length).toBeGreaterThanOrEqual(NAMES.length * 4);
      expectAppliedOnceThroughReconnection(run);
      await expectSameReadModels(store, run);
    } finally {
      run.stop();
      await store.close();
      await fresh.stop();
    }
  }, 60_000);
});
