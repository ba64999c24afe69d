import { relationStateAt, type RecordedFact, type RelationKey } from '@entente/domain';
import { aStateChange, replay, stepsFrom } from '@entente/domain/testing';
import {
  ACTOR_REGISTRY,
  DYAD_SERIES,
  STATE_CHANGES,
  EVENT_INDEX,
  RELATION_TIMELINE,
  actorRegistryProjection,
  eventIndexProjection,
  relationTimelineProjection,
  type ProjectionDefinition,
  type StateAt,
  type TimelineChange,
} from '@entente/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChunkedEventStore, seededRandom } from '../support/projection-chunked-store';
import { WIDE_UNIVERSE, allKeys, historyOf } from '../support/projection-facts';
import {
  ALL_PROJECTIONS,
  appendFacts,
  projectionHarness,
  type ProjectionHarness,
} from '../support/projection-harness';
import { dumpReadModels, schemaObjects } from '../support/projection-tables';

const NAMES = ALL_PROJECTIONS.map((p) => p.name);
const NOW = Date.parse('2030-01-01T00:00:00.000Z');
const KEYS = allKeys(WIDE_UNIVERSE);
/** Over a thousand facts: a rebuild's catch-up takes several pages of the store. */
const FACTS = historyOf(1200, 4242);

/** Valid and record times spread over the history, for questions asked before and after a swap. */
function questionsOf(
  facts: readonly RecordedFact[],
): { key: RelationKey; at: number; knownAt: number }[] {
  const recordTimes = facts.map((f) => Date.parse(f.recordedAt));
  const knownAts = [recordTimes[600], recordTimes.at(-1)!, NOW];
  const ats = ['2016-03-01', '2019-07-15', '2021-02-01', '2022-12-31'].map(Date.parse);
  return KEYS.slice(0, 8).flatMap((key) =>
    ats.flatMap((at) => knownAts.map((knownAt) => ({ key, at, knownAt }))),
  );
}

function domainAnswers(
  facts: readonly RecordedFact[],
  questions: ReturnType<typeof questionsOf>,
): StateAt[] {
  return questions.map(({ key, at, knownAt }) =>
    relationStateAt(facts, key, new Date(at), new Date(knownAt)),
  );
}

function answers(h: ProjectionHarness, questions: ReturnType<typeof questionsOf>): StateAt[] {
  return questions.map(({ key, at, knownAt }) => h.timeline.stateAt(key, at, knownAt));
}

const TIMELINE_AND_INDEXES = [
  relationTimelineProjection,
  eventIndexProjection,
  actorRegistryProjection,
] as readonly ProjectionDefinition<unknown>[];

async function cleanPass(
  facts: readonly RecordedFact[],
  definitions?: readonly ProjectionDefinition<unknown>[],
) {
  const clean = await projectionHarness({ start: false, definitions });
  try {
    await appendFacts(clean.store, clean.clock, facts);
    clean.manager.start();
    await clean.settle();
    return dumpReadModels(clean.db);
  } finally {
    await clean.close();
  }
}

/** A late suspension of a busy key and the retraction of a fact already in the history. */
function lateAndRetraction(history: readonly RecordedFact[]): RecordedFact[] {
  const retracted = new Set(
    history
      .filter((f) => f.type === 'EventRetracted')
      .map((f) => (f.data as { retracts: string }).retracts),
  );
  const target = history.find(
    (f) => f.type === 'CooperationEstablished' && !retracted.has(f.eventId),
  )!;
  return replay(
    stepsFrom(new Date(Date.parse(history.at(-1)!.recordedAt) + 60_000).toISOString(), [
      {
        record: aStateChange('CooperationSuspended', {
          actor: 'COL',
          target: 'USA',
          channel: 'intelligence',
          occurredAt: '2016-02',
        }),
      },
      { record: { type: 'EventRetracted', retracts: target.eventId, reason: 'misreported' } },
    ]),
    history,
  ).slice(history.length);
}

describe('rebuilding projections', () => {
  jest.setTimeout(30_000);
  let harness: ProjectionHarness;
  afterEach(() => harness?.close());

  it('given read models kept up to date as events arrived in small groups, when each projection is rebuilt, then the rebuilt rows equal the incremental ones and those of a clean pass', async () => {
    harness = await projectionHarness();
    for (let from = 0, size = 1; from < FACTS.length; from += size, size = 1 + (from % 17)) {
      await appendFacts(harness.store, harness.clock, FACTS.slice(from, from + size));
      await harness.settle();
    }
    const incremental = dumpReadModels(harness.db);

    for (const name of NAMES) await harness.manager.rebuild(name);

    for (const name of NAMES) expect(harness.manager.live(name).generation).toBe(2);
    const rebuilt = dumpReadModels(harness.db);
    expect(rebuilt).toEqual(incremental);
    expect(rebuilt.generations[RELATION_TIMELINE].tables.rows.length).toBeGreaterThan(1000);
    expect(await cleanPass(FACTS)).toEqual(incremental);
  });

  it('given a rebuild catching up, when the timeline is asked meanwhile and events keep arriving, then the live generation answers from everything it has applied, and the swapped-in one has everything', async () => {
    // Small random batches, so that the rebuild takes many turns of the event loop.
    harness = await projectionHarness({
      readThrough: (store) => new ChunkedEventStore(store, seededRandom(7), 60),
      // The timeline's rebuild is the question: the other read models only add minutes on a loaded CI.
      definitions: TIMELINE_AND_INDEXES,
    });
    await appendFacts(harness.store, harness.clock, FACTS);
    await harness.settle();
    const late = lateAndRetraction(FACTS);
    const all = [...FACTS, ...late];
    const questions = questionsOf(FACTS);
    const expectedBefore = domainAnswers(FACTS, questions);
    const expectedAfter = domainAnswers(all, questions);
    expect(expectedAfter).not.toEqual(expectedBefore);
    expect(answers(harness, questions)).toEqual(expectedBefore);
    const changes: TimelineChange[] = [];
    const subscription = harness.manager
      .applied$<TimelineChange>(RELATION_TIMELINE)
      .subscribe((batch) => changes.push(...batch.changes));

    const head = await harness.store.headPosition();
    const rebuilt = harness.manager.rebuild(RELATION_TIMELINE);
    const askedMidway = { before: 0, after: 0 };
    let appended = false;
    for (;;) {
      const rebuilding = harness.manager.statuses()[0].rebuilding;
      if (!rebuilding) break;
      expect(harness.manager.live(RELATION_TIMELINE).generation).toBe(1);
      if (rebuilding.position > 0 && rebuilding.position < head) {
        expect(answers(harness, questions)).toEqual(appended ? expectedAfter : expectedBefore);
        askedMidway[appended ? 'after' : 'before']++;
        if (!appended && rebuilding.position > head / 4) {
          await appendFacts(harness.store, harness.clock, late);
          // The live generation goes on applying new events while the rebuild catches up.
          expect(await harness.manager.waitFor(head + late.length, 10_000)).toBe(true);
          appended = true;
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await rebuilt;
    expect(askedMidway.before).toBeGreaterThanOrEqual(2);
    expect(askedMidway.after).toBeGreaterThanOrEqual(2);
    expect(harness.manager.live(RELATION_TIMELINE).generation).toBe(2);

    await harness.settle();
    expect(answers(harness, questions)).toEqual(expectedAfter);
    expect(dumpReadModels(harness.db)).toEqual(await cleanPass(all, TIMELINE_AND_INDEXES));

    // Live followers keep hearing of changes across the swap, from the generation that now answers.
    changes.length = 0;
    const after = replay(
      stepsFrom(new Date(Date.parse(all.at(-1)!.recordedAt) + 60_000).toISOString(), [
        { record: aStateChange('CooperationResumed', { occurredAt: '2022-12-01' }) },
      ]),
      all,
    ).slice(all.length);
    await appendFacts(harness.store, harness.clock, after);
    await harness.settle();
    subscription.unsubscribe();
    expect(changes).toEqual([
      expect.objectContaining({ eventId: after[0].eventId, from: '2022-12-01T00:00:00.000Z' }),
    ]);
  });

  it('given a wait for a position the live generation has not reached, when a rebuild swaps in meanwhile, then the wait goes on with the new generation', async () => {
    harness = await projectionHarness();
    await appendFacts(harness.store, harness.clock, FACTS);
    await harness.settle();
    const late = lateAndRetraction(FACTS);
    const rebuilt = harness.manager.rebuild(RELATION_TIMELINE);
    const waited = harness.manager.waitFor(FACTS.length + late.length, 10_000);
    await rebuilt;
    await appendFacts(harness.store, harness.clock, late);

    expect(await waited).toBe(true);
    expect(harness.manager.position(RELATION_TIMELINE)).toBe(FACTS.length + late.length);
  });

  it('given a rebuild just finished, when another is asked for at once, then it runs too', async () => {
    harness = await projectionHarness();
    await appendFacts(harness.store, harness.clock, FACTS.slice(0, 50));
    await harness.settle();
    const before = dumpReadModels(harness.db);

    await harness.manager.rebuild(EVENT_INDEX);
    await harness.manager.rebuild(EVENT_INDEX);

    expect(harness.manager.live(EVENT_INDEX).generation).toBe(3);
    expect(dumpReadModels(harness.db)).toEqual(before);
  });

  describe('given read models on disk', () => {
    let dir: string;
    let files: { eventsFile: string; readModelFile: string };
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'entente-projection-rebuild-'));
      files = { eventsFile: join(dir, 'events.db'), readModelFile: join(dir, 'read-models.db') };
      harness = await projectionHarness(files);
      await appendFacts(harness.store, harness.clock, FACTS);
      await harness.settle();
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('when a projection starts with a new version, then it is rebuilt beside the old generation, which answers until the swap, and the old tables are dropped', async () => {
      const v1 = dumpReadModels(harness.db);
      const questions = questionsOf(FACTS);
      const before = answers(harness, questions);
      await harness.close();

      const bumped = relationTimelineProjection.version + 1;
      const v2 = { ...relationTimelineProjection, version: bumped };
      harness = await projectionHarness({
        ...files,
        definitions: [v2, eventIndexProjection, actorRegistryProjection],
        start: false,
      });
      harness.manager.start();
      const [timeline] = harness.manager.statuses();
      expect(timeline).toMatchObject({ name: RELATION_TIMELINE, generation: 1, version: bumped });
      expect(timeline.rebuilding).toMatchObject({ generation: 2, version: bumped });
      // The old generation, frozen, answers while the new one is built.
      expect(answers(harness, questions)).toEqual(before);

      await harness.manager.rebuild(RELATION_TIMELINE);

      expect(harness.manager.live(RELATION_TIMELINE).generation).toBe(2);
      const v2Dump = dumpReadModels(harness.db);
      expect(v2Dump.checkpoints[RELATION_TIMELINE]).toEqual({
        version: bumped,
        position: v1.checkpoints[RELATION_TIMELINE].position,
      });
      expect(v2Dump.generations).toEqual(v1.generations);
      expect(answers(harness, questions)).toEqual(before);
      expect(
        schemaObjects(harness.db).filter((name) => name.startsWith('relation_timeline_g1_')),
      ).toEqual([]);
      expect(
        harness.db
          .prepare('SELECT name, generation, version FROM projection_checkpoints ORDER BY name')
          .all(),
      ).toEqual([
        { name: ACTOR_REGISTRY, generation: 1, version: 1 },
        { name: DYAD_SERIES, generation: 1, version: 1 },
        { name: EVENT_INDEX, generation: 1, version: eventIndexProjection.version },
        { name: RELATION_TIMELINE, generation: 2, version: bumped },
        { name: STATE_CHANGES, generation: 1, version: 1 },
      ]);

      // Started again with the same version, it does not rebuild.
      await harness.close();
      harness = await projectionHarness({
        ...files,
        definitions: [v2, eventIndexProjection, actorRegistryProjection],
      });
      expect(harness.manager.statuses()[0]).toMatchObject({ generation: 2, rebuilding: null });
    });

    it('when a fact is recorded while a new version is being rebuilt, then waiting for it waits for the swap and sees it', async () => {
      await harness.close();
      harness = await projectionHarness({
        ...files,
        definitions: [
          { ...relationTimelineProjection, version: relationTimelineProjection.version + 1 },
          eventIndexProjection,
          actorRegistryProjection,
        ],
      });
      expect(harness.manager.statuses()[0].rebuilding).not.toBeNull();
      const late = lateAndRetraction(FACTS);
      await appendFacts(harness.store, harness.clock, late);

      expect(await harness.manager.waitFor(FACTS.length + late.length, 10_000)).toBe(true);

      expect(harness.manager.live(RELATION_TIMELINE).generation).toBe(2);
      const questions = questionsOf(FACTS);
      expect(answers(harness, questions)).toEqual(domainAnswers([...FACTS, ...late], questions));
    });

    it('when a rebuild is interrupted before its swap, then the next start drops the half-built generation and the old one answers on', async () => {
      const v1 = dumpReadModels(harness.db);
      const interrupted = harness.manager.rebuild(EVENT_INDEX).catch((error: Error) => error);
      while ((harness.manager.statuses()[1].rebuilding?.position ?? 0) === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(schemaObjects(harness.db)).toContain('event_index_g2_events');
      await harness.close();
      expect(await interrupted).toBeInstanceOf(Error);

      harness = await projectionHarness(files);
      await harness.settle();
      expect(
        schemaObjects(harness.db).filter((name) => name.startsWith('event_index_g2_')),
      ).toEqual([]);
      expect(dumpReadModels(harness.db)).toEqual(v1);
    });
  });
});
