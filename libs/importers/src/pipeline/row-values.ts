/**
 * Reading numbers out of text fields: a missing value is null, text that is not a number is undefined
 * (the row is malformed), and values outside a field's range are dropped rather than stored.
 */
export function numberOr(value: string | null | undefined): number | null | undefined {
  if (value === null || value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function countOr(value: string | null | undefined): number | null {
  const n = numberOr(value);
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

export function inRange(value: number | null | undefined, min: number, max: number): number | null {
  return typeof value === 'number' && value >= min && value <= max ? value : null;
}

/** `20180326` -> `2018-03-26`; null when it is no calendar date. */
export function compactDate(value: string | null | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec((value ?? '').trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const parsed = new Date(`${iso}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}

/** `20180326044500` -> `2018-03-26T04:45:00Z`. */
export function compactInstant(value: string | null | undefined): string | null {
  const m = /^(\d{8})(\d{2})(\d{2})(\d{2})$/.exec((value ?? '').trim());
  if (!m) return null;
  const date = compactDate(m[1]);
  if (!date || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return null;
  return `${date}T${m[2]}:${m[3]}:${m[4]}Z`;
}
