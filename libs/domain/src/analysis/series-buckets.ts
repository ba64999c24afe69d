/** How a series groups valid time: calendar months, ISO weeks (Monday to Sunday, UTC) or calendar years. */
export type Grain = 'month' | 'week' | 'year';

export const GRAINS: readonly Grain[] = ['month', 'week', 'year'];

const DAY = 86_400_000;
const WEEK = 7 * DAY;
// 1970-01-01 was a Thursday: Monday 1969-12-29 starts week 0.
const FIRST_MONDAY = -3 * DAY;

/** The bucket holding an instant: months and years counted from year 0, weeks from 1969-12-29. */
export function bucketOf(grain: Grain, ms: number): number {
  if (grain === 'week') return Math.floor((ms - FIRST_MONDAY) / WEEK);
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return grain === 'year' ? year : year * 12 + date.getUTCMonth();
}

/** The first instant of a bucket. */
export function bucketStart(grain: Grain, bucket: number): number {
  if (grain === 'week') return FIRST_MONDAY + bucket * WEEK;
  if (grain === 'year') return Date.UTC(bucket, 0, 1);
  return Date.UTC(Math.floor(bucket / 12), bucket % 12, 1);
}

/** The first instant after a bucket. */
export function bucketEnd(grain: Grain, bucket: number): number {
  return bucketStart(grain, bucket + 1);
}

/** `2025-11`, `2025`, or the ISO week `2025-W46` (its year is the one its Thursday falls in). */
export function bucketLabel(grain: Grain, bucket: number): string {
  if (grain === 'year') return String(bucket);
  if (grain === 'month') {
    return `${Math.floor(bucket / 12)}-${String((bucket % 12) + 1).padStart(2, '0')}`;
  }
  const thursday = new Date(bucketStart('week', bucket) + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A month bucket's year bucket: years are summed from months. */
export function yearOfMonth(month: number): number {
  return Math.floor(month / 12);
}
