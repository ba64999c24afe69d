import { CAMEO_COUNTRIES } from './data/cameo-countries.data';
import { COUNTRY_NAMES } from './data/country-names.data';
import { FIPS_COUNTRIES } from './data/fips-countries.data';
import { memoized } from './memoized';
import { normalisedName } from './normalised-name';

/**
 * What a coded country field names: a state (its ISO 3166-1 alpha-3 code, or XKX for Kosovo, which is
 * registered), a region that is no state ("Africa", CAMEO's AFR), or something the crosswalk does not know.
 */
export type CountryLookup =
  | { readonly kind: 'state'; readonly code: string }
  | { readonly kind: 'region' }
  | { readonly kind: 'unknown' };

const REGION: CountryLookup = { kind: 'region' };
const UNKNOWN: CountryLookup = { kind: 'unknown' };

/** Kosovo has no ISO 3166 code; datasets write it by name (ICEWS), KSV/KOS (CAMEO, PLOVER) or KV (FIPS). */
const KOSOVO: CountryLookup = { kind: 'state', code: 'XKX' };

/** Regions and groupings ICEWS writes where a country name would be: no state acts there. */
const ICEWS_REGIONS: ReadonlySet<string> = new Set(
  [
    'Africa',
    'Asia',
    'Europe',
    'Middle East',
    'South Asia',
    'Southeast Asia',
    'Central Asia',
    'East Asia',
    'Caribbean',
    'Latin America',
    'North America',
    'South America',
    'Central America',
    'Oceania',
    'International',
    'Eastern Europe',
    'Western Europe',
    'Balkans',
    'Caucasus',
    'Scandinavia',
    'Persian Gulf',
  ].map(normalisedName),
);

const cameo = new Map(CAMEO_COUNTRIES.map((c) => [c.code, c.iso]));
const fips = new Map(FIPS_COUNTRIES.map((c) => [c.code, c.iso]));

function state(code: string | null | undefined): CountryLookup | undefined {
  return code ? { kind: 'state', code } : undefined;
}

/** An ICEWS or PLOVER country name ("Russian Federation", "Cote d'Ivoire"). */
export const countryNamed = memoized(lookupName);

function lookupName(name: string): CountryLookup {
  const key = normalisedName(name);
  if (key === 'kosovo') return KOSOVO;
  if (ICEWS_REGIONS.has(key)) return REGION;
  return state(COUNTRY_NAMES[key]) ?? UNKNOWN;
}

/** A CAMEO actor country code (GDELT's Actor1CountryCode): mostly ISO, with CAMEO's own exceptions. */
export function countryOfCameo(code: string): CountryLookup {
  if (code === 'KSV' || code === 'KOS') return KOSOVO;
  if (!cameo.has(code)) return UNKNOWN;
  return state(cameo.get(code)) ?? REGION;
}

/** A FIPS 10-4 code (GDELT's geographic fields); null when it names no state (oceans, disputed islands). */
export function countryOfFips(code: string): string | null {
  return fips.get(code) ?? null;
}
