import {
  formatPairKey,
  pairsOf,
  relationStateAt,
  relationTimeline,
  reportedAtOf,
  upcast,
  type EventCorrectedData,
  type RecordedFact,
  type RelationKey,
  type ReportData,
} from '@entente/domain';
import fc from 'fast-check';
import { allKeys, factsOf, timedOpsArb } from '../support/projection-facts';
import { appendFacts, projectionHarness } from '../support/projection-harness';

const FAR_FUTURE = Date.parse('2100-01-01T00:00:00.000Z');
const LONG_AGO = Date.parse('1900-01-01T00:00:00.000Z');

function unique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Every key a fact touches, and every one over the generated actors and channels. */
function keysOf(facts: readonly RecordedFact[]): RelationKey[] {
  const keys = new Map(allKeys().map((key) => [formatPairKey(key), key]));
  for (const fact of facts) {
    for (const pair of pairsOf(fact.data)) {
      if (pair.channel !== null) keys.set(formatPairKey(pair), pair as RelationKey);
    }
  }
  return [...keys.values()];
}

/** Each time, a millisecond either side, and beyond both ends. */
function around(times: readonly number[]): number[] {
  return unique([LONG_AGO, FAR_FUTURE, ...times.flatMap((t) => [t - 1, t, t + 1])]);
}

function validTimesOf(facts: readonly RecordedFact[]): number[] {
  return around(
    facts.flatMap((fact) => {
      const data = fact.data as Partial<ReportData & EventCorrectedData>;
      const start = data.occurredAt?.start ?? data.replacement?.occurredAt.start;
      return start ? [Date.parse(start)] : [];
    }),
  );
}

const recordTimesOf = (facts: readonly RecordedFact[]) =>
  around(facts.map((fact) => Date.parse(fact.recordedAt)));

const reportTimesOf = (facts: readonly RecordedFact[]) =>
  around(
    facts.map((fact) => {
      const { data } = upcast(fact.type, fact.schemaVersion, fact.data);
      return Date.parse(reportedAtOf({ recordedAt: fact.recordedAt, data }));
    }),
  );

/** A question, chosen by index into the candidates of the facts it is asked about. */
const pickArb = fc.record({
  key: fc.nat(),
  at: fc.nat(),
  knownAt: fc.option(fc.nat(), { freq: 3 }),
  reportedBy: fc.option(fc.nat(), { freq: 4 }),
  curated: fc.boolean(),
});

describe('relation-timeline on both knowledge axes and on curated evidence (property)', () => {
  it('given random histories with facts reported before they were recorded here and machine-coded ones among them, when asked at random (T, K), (T, R) and (T, K, R), curated or not, then the rows answer what the domain fold answers, and the timelines agree', async () => {
    await fc.assert(
      fc.asyncProperty(
        timedOpsArb(40, undefined, { reported: true, coded: true }),
        // Reported in order: every event the same time before it was recorded; else as drawn.
        fc.option(fc.constantFrom(1, 30_000, 86_400_000)),
        fc.array(pickArb, { minLength: 40, maxLength: 40 }),
        fc.boolean(),
        async (drawn, lag, picks, onePass) => {
          const ops = lag === null ? drawn : drawn.map((op) => ({ ...op, reportedAgoMs: lag }));
          const facts = factsOf(ops);
          const harness = await projectionHarness({
            start: false,
            onePassFrom: onePass ? 1 : Infinity,
            onePassCommitEvery: 7,
          });
          try {
            await appendFacts(harness.store, harness.clock, facts);
            harness.manager.start();
            await harness.settle();
            const keys = keysOf(facts);
            const validTimes = validTimesOf(facts);
            const recordTimes = recordTimesOf(facts);
            const reportTimes = reportTimesOf(facts);
            for (const pick of picks) {
              const key = keys[pick.key % keys.length];
              const at = validTimes[pick.at % validTimes.length];
              // No knownAt: everything recorded, as the API's default of now.
              const knownAt =
                pick.knownAt === null ? FAR_FUTURE : recordTimes[pick.knownAt % recordTimes.length];
              const reportedBy =
                pick.reportedBy === null ? null : reportTimes[pick.reportedBy % reportTimes.length];
              const limits = {
                knownAt: new Date(knownAt),
                ...(reportedBy !== null && { reportedBy: new Date(reportedBy) }),
                ...(pick.curated && { evidence: 'curated' as const }),
              };
              const asked = { key, at, knownAt, reportedBy, curated: pick.curated };
              const knowledge = { knownAt, reportedBy, curatedOnly: pick.curated };
              expect({ ...asked, state: harness.timeline.stateAt(key, at, knowledge) }).toEqual({
                ...asked,
                state: relationStateAt(facts, key, new Date(at), limits),
              });
              expect({ ...asked, timeline: harness.timeline.timeline(key, knowledge) }).toEqual({
                ...asked,
                timeline: relationTimeline(facts, key, limits),
              });
            }
          } finally {
            await harness.close();
          }
        },
      ),
      { numRuns: 120, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);
});
