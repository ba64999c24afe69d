import type { OccurredAt } from '@entente/domain';
import type { Actor } from '../api/types';

/** 2026-12-01 10:30:03.696 UTC: record times differ by milliseconds when a story is recorded at once. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

export function formatDay(iso: string): string {
  return iso.slice(0, 10);
}

/** As precisely as the source: `≈ 1990 (year)` for what the source dates only roughly. */
export function formatOccurred(occurredAt: OccurredAt): string {
  return occurredAt.precision === 'year' || occurredAt.precision === 'month'
    ? `≈ ${occurredAt.value} (${occurredAt.precision})`
    : occurredAt.value;
}

/** The type string as words: CooperationSuspended -> Cooperation suspended. */
export function typeLabel(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function actorName(actors: ReadonlyMap<string, Actor>, code: string): string {
  const actor = actors.get(code);
  return actor ? `${actor.name} (${code})` : code;
}

export function shorten(text: string, length = 90): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
