import type { ReportType } from '../events/event-catalog';
import type { ReportData } from '../events/event-data.types';
import { pairsOf } from '../events/pairs-of';
import { factsKnownAt, type KnowledgeLimit } from '../timeline/facts-known-at';
import type { RecordedFact } from '../timeline/recorded-fact';
import { scoreOf } from './fact-score';
import { bucketOf, type Grain } from './series-buckets';
import { addCell, emptyFigures, type SeriesCell, type SeriesFigures } from './series-figures';

export interface Dyad {
  readonly actor: string;
  readonly target: string;
}

/** What one fact in effect adds to the bucket its valid start falls in. */
export function cellOf(type: ReportType, report: ReportData): SeriesCell {
  const score = scoreOf(type, report.coding);
  const scored = (value: number | null) => (value === null ? 0 : 1);
  return {
    type,
    plover: score.plover,
    quadClass: score.quadClass,
    approximate: report.occurredAt.precision === 'year' || report.occurredAt.precision === 'month',
    count: 1,
    scored: { icews: scored(score.goldstein.icews), gdelt: scored(score.goldstein.gdelt) },
    sum: { icews: score.goldstein.icews ?? 0, gdelt: score.goldstein.gdelt ?? 0 },
  };
}

/**
 * The reference a series read model is held to: the facts in effect as known (factsKnownAt), those on
 * the directed dyad (any channel, state changes and context alike; `null`: every fact once, the world's
 * volume), by bucket of their valid start. `evidence: 'machine-coded'` keeps only machine-coded facts,
 * as `'curated'` keeps only curated ones.
 */
export function dyadSeries(
  facts: readonly RecordedFact[],
  dyad: Dyad | null,
  grain: Grain,
  limit?: KnowledgeLimit,
  evidence?: 'curated' | 'machine-coded',
): Map<number, SeriesFigures> {
  const series = new Map<number, SeriesFigures>();
  for (const fact of factsKnownAt(facts, limit).effective) {
    if (evidence && fact.data.evidence !== evidence) continue;
    const onDyad =
      dyad === null ||
      pairsOf(fact.data).some((p) => p.actor === dyad.actor && p.target === dyad.target);
    if (!onDyad) continue;
    const bucket = bucketOf(grain, Date.parse(fact.data.occurredAt.start));
    let figures = series.get(bucket);
    if (!figures) series.set(bucket, (figures = emptyFigures()));
    addCell(figures, cellOf(fact.type, fact.data));
  }
  return series;
}
