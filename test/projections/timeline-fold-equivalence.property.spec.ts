import {
  relationStateAt,
  relationTimeline,
  type EventCorrectedData,
  type RecordedFact,
  type ReportData,
} from '@entente/domain';
import fc from 'fast-check';
import { allKeys, factsOf, timedOpsArb } from '../support/projection-facts';
import { appendFacts, projectionHarness } from '../support/projection-harness';

const KEYS = allKeys();
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

function unique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** A query point, chosen by index into the candidates of the facts it is asked about. */
const pickArb = fc.record({ key: fc.nat(), at: fc.nat(), knownAt: fc.nat() });

describe('relation-timeline projection against the domain fold (property)', () => {
  it('given random histories with late records, ties, retractions and corrections, when (T, K) is asked anywhere, then the rows answer what the domain fold answers', async () => {
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

            const validTimes = validTimesOf(facts);
            const recordTimes = recordTimesOf(facts);
            for (const pick of picks) {
              const key = KEYS[pick.key % KEYS.length];
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
            }
            for (const key of KEYS) {
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
      { numRuns: 150, interruptAfterTimeLimit: 40_000 },
    );
  }, 90_000);
});
