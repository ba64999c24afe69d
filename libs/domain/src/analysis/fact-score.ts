import { CAMEO_CODES, goldsteinOf, PLOVER_EVENTS, quadClassOf } from '../coding/coding.tables';
import type { Coding, GoldsteinScale, QuadClass } from '../coding/coding.types';
import { EVENT_CATALOG, REPORT_TYPES, type ReportType } from '../events/event-catalog';

/**
 * What a fact adds to an aggregate: its PLOVER category and quad class, and its Goldstein score on each
 * scale (null: counted, not scored).
 */
export interface FactScore {
  readonly plover: string | null;
  readonly quadClass: QuadClass | null;
  readonly goldstein: Readonly<Record<GoldsteinScale, number | null>>;
}

interface Classified {
  readonly plover: string | null;
  readonly quadClass: QuadClass | null;
}

/**
 * A type's PLOVER category through the catalog: its first PLOVER code (`PLOVER SANCTION/withdraw` is
 * SANCTION), else the PLOVER counterpart of its first CAMEO code; the quad class goes with the category,
 * else with the CAMEO code.
 */
function classifiedByCatalog(type: ReportType): Classified {
  const codes = EVENT_CATALOG[type].codes;
  const plover = codes
    .find((c) => c.startsWith('PLOVER '))
    ?.slice(7)
    .split('/')[0];
  if (plover && PLOVER_EVENTS.has(plover)) {
    return { plover, quadClass: PLOVER_EVENTS.get(plover)!.quadClass as QuadClass };
  }
  const cameo = codes
    .find((c) => c.startsWith('CAMEO '))
    ?.slice(6)
    .split(/[ -]/)[0];
  const entry = cameo === undefined ? undefined : CAMEO_CODES.get(cameo);
  return { plover: entry?.plover?.event ?? null, quadClass: entry?.quadClass ?? null };
}

export const CATALOG_CLASSES: Readonly<Record<ReportType, Classified>> = Object.fromEntries(
  REPORT_TYPES.map((type) => [type, classifiedByCatalog(type)]),
) as Record<ReportType, Classified>;

/**
 * How a fact counts. Coded: the coding's PLOVER event (or its CAMEO code's counterpart) and quad class
 * (given, else its code's); otherwise, and for what the coding leaves out, the catalog's for its type.
 * Goldstein on a scale: the coding's score when it names that scale, else the CAMEO table's for its CAMEO
 * code, else none. A curated fact without coding is classified, never scored.
 */
export function scoreOf(type: ReportType, coding: Coding | null | undefined): FactScore {
  const catalog = CATALOG_CLASSES[type] ?? { plover: null, quadClass: null };
  if (!coding) return { ...catalog, goldstein: { icews: null, gdelt: null } };
  const { scheme, code } = coding;
  const plover =
    scheme === 'PLOVER' && code
      ? code
      : scheme === 'CAMEO' && code
        ? (CAMEO_CODES.get(code)?.plover?.event ?? null)
        : null;
  const quadClass =
    coding.quadClass ?? (scheme && code ? quadClassOf(scheme, code) : null) ?? catalog.quadClass;
  const score = (scale: GoldsteinScale): number | null =>
    coding.goldstein?.scale === scale
      ? coding.goldstein.value
      : scheme === 'CAMEO' && code
        ? goldsteinOf(code, scale)
        : null;
  return {
    plover: plover ?? catalog.plover,
    quadClass,
    goldstein: { icews: score('icews'), gdelt: score('gdelt') },
  };
}
