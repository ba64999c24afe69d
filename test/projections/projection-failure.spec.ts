import type { RecordedFact, ReportData } from '@entente/domain';
import { aStateChange, aStatement, replay, stepsFrom } from '@entente/domain/testing';
import type { RecordedEvent } from '@entente/event-store';
import {
  RELATION_TIMELINE,
  type ProjectionDefinition,
  type ProjectionLogger,
  type ProjectionStatus,
} from '@entente/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALL_PROJECTIONS,
  appendFacts,
  projectionHarness,
  type ProjectionHarness,
} from '../support/projection-harness';

const STATEMENTS = 'statements-seen';
const POISON = 'unreadable statement';

/**
 * A real projection, with a table per generation, that records every statement it reads; the "buggy"
 * version cannot read statements whose summary is POISON and throws, as a writer meeting data it does
 * not understand would. `buggy` is read at every apply, so a test can flip it.
 */
function statementsProjection(options: {
  buggy: boolean;
  version?: number;
}): ProjectionDefinition<string> {
  return {
    name: STATEMENTS,
    version: options.version ?? 1,
    handles: ['StatementIssued'],
    open: (db, t) => ({
      create: () =>
        db.exec(`CREATE TABLE IF NOT EXISTS ${t('seen')} (
          position INTEGER PRIMARY KEY, event_id TEXT NOT NULL)`),
      drop: () => db.exec(`DROP TABLE IF EXISTS ${t('seen')}`),
      reset: () => undefined,
      apply: (events: readonly RecordedEvent[]) =>
        events.map((event) => {
          const { summary } = event.data as ReportData;
          if (options.buggy && summary === POISON) {
            throw new Error(`summary "${summary}" is not understood`);
          }
          db.prepare(`INSERT INTO ${t('seen')} (position, event_id) VALUES (?, ?)`).run(
            event.position,
            event.eventId,
          );
          return event.eventId;
        }),
    }),
  };
}

class CollectingLogger implements ProjectionLogger {
  readonly errors: string[] = [];
  log(): void {}
  error(message: string): void {
    this.errors.push(message);
  }
}

/** Statements and state changes, with the unreadable statement at `poisonAt` (0-based). */
function history(count: number, poisonAt: number, firstAt: string): RecordedFact[] {
  return replay(
    stepsFrom(
      firstAt,
      Array.from({ length: count }, (_, i) => ({
        record:
          i === poisonAt
            ? aStatement({ summary: POISON })
            : i % 3 === 2
              ? aStateChange(i % 2 ? 'CooperationSuspended' : 'CooperationResumed')
              : aStatement({ summary: `statement ${i}` }),
      })),
    ),
  );
}

describe('a projection that cannot apply an event', () => {
  let dir: string;
  let harness: ProjectionHarness;
  let logger: CollectingLogger;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'entente-projection-failure-'));
    logger = new CollectingLogger();
  });
  afterEach(async () => {
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const files = () => ({
    eventsFile: join(dir, 'events.db'),
    readModelFile: join(dir, 'read-models.db'),
  });

  async function open(
    buggy: boolean | { buggy: boolean; version?: number },
    start = true,
  ): Promise<ProjectionHarness> {
    const options = typeof buggy === 'boolean' ? { buggy } : buggy;
    harness = await projectionHarness({
      ...files(),
      definitions: [...ALL_PROJECTIONS, statementsProjection(options)],
      logger,
      start,
    });
    return harness;
  }

  async function restart(buggy: boolean): Promise<ProjectionHarness> {
    await harness.close();
    return open(buggy);
  }

  /** Waits until every projection has either reached the head or stopped. */
  async function settleOrFail(h: ProjectionHarness): Promise<void> {
    await h.manager.waitFor(await h.store.headPosition(), 10_000);
  }

  function statusOf(h: ProjectionHarness, name: string): ProjectionStatus {
    return h.manager.statuses().find((s) => s.name === name)!;
  }

  function seen(h: ProjectionHarness): number[] {
    const { tables } = h.manager.live(STATEMENTS);
    return h.db
      .prepare<[], number>(`SELECT position FROM ${tables('seen')} ORDER BY position`)
      .pluck()
      .all();
  }

  function storedCheckpoint(h: ProjectionHarness): number {
    const { generation } = h.manager.live(STATEMENTS);
    return h.db
      .prepare<[string, number], number>(
        'SELECT position FROM projection_checkpoints WHERE name = ? AND generation = ?',
      )
      .pluck()
      .get(STATEMENTS, generation)!;
  }

  const statementPositions = (facts: readonly RecordedFact[]) =>
    facts.filter((f) => f.type === 'StatementIssued').map((f) => f.position);

  describe('given an unreadable event in the middle of a catch-up batch', () => {
    const facts = history(30, 17, '2025-12-01T00:00:00Z');
    const poison = facts[17];

    beforeEach(async () => {
      await open(true, false);
      await appendFacts(harness.store, harness.clock, facts);
      harness.manager.start();
      await settleOrFail(harness);
    });

    it('when it fails, then its status is failed and names the event id, type, position and reason', () => {
      expect(statusOf(harness, STATEMENTS)).toMatchObject({
        state: 'failed',
        failure: {
          eventId: poison.eventId,
          type: 'StatementIssued',
          position: poison.position,
          reason: `summary "${POISON}" is not understood`,
        },
      });
    });

    it('when it fails, then the log names the projection, the event and the reason', () => {
      expect(logger.errors).toHaveLength(1);
      expect(logger.errors[0]).toContain(STATEMENTS);
      expect(logger.errors[0]).toContain(poison.eventId);
      expect(logger.errors[0]).toContain('StatementIssued');
      expect(logger.errors[0]).toContain(`summary "${POISON}" is not understood`);
    });

    it('when it fails, then every event before it is applied and checkpointed, and nothing after it', () => {
      const before = statementPositions(facts).filter((p) => p < poison.position);
      expect(seen(harness)).toEqual(before);
      expect(statusOf(harness, STATEMENTS).position).toBe(poison.position - 1);
      expect(storedCheckpoint(harness)).toBe(poison.position - 1);
    });

    it('when it fails, then the other projections carry on to the head and stay live', async () => {
      const head = await harness.store.headPosition();
      for (const name of ALL_PROJECTIONS.map((p) => p.name)) {
        expect(statusOf(harness, name)).toMatchObject({
          state: 'live',
          position: head,
          failure: null,
        });
      }
      const later = replay(
        stepsFrom('2025-12-02T00:00:00Z', [
          { record: aStatement({ summary: 'later' }) },
          { record: aStateChange('CooperationResumed') },
        ]),
        facts,
      );
      await appendFacts(harness.store, harness.clock, later.slice(facts.length));
      const newHead = await harness.store.headPosition();
      expect(await harness.manager.waitFor(newHead, 10_000)).toBe(false);
      expect(statusOf(harness, RELATION_TIMELINE)).toMatchObject({
        state: 'live',
        position: newHead,
      });
      expect(statusOf(harness, STATEMENTS).position).toBe(poison.position - 1);
    });

    it('when restarted with the same code, then it resumes from its checkpoint and fails again on the same event, never skipping it', async () => {
      await harness.close();
      const h = await open(true, false);
      expect(statusOf(h, STATEMENTS)).toMatchObject({
        state: 'stopped',
        position: poison.position - 1,
      });
      h.manager.start();
      await settleOrFail(h);
      expect(statusOf(h, STATEMENTS)).toMatchObject({
        state: 'failed',
        position: poison.position - 1,
        failure: { eventId: poison.eventId, position: poison.position },
      });
      expect(seen(h)).toEqual(statementPositions(facts).filter((p) => p < poison.position));
      expect(logger.errors).toHaveLength(2);
    });

    it('when restarted with fixed code, then it applies the event and everything after it', async () => {
      const h = await restart(false);
      await h.settle();
      expect(statusOf(h, STATEMENTS)).toMatchObject({ state: 'live', failure: null });
      expect(seen(h)).toEqual(statementPositions(facts));
    });
  });

  describe('given an unreadable event arriving while live', () => {
    it('when it arrives, then the projection fails on it alone, after applying everything before it', async () => {
      const facts = history(12, 9, '2025-12-01T00:00:00Z');
      const poison = facts[9];
      await open(true);
      await appendFacts(harness.store, harness.clock, facts.slice(0, 9));
      await harness.settle();
      expect(statusOf(harness, STATEMENTS).state).toBe('live');

      await appendFacts(harness.store, harness.clock, facts.slice(9));
      await settleOrFail(harness);
      expect(statusOf(harness, STATEMENTS)).toMatchObject({
        state: 'failed',
        position: poison.position - 1,
        failure: { eventId: poison.eventId, type: 'StatementIssued', position: poison.position },
      });
      expect(seen(harness)).toEqual(statementPositions(facts).filter((p) => p < poison.position));
      expect(storedCheckpoint(harness)).toBe(poison.position - 1);
    });
  });

  describe('given a state change without a valid time, appended to the store behind the domain', () => {
    it('when the timeline meets it, then the timeline stops on it saying what is wrong with it, and the event index still indexes it', async () => {
      const facts = history(9, -1, '2025-12-01T00:00:00Z');
      const broken = facts[5];
      expect(broken.type).toMatch(/^Cooperation/);
      const { occurredAt: _dropped, ...data } = broken.data as ReportData;
      await open(true);
      await appendFacts(harness.store, harness.clock, [
        ...facts.slice(0, 5),
        { ...broken, data },
        ...facts.slice(6),
      ]);
      await settleOrFail(harness);
      expect(statusOf(harness, RELATION_TIMELINE)).toMatchObject({
        state: 'failed',
        position: broken.position - 1,
        failure: {
          eventId: broken.eventId,
          type: broken.type,
          position: broken.position,
          reason: `${broken.type} ${broken.eventId} has no valid time to place it on the timeline (occurredAt.start is missing)`,
        },
      });
      expect(harness.events.byId(broken.eventId)).toBeDefined();
      expect(statusOf(harness, 'event-index')).toMatchObject({
        state: 'live',
        position: await harness.store.headPosition(),
      });
    });
  });

  describe('given a rebuild that cannot apply an event', () => {
    const facts = history(30, 17, '2025-12-01T00:00:00Z');
    const poison = facts[17];

    it('when a new version fails its start-up rebuild, then the projection reports failed naming the event, and the old generation still answers', async () => {
      await open(false);
      await appendFacts(harness.store, harness.clock, facts);
      await harness.settle();
      await harness.close();

      await open({ buggy: true, version: 2 });
      await expect(harness.manager.rebuild(STATEMENTS)).rejects.toThrow(/not understood/);

      expect(statusOf(harness, STATEMENTS)).toMatchObject({
        state: 'failed',
        generation: 1,
        failure: { eventId: poison.eventId, type: 'StatementIssued', position: poison.position },
        rebuilding: {
          state: 'failed',
          generation: 2,
          position: poison.position - 1,
          failure: { eventId: poison.eventId, position: poison.position },
        },
      });
      expect(seen(harness)).toEqual(statementPositions(facts));
      // Nothing will move it on: a wait for a new event answers false without waiting out its time.
      await appendFacts(
        harness.store,
        harness.clock,
        replay(
          stepsFrom('2025-12-02T00:00:00Z', [{ record: aStatement({ summary: 'later' }) }]),
          facts,
        ).slice(facts.length),
      );
      expect(await harness.manager.waitFor(facts.length + 1, 60_000)).toBe(false);
      expect(logger.errors.join('\n')).toContain(poison.eventId);
    });

    it('when a rebuild fails beside a healthy generation, then that one goes on, the failure stays in the status, and the next rebuild starts afresh', async () => {
      const options = { buggy: false };
      await open(options);
      await appendFacts(harness.store, harness.clock, facts);
      await harness.settle();

      options.buggy = true;
      await expect(harness.manager.rebuild(STATEMENTS)).rejects.toThrow(/not understood/);
      expect(statusOf(harness, STATEMENTS)).toMatchObject({
        state: 'live',
        generation: 1,
        failure: null,
        rebuilding: {
          state: 'failed',
          generation: 2,
          failure: { eventId: poison.eventId, position: poison.position },
        },
      });
      const later = replay(
        stepsFrom('2025-12-02T00:00:00Z', [{ record: aStatement({ summary: 'later' }) }]),
        facts,
      );
      await appendFacts(harness.store, harness.clock, later.slice(facts.length));
      await harness.settle();
      expect(seen(harness)).toEqual(statementPositions(later));

      options.buggy = false;
      await harness.manager.rebuild(STATEMENTS);
      expect(statusOf(harness, STATEMENTS)).toMatchObject({
        state: 'live',
        generation: 3,
        rebuilding: null,
      });
      expect(seen(harness)).toEqual(statementPositions(later));
      expect(
        harness.db
          .prepare<[], string>(
            `SELECT name FROM sqlite_master WHERE name LIKE 'statements_seen_g%' ORDER BY name`,
          )
          .pluck()
          .all(),
      ).toEqual(['statements_seen_g3_seen']);
    });
  });
});
