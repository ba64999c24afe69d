import type { ActorRole } from '@entente/domain';

/**
 * ICEWS sectors: what an actor is, as ICEWS's actor dictionary lists it. The lists are unions over an
 * actor's career (a former prime minister keeps "Government"), so a row's sectors are read as a whole:
 * see `actorOfIcews`. Sectors not listed here neither make an actor a state organ nor rule it out.
 */

/** Sectors that make an actor an organ of its state, with the role it acts in. */
export const STATE_SECTOR_ROLES: Readonly<Record<string, ActorRole>> = {
  Government: 'government',
  Executive: 'government',
  Cabinet: 'government',
  'Executive Office': 'head-of-state',
  'Foreign Ministry': 'foreign-ministry',
  Military: 'military',
  Army: 'military',
  Navy: 'military',
  'Air Force': 'military',
  Marines: 'military',
  'Army Special Forces': 'military',
  'Defense / Security Ministry': 'military',
  'Military Intelligence': 'intelligence',
  'Intelligence Ministry': 'intelligence',
  Police: 'police',
  'Legislative / Parliamentary': 'legislature',
  'Upper House': 'legislature',
  'Lower House': 'legislature',
  Unicameral: 'legislature',
  Judicial: 'judiciary',
};

/** Any other ministry acts for the government as a whole. */
const MINISTRY = /\bMinistry\b/;

/** Provincial and local government: below the state, out of scope for relations between governments. */
export const SUB_STATE_SECTORS: ReadonlySet<string> = new Set([
  'Provincial',
  'Local',
  'Municipal',
  'Municipal Divisions',
  'Municipal Party',
  'Provincial Party',
]);

/** International government organizations: the actor acts for a body, not for its nationality. */
export const IGO_SECTOR = 'International Government Organization';

/** When sectors give several roles, the most specific office wins (a defence minister is `military`). */
const ROLE_PRECEDENCE: readonly ActorRole[] = [
  'head-of-state',
  'foreign-ministry',
  'intelligence',
  'military',
  'police',
  'judiciary',
  'legislature',
  'government',
];

export function roleOfSector(sector: string): ActorRole | null {
  return STATE_SECTOR_ROLES[sector] ?? (MINISTRY.test(sector) ? 'government' : null);
}

/** The role of an actor with these sectors, or null when none of them is a state organ's. */
export function stateRoleOf(sectors: readonly string[]): ActorRole | null {
  const roles = new Set(sectors.map(roleOfSector).filter((r): r is ActorRole => r !== null));
  return ROLE_PRECEDENCE.find((role) => roles.has(role)) ?? null;
}
