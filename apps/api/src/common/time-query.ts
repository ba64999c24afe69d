import { ValidationError } from '@entente/common';
import { tryParseOccurredAt, type OccurredAt } from '@entente/domain';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `at` (valid time) and `knownAt` (record time): the same forms as occurredAt; both default to now. */
export class TimeQueryDto {
  /** The valid time: 2024, 2024-06, 2024-06-05 or an ISO instant. Defaults to now. */
  @IsOptional() @IsString() @MaxLength(40) at?: string;
  /** The record time: what was known by then. Same forms; defaults to now. */
  @IsOptional() @IsString() @MaxLength(40) knownAt?: string;
}

export interface TimePoint {
  readonly at: number;
  readonly knownAt: number;
}

/**
 * A date names a period, and a question about a period is answered at its end: the state "on
 * 2025-11-11" counts what happened that day, "as known in 2024" counts what was recorded by its last
 * millisecond. An instant is itself.
 */
export function timePoint(query: TimeQueryDto, now: Date): TimePoint {
  const issues: { field: string; message: string }[] = [];
  const read = (field: 'at' | 'knownAt'): number => {
    const value = query[field];
    if (value === undefined) return now.getTime();
    const parsed = tryParseOccurredAt(value, null);
    if (!parsed.ok) {
      issues.push({ field, message: parsed.message });
      return NaN;
    }
    return endOf(parsed.value);
  };
  const point = { at: read('at'), knownAt: read('knownAt') };
  if (issues.length > 0) throw ValidationError.of(issues);
  return point;
}

export function endOf(period: OccurredAt): number {
  const start = new Date(period.start);
  const [y, m, d] = [start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()];
  switch (period.precision) {
    case 'year':
      return Date.UTC(y + 1, 0, 1) - 1;
    case 'month':
      return Date.UTC(y, m + 1, 1) - 1;
    case 'day':
      return Date.UTC(y, m, d + 1) - 1;
    default:
      return start.getTime();
  }
}

export const iso = (ms: number): string => new Date(ms).toISOString();
