import { readActorTypes } from '../../crosswalk/actor-types.crosswalk';
import { countryOfCameo } from '../../crosswalk/countries.crosswalk';
import { bodyOfCameoGroup } from '../../crosswalk/international-bodies.crosswalk';
import { sideSkipped, type Side } from '../../pipeline/side';

/**
 * One GDELT actor (ten columns from `first`): a state, a state organ (GOV, MIL, SPY, JUD, LEG, COP) acting
 * for its country, or an international body by its CAMEO known-group code. GDELT's names are the text it
 * matched ("THE WHITE HOUSE", "RUSSIAN"), not a named agent, so they only label the summary.
 */
export function gdeltSide(fields: readonly string[], first: number): Side {
  const [code, name, country, group, ethnic, religion1, religion2, ...typeFields] = fields
    .slice(first, first + 10)
    .map((f) => (f ?? '').trim());
  if (!code) return sideSkipped('missing-side', 'no actor code');
  const label = name || code;
  const types = typeFields.filter((t) => t !== '');
  const reading = readActorTypes(types);
  const body = group ? bodyOfCameoGroup(group) : undefined;
  if (body) return { ok: true, code: body.code, role: null, agent: null, label };
  if (reading.kind === 'body') return sideSkipped('unlisted-body', `${code} ${label}`);
  if (group) return sideSkipped('non-state-actor', `${code} ${label}: known group ${group}`);
  if (ethnic || religion1 || religion2) {
    return sideSkipped('non-state-actor', `${code} ${label}: ethnic or religious group`);
  }
  if (!country) return sideSkipped('unidentified-actor', `${code} ${label}: no country`);
  const found = countryOfCameo(country);
  if (found.kind === 'unknown') return sideSkipped('unmapped-country', `CAMEO ${country}`);
  if (found.kind === 'region') return sideSkipped('region', `${code} ${label}`);
  if (reading.kind === 'non-state') {
    return sideSkipped('non-state-actor', `${code} ${label}: ${reading.type}`);
  }
  return { ok: true, code: found.code, role: reading.role, agent: null, label };
}
