import type { Span } from './view-state';

const DAY_MS = 86_400_000;
const SPAN_DAYS: Record<Exclude<Span, 'all'>, number> = {
  '10y': 3653,
  '2y': 731,
  '6m': 183,
  '1m': 31,
};

/**
 * The valid-time window the chart shows: everything from the first fact to now, or a span centred on
 * the cursor.
 */
export function visibleDomain(
  span: Span,
  cursor: Date,
  starts: readonly string[],
  now: Date,
): [Date, Date] {
  if (span !== 'all') {
    const half = (SPAN_DAYS[span] * DAY_MS) / 2;
    return [new Date(cursor.getTime() - half), new Date(cursor.getTime() + half)];
  }
  const first = Math.min(cursor.getTime(), ...starts.map((s) => Date.parse(s)));
  const last = Math.max(now.getTime(), cursor.getTime());
  const margin = Math.max(DAY_MS, (last - first) * 0.02);
  return [new Date(first - margin), new Date(last + margin)];
}
