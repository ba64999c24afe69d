import type { Source } from './event-data.types';
import { tryParseOccurredAt, type OccurredAt } from './occurred-at.value';

/**
 * When a fact was first publicly reported, if the caller does not say: the earliest of its sources'
 * publication dates (the start of the period each gives), but never before the period the fact happened
 * in began; null when no source is dated, which reads as the record time.
 */
export function reportedAtFromSources(
  sources: readonly Source[],
  occurredAt: OccurredAt,
): string | null {
  let earliest: number | null = null;
  for (const source of sources) {
    if (source.publishedAt === null) continue;
    const parsed = tryParseOccurredAt(source.publishedAt, null);
    if (!parsed.ok) continue;
    const start = Date.parse(parsed.value.start);
    if (earliest === null || start < earliest) earliest = start;
  }
  if (earliest === null) return null;
  return new Date(Math.max(earliest, Date.parse(occurredAt.start))).toISOString();
}

/**
 * The report time of a stored event: its data's `reportedAt`, or its record time when it has none. Never
 * after the record time, so that "reported by R" can never know more than "recorded by R".
 */
export function reportedAtOf(event: {
  readonly recordedAt: string;
  readonly data: unknown;
}): string {
  const given = (event.data as { reportedAt?: unknown } | null)?.reportedAt;
  if (typeof given !== 'string') return event.recordedAt;
  return Date.parse(given) < Date.parse(event.recordedAt) ? given : event.recordedAt;
}
