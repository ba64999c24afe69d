import { ISO_3166_ALPHA3 } from './iso-3166-alpha3.data';

export type ActorKind = 'government' | 'organization' | 'person';

export const ACTOR_KINDS: readonly ActorKind[] = ['government', 'organization', 'person'];

/**
 * Which registered codes exist. A `Set` of codes fits, and so does a function when the caller keeps them
 * elsewhere (a projection): the domain only ever asks `has`.
 */
export type ActorLookup = { has(code: string): boolean } | ((code: string) => boolean);

/**
 * Registered codes: uppercase letters and digits in hyphen-separated words, 2 to 40 characters. Bodies use
 * their usual acronym (`EGMONT`, `NATO`, `ICG`); people use their name (`GUSTAVO-PETRO`), so that a code stays
 * readable in a URL and in a timeline without a lookup.
 */
export const ACTOR_CODE_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;

export function isActorCodeFormat(code: string): boolean {
  return code.length >= 2 && code.length <= 40 && ACTOR_CODE_PATTERN.test(code);
}

export function isIsoCountry(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(ISO_3166_ALPHA3, code);
}

export function isoCountryName(code: string): string | undefined {
  return isIsoCountry(code) ? ISO_3166_ALPHA3[code] : undefined;
}

export function isKnownActor(code: string, registered: ActorLookup): boolean {
  if (isIsoCountry(code)) return true;
  return typeof registered === 'function' ? registered(code) : registered.has(code);
}
