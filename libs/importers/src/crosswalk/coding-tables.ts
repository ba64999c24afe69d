import {
  INTERIM_CAMEO_CODES,
  INTERIM_PLOVER_EVENTS,
  type InterimCameoCode,
} from './interim-coding.data';

/**
 * The CAMEO code list the importers look codes up in. INTERIM: when issue 12 lands, this becomes a
 * re-export of `CAMEO_CODES` from `@entente/domain` (libs/domain/src/coding/), the one derivation.
 */
export type CameoEntry = InterimCameoCode;

const codes = new Map(INTERIM_CAMEO_CODES.map((entry) => [entry.code, entry]));

export function cameoCode(code: string): CameoEntry | undefined {
  return codes.get(code);
}

const ploverEvents = new Map(INTERIM_PLOVER_EVENTS.map((entry) => [entry.event, entry]));

export function isPloverEvent(event: string): boolean {
  return ploverEvents.has(event);
}

/** The quad class most of a PLOVER event type's CAMEO counterparts carry. */
export function ploverQuadClass(event: string): 1 | 2 | 3 | 4 | null {
  return ploverEvents.get(event)?.quadClass ?? null;
}
