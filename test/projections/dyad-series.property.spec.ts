import {
  bucketEnd,
  bucketOf,
  bucketStart,
  dyadSeries,
  isReportType,
  type Grain,
  type RecordedFact,
  type SeriesFigures,
} from '@entente/domain';
import {
  DYAD_SERIES,
  DyadSeriesQueries,
  dyadSeriesProjection,
  eventIndexProjection,
} from '@entente/projections';
import fc from 'fast-check';
import { factsOf, FIRST_RECORD_MS, SMALL_UNIVERSE, timedOpsArb } from '../support/projection-facts';
import { appendFacts, projectionHarness } from '../support/projection-harness';

const CODES = ['1621', '0214', '040', '112', '190', '057', '016', '1213', null] as const;

/**
 * Gives the generated facts what coded data carries: a report time before the record time, a coding
 * (CAMEO code, sometimes with its own score on one scale), machine-coded evidence, and report times on
 * retractions and corrections. Stored as is: the read model and the reference read the same data.
 */
function coded(facts: readonly RecordedFact[], seed: number): RecordedFact[] {
  let x = seed;
  const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const reportData = (data: Record<string, unknown>, recordedMs: number) => {
    const start = Date.parse((data.occurredAt as { start: string }).start);
    const code = CODES[Math.floor(random() * CODES.length)];
    const ownScore =
      random() < 0.3 ? { value: -3.5, scale: random() < 0.5 ? 'icews' : 'gdelt' } : null;
    return {
      ...data,
      reportedAt:
        random() < 0.6
          ? new Date(start + Math.floor(random() * (recordedMs - start))).toISOString()
          : null,
      evidence: code === null ? 'curated' : 'machine-coded',
      coding:
        code === null
          ? null
          : {
              dataset: 'icews',
              externalId: null,
              scheme: 'CAMEO',
              code,
              mode: null,
              context: [],
              goldstein: ownScore,
              quadClass: null,
              mentions: null,
              sourcesCount: null,
              articles: null,
              tone: null,
              location: null,
              sentence: null,
              crosswalk: null,
            },
    };
  };
  return facts.map((fact) => {
    const recordedMs = Date.parse(fact.recordedAt);
    const data = fact.data as Record<string, unknown>;
    const earlier = () =>
      new Date(recordedMs - Math.floor(random() * 5) * 86_400_000).toISOString();
    if (isReportType(fact.type)) return { ...fact, data: reportData(data, recordedMs) };
    if (fact.type === 'EventCorrected') {
      return {
        ...fact,
        data: {
          ...data,
          reportedAt: random() < 0.5 ? earlier() : null,
          replacement: reportData(data.replacement as Record<string, unknown>, recordedMs),
        },
      };
    }
    if (fact.type === 'EventRetracted')
      return { ...fact, data: { ...data, reportedAt: random() < 0.5 ? earlier() : null } };
    return fact;
  });
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
function comparable(series: Map<number, SeriesFigures>) {
  return [...series]
    .filter(([, f]) => f.total !== 0)
    .sort(([a], [b]) => a - b)
    .map(([bucket, f]) => ({
      bucket,
      ...f,
      sum: { icews: round(f.sum.icews), gdelt: round(f.sum.gdelt) },
    }));
}

const pickArb = fc.record({
  grain: fc.constantFrom<Grain>('month', 'week', 'year'),
  knownAt: fc.nat(),
  reportedBy: fc.option(fc.nat()),
  dyad: fc.nat(),
  evidence: fc.constantFrom(null, 'curated' as const, 'machine-coded' as const),
});

describe('dyad-series projection against the domain fold (property)', () => {
  it('given random coded histories with late records, report times, retractions and corrections, when a dyad is asked as known at any (K, R), then the read model answers what dyadSeries folds from the facts', async () => {
    await fc.assert(
      fc.asyncProperty(
        timedOpsArb(30),
        fc.nat(),
        fc.array(pickArb, { minLength: 20, maxLength: 20 }),
        async (ops, seed, picks) => {
          const facts = coded(factsOf(ops), seed);
          const harness = await projectionHarness({
            definitions: [dyadSeriesProjection, eventIndexProjection],
          });
          try {
            await appendFacts(harness.store, harness.clock, facts);
            await harness.settle();
            const queries = new DyadSeriesQueries(harness.db, () =>
              harness.manager.live(DYAD_SERIES),
            );
            const times = [
              ...new Set([
                FIRST_RECORD_MS,
                ...facts.flatMap((f) => {
                  const t = Date.parse(f.recordedAt);
                  return [t - 1, t, t + 86_400_000];
                }),
              ]),
            ].sort((a, b) => a - b);
            const actors = SMALL_UNIVERSE.actors;
            const dyads = [
              null,
              ...actors.flatMap((a) =>
                actors.filter((t) => t !== a).map((t) => ({ actor: a, target: t })),
              ),
            ];
            for (const pick of picks) {
              const dyad = dyads[pick.dyad % dyads.length];
              const knownAtMs = times[pick.knownAt % times.length];
              const reportedByMs =
                pick.reportedBy === null
                  ? null
                  : times[pick.reportedBy % times.length] - 3 * 86_400_000;
              const range = {
                grain: pick.grain,
                from: bucketOf(pick.grain, Date.UTC(2019, 0, 1)),
                to: bucketOf(pick.grain, Date.UTC(2023, 0, 1)),
                fromMs: bucketStart(pick.grain, bucketOf(pick.grain, Date.UTC(2019, 0, 1))),
                toMs: bucketEnd(pick.grain, bucketOf(pick.grain, Date.UTC(2023, 0, 1))),
              };
              const ours = queries.series(dyad, range, {
                knownAtMs,
                reportedByMs,
                evidence: pick.evidence,
              });
              const expected = dyadSeries(
                facts,
                dyad,
                pick.grain,
                {
                  knownAt: new Date(knownAtMs),
                  ...(reportedByMs !== null && { reportedBy: new Date(reportedByMs) }),
                },
                pick.evidence ?? undefined,
              );
              expect(comparable(ours)).toEqual(comparable(expected));
            }
            // Unlimited: the cells of "as known now".
            for (const dyad of dyads) {
              const range = {
                grain: 'month' as Grain,
                from: 2019 * 12,
                to: 2023 * 12,
                fromMs: Date.UTC(2019, 0, 1),
                toMs: Date.UTC(2023, 1, 1),
              };
              expect(
                comparable(
                  queries.series(dyad, range, {
                    knownAtMs: null,
                    reportedByMs: null,
                    evidence: null,
                  }),
                ),
              ).toEqual(comparable(dyadSeries(facts, dyad, 'month')));
            }
          } finally {
            await harness.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
