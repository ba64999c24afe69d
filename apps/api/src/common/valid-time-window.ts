import { ValidationError } from '@entente/common';
import { tryParseOccurredAt } from '@entente/domain';
import { endOf, iso } from './time-query';

/** `from` at the start of its period and `to` at its end: `from=2018&to=2018` is the whole year. */
export function validTimeWindow(query: { from?: string; to?: string }) {
  const issues: { field: string; message: string }[] = [];
  const read = (field: 'from' | 'to', fallback: number): number => {
    const value = query[field];
    if (value === undefined) return fallback;
    const parsed = tryParseOccurredAt(value, null);
    if (!parsed.ok) {
      issues.push({ field, message: parsed.message });
      return NaN;
    }
    return field === 'from' ? Date.parse(parsed.value.start) : endOf(parsed.value);
  };
  const from = read('from', -Infinity);
  const to = read('to', Infinity);
  if (issues.length === 0 && from > to) issues.push({ field: 'from', message: 'is after to' });
  if (issues.length > 0) throw ValidationError.of(issues);
  return {
    from,
    to,
    view: {
      from: Number.isFinite(from) ? iso(from) : null,
      to: Number.isFinite(to) ? iso(to) : null,
    },
  };
}
