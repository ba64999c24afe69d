import type {
  CameoCode,
  CodingScheme,
  GoldsteinScale,
  PloverEvent,
  QuadClass,
} from './coding.types';
import { CAMEO_CODE_LIST } from './cameo-codes.data';
import { PLOVER_EVENT_LIST } from './plover-events.data';

export const CAMEO_CODES: ReadonlyMap<string, CameoCode> = new Map(
  CAMEO_CODE_LIST.map((entry) => [entry.code, entry]),
);

export const PLOVER_EVENTS: ReadonlyMap<string, PloverEvent> = new Map(
  PLOVER_EVENT_LIST.map((entry) => [entry.event, entry]),
);

export const CODING_SCHEMES: readonly CodingScheme[] = ['CAMEO', 'PLOVER'];
export const GOLDSTEIN_SCALES: readonly GoldsteinScale[] = ['icews', 'gdelt'];

export function isCodeOf(scheme: CodingScheme, code: string): boolean {
  return scheme === 'CAMEO' ? CAMEO_CODES.has(code) : PLOVER_EVENTS.has(code);
}

/** A CAMEO code's score on a scale's own table; null where that table has none. */
export function goldsteinOf(code: string, scale: GoldsteinScale): number | null {
  return CAMEO_CODES.get(code)?.goldstein[scale] ?? null;
}

/** The quad class a code falls in under its scheme (CAMEO by root, PLOVER by its CAMEO counterparts). */
export function quadClassOf(scheme: CodingScheme, code: string): QuadClass | null {
  const found =
    scheme === 'CAMEO' ? CAMEO_CODES.get(code)?.quadClass : PLOVER_EVENTS.get(code)?.quadClass;
  return (found ?? null) as QuadClass | null;
}
