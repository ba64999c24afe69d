import { ValidationError } from '@entente/common';
import { bucketEnd, bucketLabel, bucketOf, bucketStart, type Grain } from '@entente/domain';
import type { BucketRange } from '@entente/projections';
import { iso } from '../common/time-query';
import { validTimeWindow } from '../common/valid-time-window';
import type { SeriesKnowledgeDto } from './series.query';

/** More would be a series no chart or sheet can show: 200 years by month, 46 by week. */
const MAX_BUCKETS = 2_400;

/** The buckets from the one holding `from` to the one holding `to`; each end defaults as given. */
export function bucketRange(
  grain: Grain,
  query: { from?: string; to?: string },
  defaults: { first: number; last: number },
): BucketRange {
  const window = validTimeWindow(query);
  const from = query.from === undefined ? defaults.first : bucketOf(grain, window.from);
  let to = query.to === undefined ? defaults.last : bucketOf(grain, window.to);
  if (query.to === undefined) to = Math.max(to, from);
  if (to < from) throw ValidationError.of([{ field: 'from', message: 'is after to' }]);
  if (to - from + 1 > MAX_BUCKETS) {
    throw ValidationError.of([
      { field: 'from', message: `asks for ${to - from + 1} buckets; at most ${MAX_BUCKETS}` },
    ]);
  }
  return { grain, from, to, fromMs: bucketStart(grain, from), toMs: bucketEnd(grain, to) };
}

export function bucketsOf(
  range: BucketRange,
): { bucket: number; label: string; start: string; end: string }[] {
  const buckets = [];
  for (let b = range.from; b <= range.to; b++) {
    buckets.push({
      bucket: b,
      label: bucketLabel(range.grain, b),
      start: iso(bucketStart(range.grain, b)),
      end: iso(bucketEnd(range.grain, b)),
    });
  }
  return buckets;
}

/** The same number of buckets just before: what `by=change` compares with. */
export function previousRange(range: BucketRange): BucketRange {
  const length = range.to - range.from + 1;
  const from = range.from - length;
  const to = range.from - 1;
  return {
    ...range,
    from,
    to,
    fromMs: bucketStart(range.grain, from),
    toMs: bucketEnd(range.grain, to),
  };
}

/** A link to a dyad's series over the same buckets and limits. */
export function seriesHref(
  dyad: { actor: string; target: string },
  range: BucketRange,
  query: SeriesKnowledgeDto,
  view: { knownAt: string },
): string {
  const params = new URLSearchParams({
    bucket: range.grain,
    from: iso(range.fromMs).slice(0, 10),
    to: iso(range.toMs - 1).slice(0, 10),
    knownAt: view.knownAt,
  });
  for (const key of ['reportedBy', 'evidence', 'scale'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, value);
  }
  return `/v1/relations/${dyad.actor}/${dyad.target}/series?${params}`;
}
