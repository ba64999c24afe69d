import {
  evolveRelation,
  explain,
  formatPairKey,
  pairsOf,
  factsKnownAt,
  initialRelationState,
  isStateChangeType,
  relationStateAt,
  relationTimeline,
  touches,
  type EventCorrectedData,
  type RecordedFact,
  type RelationKey,
  type RelationState,
  type ReportData,
} from '@entente/domain';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { allKeys, factsOf, timedOpsArb } from '../support/projection-facts';
import { appendFacts, projectionHarness } from '../support/projection-harness';

/**
 * Every key over the generated actors and channels, and any other a fact touches (a state change whose
 * channel was left to its type's default, such as a context report corrected into MembershipSuspended).
 */
function keysOf(facts: readonly RecordedFact[]): RelationKey[] {
  const keys = new Map(allKeys().map((key) => [formatPairKey(key), key]));
  for (const fact of facts) {
    for (const pair of pairsOf(fact.data)) {
      if (pair.channel !== null) keys.set(formatPairKey(pair), pair as RelationKey);
    }
  }
  return [...keys.values()];
}
const FAR_FUTURE = Date.parse('2100-01-01T00:00:00.000Z');
const LONG_AGO = Date.parse('1900-01-01T00:00:00.000Z');

/** Every valid start any version of any fact has, one millisecond either side, and beyond both ends. */
function validTimesOf(facts: readonly RecordedFact[]): number[] {
  const starts = facts.flatMap((fact) => {
    const data = fact.data as Partial<ReportData & EventCorrectedData>;
    const start = data.occurredAt?.start ?? data.replacement?.occurredAt.start;
    return start ? [Date.parse(start)] : [];
  });
  return unique([LONG_AGO, FAR_FUTURE, ...starts.flatMap((t) => [t - 1, t, t + 1])]);
}

/** Every record time, one millisecond either side, before anything was recorded and long after. */
function recordTimesOf(facts: readonly RecordedFact[]): number[] {
  const times = facts.map((fact) => Date.parse(fact.recordedAt));
  return unique([LONG_AGO, FAR_FUTURE, ...times.flatMap((k) => [k - 1, k, k + 1])]);
}

const at_ = (ms: number) => new Date(ms);

function unique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** A query point, chosen by index into the candidates of the facts it is asked about. */
const pickArb = fc.record({ key: fc.nat(), at: fc.nat(), knownAt: fc.nat() });

describe('relation-timeline projection against the domain fold (property)', () => {
  it('given random histories with late records, ties, retractions and corrections, when (T, K) is asked anywhere, then the rows answer what the domain fold answers, and the events the index files under the key explain it as all events do', async () => {
    await fc.assert(
      fc.asyncProperty(
        timedOpsArb(40),
        fc.array(pickArb, { minLength: 60, maxLength: 60 }),
        // Live: one event per batch as each is appended; catch-up: everything in one batch at start.
        fc.boolean(),
        async (ops, picks, live) => {
          const facts = factsOf(ops);
          const harness = await projectionHarness({ start: live });
          try {
            await appendFacts(harness.store, harness.clock, facts);
            if (!live) harness.manager.start();
            await harness.settle();

            const keys = keysOf(facts);
            const validTimes = validTimesOf(facts);
            const recordTimes = recordTimesOf(facts);
            for (const pick of picks) {
              const key = keys[pick.key % keys.length];
              const at = validTimes[pick.at % validTimes.length];
              const knownAt = recordTimes[pick.knownAt % recordTimes.length];
              const expected = relationStateAt(facts, key, new Date(at), new Date(knownAt));
              const actual = harness.timeline.stateAt(key, at, knownAt);
              expect({ key, at, knownAt, state: actual }).toEqual({
                key,
                at,
                knownAt,
                state: expected,
              });
              // The audit explains a key from the events the index files under it: they must be enough.
              const filed = harness.events.factsOf(key.actor, key.target, key.channel);
              expect({
                key,
                at,
                knownAt,
                explained: explain(filed, key, at_(at), at_(knownAt)),
              }).toEqual({
                key,
                at,
                knownAt,
                explained: explain(facts, key, at_(at), at_(knownAt)),
              });
            }
            for (const key of keys) {
              for (const knownAt of recordTimes) {
                expect({ key, knownAt, timeline: harness.timeline.timeline(key, knownAt) }).toEqual(
                  {
                    key,
                    knownAt,
                    timeline: relationTimeline(facts, key, new Date(knownAt)),
                  },
                );
              }
            }
          } finally {
            await harness.close();
          }
        },
      ),
      // A failure found is reported even if shrinking it runs out of time.
      { numRuns: 120, interruptAfterTimeLimit: 40_000 },
    );
  }, 90_000);

  it('given random histories, when each event is applied, then its changes name exactly the keys whose states it changed, the earliest valid time that changed, and where each key now stands', async () => {
    await fc.assert(
      fc.asyncProperty(timedOpsArb(30), async (ops) => {
        const facts = factsOf(ops);
        const harness = await projectionHarness();
        try {
          await appendFacts(harness.store, harness.clock, facts);
          await harness.settle();
          const starts = validTimesOf(facts);
          const keys = keysOf(facts);
          for (const fact of facts) {
            const before = statesOf(facts.filter((f) => f.position < fact.position));
            const after = statesOf(facts.filter((f) => f.position <= fact.position));
            const expected = keys.flatMap((key) => {
              const from = starts.find((at) => !isDeepStrictEqual(before(key, at), after(key, at)));
              if (from === undefined) return [];
              const { anomalies: _anomalies, ...now } = after(key, FAR_FUTURE);
              return [
                {
                  key,
                  from: new Date(from).toISOString(),
                  current: now.status === 'unknown' ? null : now,
                },
              ];
            });
            const actual = harness.timeline
              .changesAfter(fact.position - 1, fact.position)
              .map(({ key, from, current }) => ({ key, from, current }));
            expect({ position: fact.position, changes: sortByKey(actual) }).toEqual({
              position: fact.position,
              changes: sortByKey(expected),
            });
          }
        } finally {
          await harness.close();
        }
      }),
      { numRuns: 100, interruptAfterTimeLimit: 40_000 },
    );
  }, 90_000);
});

type StateOf = (key: RelationKey, at: number) => Omit<RelationState, 'group'>;

/**
 * relationStateAt over everything in `facts`, with the facts in effect worked out once rather than per
 * question: the fold of the state changes touching the key that start by T.
 */
function statesOf(facts: readonly RecordedFact[]): StateOf {
  const { effective } = factsKnownAt(facts);
  return (key, at) => {
    const { group: _group, ...state } = effective
      .filter(
        (f) =>
          isStateChangeType(f.type) &&
          touches(f.data, key) &&
          Date.parse(f.data.occurredAt.start) <= at,
      )
      .reduce(evolveRelation, initialRelationState);
    return state;
  };
}

function sortByKey<T extends { key: RelationKey }>(changes: readonly T[]): T[] {
  const name = ({ key }: T) => `${key.actor}>${key.target}:${key.channel}`;
  return [...changes].sort((a, b) => name(a).localeCompare(name(b)));
}
