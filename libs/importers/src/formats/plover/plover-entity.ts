import { isIsoCountry } from '@entente/domain';
import { readActorTypes } from '../../crosswalk/actor-types.crosswalk';
import {
  countryNamed,
  countryOfCameo,
  type CountryLookup,
} from '../../crosswalk/countries.crosswalk';
import { bodyNamed, bodyByCode } from '../../crosswalk/international-bodies.crosswalk';
import { normalisedName } from '../../crosswalk/normalised-name';
import { sideSkipped, type Side } from '../../pipeline/side';

/**
 * A PLOVER entity object. The manual's fields (`code`, `sector`, `entity_text`, `identifier_text`,
 * `office`), the example block's (`country_name`, `sector_code`, `other_sector_codes`, `entity_name`,
 * `wiki_description`) and the 0.5 gold standard's (`actorText`) are all read.
 */
type Entity = Record<string, unknown>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** PLOVER's international non-state "countries" (manual, table of non-state actor names). */
const NON_STATE_CODES = new Set(['NGO', 'ISM', 'IMG', 'MNC']);

export function ploverSide(entity: unknown): Side {
  if (typeof entity !== 'object' || entity === null)
    return sideSkipped('missing-side', 'no entity');
  const e = entity as Entity;
  const name =
    text(e.entity_name) ??
    text(e.identifier_text) ??
    text(e.entity_text) ??
    text(e.actorText) ??
    text(e.raw_text);
  const country = text(e.code) ?? text(e.country_name) ?? text(e.country);
  const label = name ?? country ?? '?';
  if (country === null) return sideSkipped('unidentified-actor', `${label}: no country`);
  const upper = country.toUpperCase();
  if (upper === 'UNO' || upper === 'EUR') {
    return {
      ok: true,
      code: bodyByCode(upper === 'UNO' ? 'UN' : 'EU')!.code,
      role: null,
      agent: null,
      label,
    };
  }
  if (upper === 'IGO') {
    const body = name ? bodyNamed(name) : undefined;
    return body
      ? { ok: true, code: body.code, role: null, agent: null, label }
      : sideSkipped('unlisted-body', label);
  }
  if (NON_STATE_CODES.has(upper)) return sideSkipped('non-state-actor', `${label}: ${upper}`);
  const found = lookup(country);
  if (found.kind === 'unknown') return sideSkipped('unmapped-country', country);
  if (found.kind === 'region') return sideSkipped('region', label);
  const sectors = sectorsOf(e);
  if (sectors.includes('PRE'))
    return sideSkipped('sub-state-actor', `${label}: partially recognized entity`);
  const reading = readActorTypes(sectors);
  if (reading.kind !== 'state')
    return sideSkipped('non-state-actor', `${label}: ${sectors.join(' ')}`);
  const agent =
    name && normalisedName(name) !== normalisedName(country) && lookup(name).kind !== 'state'
      ? { name: name.slice(0, 200), office: text(e.office) ?? text(e.wiki_description) }
      : null;
  return { ok: true, code: found.code, role: reading.role, agent, label };
}

/** A 3-letter code (ISO, or CAMEO's exceptions, KOS for Kosovo) or a full name ("Germany"). */
function lookup(country: string): CountryLookup {
  if (!/^[A-Z]{3}$/.test(country)) return countryNamed(country);
  if (isIsoCountry(country)) return { kind: 'state', code: country };
  return countryOfCameo(country === 'KOS' ? 'KSV' : country);
}

function sectorsOf(e: Entity): string[] {
  const listed = [e.sector, e.sector_code, e.sectors, e.other_sector_codes].flatMap((value) =>
    Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/) : [],
  );
  return listed
    .filter((s): s is string => typeof s === 'string' && s !== '')
    .map((s) => s.toUpperCase());
}
