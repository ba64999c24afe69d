import type { RelationStatus } from './relation-status.value';

export const STATE_CHANGE_TYPES = [
  'CooperationEstablished',
  'CooperationSuspended',
  'CooperationRestricted',
  'CooperationResumed',
  'RelationsSevered',
  'RelationsRestored',
  'MembershipSuspended',
  'MembershipRestored',
] as const;

export const CONTEXT_TYPES = [
  'PolicyAnnounced',
  'StatementIssued',
  'AccusationMade',
  'MilitaryActionReported',
  'FigureCited',
  'MeetingHeld',
  'RequestMade',
  'ProtestLodged',
  'ProposalRejected',
  'ThreatIssued',
  'AgreementSigned',
] as const;

export const CORRECTION_TYPES = ['EventRetracted', 'EventCorrected'] as const;

export const REGISTRY_TYPES = ['ActorRegistered'] as const;

export const REPORT_TYPES = [...STATE_CHANGE_TYPES, ...CONTEXT_TYPES] as const;

export type StateChangeType = (typeof STATE_CHANGE_TYPES)[number];
export type ContextType = (typeof CONTEXT_TYPES)[number];
export type CorrectionType = (typeof CORRECTION_TYPES)[number];
export type RegistryType = (typeof REGISTRY_TYPES)[number];
/** A reported fact: what a report stream is opened with, and what a correction may replace it with. */
export type ReportType = StateChangeType | ContextType;
export type EventType = ReportType | CorrectionType | RegistryType;

export type EventCategory = 'state-change' | 'context' | 'correction' | 'registry';

export interface CatalogEntry {
  readonly type: EventType;
  /** The version `decide` writes today; older stored versions are upcast to it on read. */
  readonly schemaVersion: number;
  readonly category: EventCategory;
  /** The status a state change leads to on every pair it touches; null for the other categories. */
  readonly leadsTo: RelationStatus | null;
  /** The channel used when the input gives none; null when a state change must name its channel. */
  readonly defaultChannel: string | null;
  readonly description: string;
  /** CAMEO codes and PLOVER event/mode/context combinations this type records (see README). */
  readonly codes: readonly string[];
}

/**
 * Report types went to v2 when one `source` became `sources[]` and `actor`/`target` became lists, and to v3
 * when facts gained evidence, report time, coding, and the roles and agents of both sides.
 */
const REPORT_VERSION = 3;

const stateChange = (
  type: StateChangeType,
  leadsTo: RelationStatus,
  defaultChannel: string | null,
  description: string,
  codes: readonly string[],
): CatalogEntry => ({
  type,
  schemaVersion: REPORT_VERSION,
  category: 'state-change',
  leadsTo,
  defaultChannel,
  description,
  codes,
});

const context = (
  type: ContextType,
  description: string,
  codes: readonly string[],
): CatalogEntry => ({
  type,
  schemaVersion: REPORT_VERSION,
  category: 'context',
  leadsTo: null,
  defaultChannel: null,
  description,
  codes,
});

/**
 * The public contract: type strings never change; a breaking change to a type's data raises its schema
 * version and adds an upcaster (see `event-upcasters.ts`).
 *
 * How coded event data maps (CAMEO 1.1b3 / PLOVER): the channel carries what CAMEO folds into the code.
 * - 161 reduce or break diplomatic relations: RelationsSevered (break) or CooperationRestricted on
 *   `diplomatic` (downgrade, recall of an ambassador); PLOVER SANCTION/withdraw/diplomatic alike.
 * - 1621/1622/1623 reduce or stop economic/military/humanitarian assistance: CooperationRestricted or
 *   CooperationSuspended on `economic-aid`, `military-aid`, `humanitarian-aid`.
 * - 163 impose embargo, boycott or sanctions: CooperationSuspended (embargo) or CooperationRestricted
 *   (targeted sanctions) on `trade` or `financial`.
 * - 164 halt negotiations, 165 halt mediation: CooperationSuspended on `negotiations`, `mediation`.
 * - 166 expel or withdraw (1661 peacekeepers, 1662 inspectors, 1663 aid agencies): CooperationSuspended on
 *   `peacekeeping`, `inspections`, `humanitarian-aid`.
 * - PLOVER SANCTION with context intelligence/diplomatic/military: CooperationSuspended or Restricted on
 *   that channel; 064 share intelligence, 06x material cooperation: CooperationEstablished/Resumed.
 * - 085 ease sanctions, 081 ease administrative sanctions: CooperationResumed on the sanctioned channel.
 * - 03x express intent: PolicyAnnounced (future or conditional change); 13x threaten (1313 threaten to
 *   break relations): ThreatIssued; 01x statements: StatementIssued; 02x appeals and 10x demands:
 *   RequestMade; 04x consult, meet, negotiate: MeetingHeld; 057 sign formal agreement: AgreementSigned;
 *   11x/112x accuse: AccusationMade; 12x reject: ProposalRejected; 14x protest: ProtestLodged;
 *   15x, 18x-20x (195 aerial weapons): MilitaryActionReported.
 */
export const EVENT_CATALOG: Readonly<Record<EventType, CatalogEntry>> = {
  CooperationEstablished: stateChange(
    'CooperationEstablished',
    'active',
    null,
    'Cooperation on a channel began (or is first known to exist).',
    ['CAMEO 06', 'CAMEO 064', 'CAMEO 054', 'PLOVER COOPERATE'],
  ),
  CooperationSuspended: stateChange(
    'CooperationSuspended',
    'suspended',
    null,
    'Cooperation on a channel stopped, pending a condition or a decision to resume.',
    [
      'CAMEO 1621',
      'CAMEO 1622',
      'CAMEO 163',
      'CAMEO 164',
      'CAMEO 165',
      'CAMEO 166',
      'PLOVER SANCTION',
    ],
  ),
  CooperationRestricted: stateChange(
    'CooperationRestricted',
    'restricted',
    null,
    'Cooperation on a channel continues in part: less is shared or under conditions.',
    ['CAMEO 160', 'CAMEO 161 (reduce)', 'CAMEO 162', 'CAMEO 163', 'PLOVER SANCTION'],
  ),
  CooperationResumed: stateChange(
    'CooperationResumed',
    'active',
    null,
    'Cooperation on a channel resumed after a suspension or restriction.',
    ['CAMEO 081', 'CAMEO 085', 'CAMEO 064', 'PLOVER RETREAT/ease'],
  ),
  RelationsSevered: stateChange(
    'RelationsSevered',
    'severed',
    'diplomatic',
    'Relations on a channel (diplomatic unless given) were broken off.',
    ['CAMEO 161 (break)', 'PLOVER SANCTION/withdraw/diplomatic'],
  ),
  RelationsRestored: stateChange(
    'RelationsRestored',
    'active',
    'diplomatic',
    'Relations on a channel (diplomatic unless given) were restored.',
    ['CAMEO 054', 'PLOVER SUPPORT/diplomatic'],
  ),
  MembershipSuspended: stateChange(
    'MembershipSuspended',
    'suspended',
    'membership',
    "An international body suspended a member's membership (body -> member).",
    ['CAMEO 166', 'PLOVER SANCTION/expel'],
  ),
  MembershipRestored: stateChange(
    'MembershipRestored',
    'active',
    'membership',
    "An international body restored a member's membership (body -> member).",
    ['CAMEO 086'],
  ),
  PolicyAnnounced: context(
    'PolicyAnnounced',
    'A policy was announced, possibly a future or conditional change; it changes no state itself.',
    ['CAMEO 03', 'PLOVER AGREE'],
  ),
  StatementIssued: context(
    'StatementIssued',
    'An official or a third party said something about a relationship.',
    ['CAMEO 01', 'CAMEO 05', 'PLOVER SUPPORT'],
  ),
  AccusationMade: context('AccusationMade', 'One actor accused another.', [
    'CAMEO 11',
    'CAMEO 112',
    'CAMEO 1121',
    'PLOVER ACCUSE',
  ]),
  MilitaryActionReported: context('MilitaryActionReported', 'A military action was reported.', [
    'CAMEO 15',
    'CAMEO 19',
    'CAMEO 195',
    'PLOVER ASSAULT',
    'PLOVER MOBILIZE',
  ]),
  FigureCited: context(
    'FigureCited',
    'A speaker cited a figure (a value, its unit and period).',
    [],
  ),
  MeetingHeld: context('MeetingHeld', 'The sides consulted, met, visited or negotiated.', [
    'CAMEO 04',
    'CAMEO 040-046',
    'PLOVER CONSULT',
  ]),
  RequestMade: context('RequestMade', 'One side appealed to, asked or demanded of the other.', [
    'CAMEO 02',
    'CAMEO 10',
    'PLOVER REQUEST',
  ]),
  ProtestLodged: context(
    'ProtestLodged',
    'One side protested against the other (demonstrations, boycotts, official protests).',
    ['CAMEO 14', 'PLOVER PROTEST'],
  ),
  ProposalRejected: context(
    'ProposalRejected',
    "One side rejected the other's proposal, demand or accusation.",
    ['CAMEO 12', 'PLOVER REJECT'],
  ),
  ThreatIssued: context('ThreatIssued', 'One side threatened the other.', [
    'CAMEO 13',
    'CAMEO 1313',
    'PLOVER THREATEN',
  ]),
  AgreementSigned: context('AgreementSigned', 'The sides signed or concluded a formal agreement.', [
    'CAMEO 057',
    'PLOVER AGREE/agree',
  ]),
  EventRetracted: {
    type: 'EventRetracted',
    // v2: the retraction's own report time.
    schemaVersion: 2,
    category: 'correction',
    leadsTo: null,
    defaultChannel: null,
    description: 'A recorded fact was withdrawn as a whole, with a reason.',
    codes: [],
  },
  EventCorrected: {
    type: 'EventCorrected',
    schemaVersion: REPORT_VERSION,
    category: 'correction',
    leadsTo: null,
    defaultChannel: null,
    description: 'A recorded fact was superseded by a corrected version carrying its full content.',
    codes: [],
  },
  ActorRegistered: {
    type: 'ActorRegistered',
    schemaVersion: 1,
    category: 'registry',
    leadsTo: null,
    defaultChannel: null,
    description: 'An international body, a person or a non-ISO government became a known actor.',
    codes: [],
  },
};

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as readonly EventType[];

export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CATALOG, type);
}

export function catalogEntry(type: string): CatalogEntry | undefined {
  return isEventType(type) ? EVENT_CATALOG[type] : undefined;
}

export function isStateChangeType(type: unknown): type is StateChangeType {
  return isEventType(type) && EVENT_CATALOG[type].category === 'state-change';
}

export function isContextType(type: unknown): type is ContextType {
  return isEventType(type) && EVENT_CATALOG[type].category === 'context';
}

export function isReportType(type: unknown): type is ReportType {
  return isStateChangeType(type) || isContextType(type);
}
