import { countryNamed } from '../../crosswalk/countries.crosswalk';
import {
  IGO_SECTOR,
  SUB_STATE_SECTORS,
  stateRoleOf,
} from '../../crosswalk/icews-sectors.crosswalk';
import { bodyNamed } from '../../crosswalk/international-bodies.crosswalk';
import { normalisedName } from '../../crosswalk/normalised-name';
import { memoized } from '../../crosswalk/memoized';
import { sideSkipped, type Side } from '../../pipeline/side';

const UNIDENTIFIED = new Set([
  'unspecified actor',
  'unidentified state actor',
  'unidentified forces',
]);

/**
 * One side of an ICEWS row: its name ("Wang Yi", "Foreign Affairs (China)", "China"), its sectors and
 * its country. A state organ acts for its country, with the role its sectors give and its name as the
 * agent when it is a named person or body; an international body's organ acts for the body.
 */
export function icewsSide(
  name: string | null,
  sectorList: string | null,
  country: string | null,
): Side {
  return sideOf(`${name ?? ''}\t${sectorList ?? ''}\t${country ?? ''}`);
}

const sideOf = memoized((key: string): Side => {
  const [name, sectorList, country] = key.split('\t').map((part) => (part === '' ? null : part));
  return resolveSide(name, sectorList, country);
});

function resolveSide(name: string | null, sectorList: string | null, country: string | null): Side {
  if (name === null) return sideSkipped('missing-side', 'no name');
  const normalised = normalisedName(name);
  if (UNIDENTIFIED.has(normalised) || normalised.startsWith('citizen unidentified')) {
    return sideSkipped('unidentified-actor', name);
  }
  const sectors = sectorList ? sectorList.split(',').map((s) => s.trim()) : [];
  const role = stateRoleOf(sectors);
  if (sectors.includes(IGO_SECTOR)) return bodySide(name, country, role !== null);
  if (country === null) {
    const body = bodyNamed(name);
    if (body) return { ok: true, code: body.code, role: null, agent: null, label: name };
    return countryNamed(name).kind === 'region'
      ? sideSkipped('region', name)
      : sideSkipped('non-state-actor', `${name} (no country)`);
  }
  const found = countryNamed(country);
  if (found.kind === 'unknown') return sideSkipped('unmapped-country', country);
  if (found.kind === 'region') return sideSkipped('region', `${name} (${country})`);
  const label = name.endsWith(`(${country})`) ? name : `${name} (${country})`;
  if (sectors.length === 0) {
    // No sectors: the country itself ("China", "Russia"), or someone or somewhere ICEWS did not classify.
    const itself = countryNamed(name);
    if (itself.kind === 'state' && itself.code === found.code) {
      return { ok: true, code: found.code, role: 'government', agent: null, label: name };
    }
    return sideSkipped('no-sector', label);
  }
  if (sectors.some((s) => SUB_STATE_SECTORS.has(s))) return sideSkipped('sub-state-actor', label);
  if (role === null) return sideSkipped('non-state-actor', `${label}: ${sectorList}`);
  return { ok: true, code: found.code, role, agent: agentOf(name, country), label };
}

/**
 * An actor listed with an international organization: the body itself when the row names it ("European
 * Commission", "Secretariat (Organization of American States)"); a person with a state organ's sectors
 * too (a minister who once chaired a body) cannot be placed; an official alone names no body.
 */
function bodySide(name: string, country: string | null, alsoStateOrgan: boolean): Side {
  const body = bodyNamed(name);
  if (body) return { ok: true, code: body.code, role: null, agent: null, label: name };
  if (alsoStateOrgan && country !== null) {
    return sideSkipped('ambiguous-affiliation', `${name} (${country})`);
  }
  return looksLikePerson(name)
    ? sideSkipped('body-official', name)
    : sideSkipped('unlisted-body', name);
}

/** ICEWS names an organ generically as "Role (Country)"; anything else is a named person or body. */
function agentOf(name: string, country: string): { name: string; office: null } | null {
  if (normalisedName(name) === normalisedName(country)) return null;
  if (/\([^()]+\)\s*$/.test(name)) return null;
  return { name, office: null };
}

/** Two or three capitalised words and nothing else: "Staffan de Mistura", "Masood Ahmed". */
function looksLikePerson(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    !/\b(organizations?|organisations?|union|council|bank|fund|court|agency|commission|committee|forum|group|league|nations|parliament|secretariat)\b/i.test(
      name,
    )
  );
}
