import { ValidationError } from '@entente/common';

export type Precision = 'year' | 'month' | 'day' | 'instant';

/**
 * When something happened, as precisely as the sources say. `start` (an ISO instant, UTC) is the sort key:
 * the start of the period for a year, month or day.
 */
export interface OccurredAt {
  readonly value: string;
  readonly precision: Precision;
  readonly start: string;
}

export type ParseResult = { ok: true; value: OccurredAt } | { ok: false; message: string };

export interface ParseOptions {
  /** For announcements of future changes; occurredAt itself may never lie after `now`. */
  readonly allowFuture?: boolean;
}

const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must carry its offset: a wall-clock time without one is ambiguous by up to a day.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const FORMS = 'use YYYY, YYYY-MM, YYYY-MM-DD or an ISO instant with an offset';

/** Year, month and day precisions are read in UTC: `2024` starts at 2024-01-01T00:00:00.000Z. */
export function tryParseOccurredAt(
  input: unknown,
  now: Date | null,
  options: ParseOptions = {},
): ParseResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, message: `is required; ${FORMS}` };
  }
  const parsed = parseForm(input);
  if (!parsed.ok) return parsed;
  if (now !== null && !options.allowFuture && Date.parse(parsed.value.start) > now.getTime()) {
    return { ok: false, message: `${input} is after now (${now.toISOString()})` };
  }
  return parsed;
}

/** Parses and checks `occurredAt`; throws `ValidationError` naming the field. */
export function parseOccurredAt(
  input: unknown,
  now: Date,
  options: ParseOptions & { field?: string } = {},
): OccurredAt {
  const result = tryParseOccurredAt(input, now, options);
  if (!result.ok) {
    throw ValidationError.of([{ field: options.field ?? 'occurredAt', message: result.message }]);
  }
  return result.value;
}

/** Coarser than a day: the fact sorts at the start of its period and is flagged approximate. */
export function isApproximate(occurredAt: Pick<OccurredAt, 'precision'>): boolean {
  return occurredAt.precision === 'year' || occurredAt.precision === 'month';
}

function parseForm(input: string): ParseResult {
  let match = YEAR.exec(input);
  if (match) return build(input, 'year', +match[1], 1, 1);
  match = MONTH.exec(input);
  if (match) return build(input, 'month', +match[1], +match[2], 1);
  match = DAY.exec(input);
  if (match) return build(input, 'day', +match[1], +match[2], +match[3]);
  match = INSTANT.exec(input);
  if (match) {
    const [, y, mo, d, h, mi, s, fraction, offset] = match;
    return build(input, 'instant', +y, +mo, +d, {
      hours: +h,
      minutes: +mi,
      seconds: s === undefined ? 0 : +s,
      millis: fraction === undefined ? 0 : Math.floor(+`0.${fraction}` * 1000),
      offset,
    });
  }
  return { ok: false, message: `${input} is not a date; ${FORMS}` };
}

interface TimeOfDay {
  hours: number;
  minutes: number;
  seconds: number;
  millis: number;
  /** `Z` or `±hh:mm` as written. */
  offset: string;
}

function build(
  value: string,
  precision: Precision,
  year: number,
  month: number,
  day: number,
  time?: TimeOfDay,
): ParseResult {
  if (year < 1) return { ok: false, message: `${value}: year must be 0001 or later` };
  if (month < 1 || month > 12) return { ok: false, message: `${value}: month must be 01 to 12` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return { ok: false, message: `${value}: day must be 01 to ${days} in that month` };
  }
  if (time && (time.hours > 23 || time.minutes > 59 || time.seconds > 59)) {
    return { ok: false, message: `${value}: time of day out of range` };
  }
  const offsetMinutes = time ? offsetMinutesOf(time.offset) : 0;
  if (offsetMinutes === null || Math.abs(offsetMinutes) > 14 * 60) {
    return {
      ok: false,
      message: `${value}: offset ${time?.offset} out of range (-14:00 to +14:00, minutes 00 to 59)`,
    };
  }
  const millis =
    utcMillis(year, month, day) +
    (time
      ? ((time.hours * 60 + time.minutes - offsetMinutes) * 60 + time.seconds) * 1000 + time.millis
      : 0);
  return { ok: true, value: { value, precision, start: new Date(millis).toISOString() } };
}

function utcMillis(year: number, month: number, day: number): number {
  // Date.UTC maps years 0-99 to 1900-1999; setting the full year avoids that.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Null for minutes past 59: `+05:60` is not another way to write `+06:00`. */
function offsetMinutesOf(offset: string): number | null {
  if (offset === 'Z') return 0;
  const minutes = +offset.slice(4, 6);
  if (minutes > 59) return null;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (+offset.slice(1, 3) * 60 + minutes);
}
