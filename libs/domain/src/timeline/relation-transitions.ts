import type { StateChangeType } from '../events/event-catalog';
import type { RelationStatus } from '../events/relation-status.value';

export type AnomalyKind =
  'resumption-without-suspension' | 'unexpected-transition' | 'conflicting-reports';

const ALL: readonly RelationStatus[] = ['unknown', 'active', 'restricted', 'suspended', 'severed'];
const CUT: readonly RelationStatus[] = ['unknown', 'active', 'restricted', 'suspended'];

/** The statuses each state change fits after; anything else is recorded and flagged. */
export const EXPECTED_FROM: Readonly<Record<StateChangeType, readonly RelationStatus[]>> = {
  CooperationEstablished: ['unknown', 'active'],
  CooperationSuspended: CUT,
  CooperationRestricted: CUT,
  CooperationResumed: ['restricted', 'suspended'],
  RelationsSevered: ALL,
  RelationsRestored: ['severed', 'suspended', 'restricted'],
  MembershipSuspended: CUT,
  MembershipRestored: ['suspended', 'restricted'],
};

const RESUMPTIONS: readonly StateChangeType[] = [
  'CooperationResumed',
  'RelationsRestored',
  'MembershipRestored',
];

/** How a state change that does not follow from `from` is flagged. */
export function unexpectedKind(type: StateChangeType, from: RelationStatus): AnomalyKind {
  const resumption = RESUMPTIONS.includes(type) && (from === 'unknown' || from === 'active');
  return resumption ? 'resumption-without-suspension' : 'unexpected-transition';
}

export function anomalyMessage(
  kind: AnomalyKind,
  type: string,
  from: RelationStatus,
  to: RelationStatus,
): string {
  switch (kind) {
    case 'conflicting-reports':
      return `${type} leads to ${to} at the same valid time at which ${from} was reported`;
    case 'resumption-without-suspension':
      return `${type} while ${from}: nothing known was suspended, restricted or severed`;
    case 'unexpected-transition':
      return `${type} does not follow from ${from}`;
  }
}
