import type { ActorRole } from '@entente/domain';
import { CAMEO_ACTOR_TYPES } from './data/cameo-actor-types.data';

const roles = new Map(CAMEO_ACTOR_TYPES.map((t) => [t.code, t.role]));

/** Types that put an actor against or outside its state, whatever other type it carries (MIL + REB). */
const DISSIDENT_TYPES: ReadonlySet<string> = new Set([
  'REB',
  'INS',
  'SEP',
  'OPP',
  'RAD',
  'UAF',
  'CRM',
]);

export type ActorTypeReading =
  | { readonly kind: 'state'; readonly role: ActorRole }
  | { readonly kind: 'non-state'; readonly type: string }
  | { readonly kind: 'body' };

/**
 * What CAMEO actor types (GDELT's Type1-3, PLOVER's sectors) say an actor is. No type: the state itself.
 * The first type is the actor's primary role; a dissident type anywhere rules the state out.
 */
export function readActorTypes(types: readonly string[]): ActorTypeReading {
  if (types.length === 0) return { kind: 'state', role: 'government' };
  if (types.includes('IGO')) return { kind: 'body' };
  const dissident = types.find((t) => DISSIDENT_TYPES.has(t));
  if (dissident) return { kind: 'non-state', type: dissident };
  const role = roles.get(types[0]) ?? null;
  return role ? { kind: 'state', role } : { kind: 'non-state', type: types[0] };
}
