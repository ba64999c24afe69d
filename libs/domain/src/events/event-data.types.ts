import type { ActorKind } from '../actors/actor-code.value';
import type { Coding } from '../coding/coding.types';
import type { ReportType, StateChangeType } from './event-catalog';
import type { OccurredAt } from './occurred-at.value';

export type SourceKind =
  'official-statement' | 'social-media-post' | 'news-report' | 'testimony' | 'document';

export const SOURCE_KINDS: readonly SourceKind[] = [
  'official-statement',
  'social-media-post',
  'news-report',
  'testimony',
  'document',
];

/** Where a fact comes from. `url` or `outlet` is always present, so every source can be traced. */
export interface Source {
  readonly kind: SourceKind;
  readonly url: string | null;
  readonly outlet: string | null;
  /** Same forms as occurredAt (`2025-11`, `2025-11-11`, an instant). */
  readonly publishedAt: string | null;
  readonly quote: string | null;
}

/** A registered actor (usually a person) or, for someone unnamed, a description of them. */
export type Speaker =
  | { readonly code: string }
  | { readonly name: string; readonly office: string | null; readonly affiliation: string | null };

/** How a fact was established: a person read the sources, or a coder such as ICEWS's produced it. */
export type Evidence = 'curated' | 'machine-coded';

export const EVIDENCE_KINDS: readonly Evidence[] = ['curated', 'machine-coded'];

/** The organ of a state (or body) that acted or was acted on; the relation stays between the states. */
export type ActorRole =
  | 'government'
  | 'head-of-state'
  | 'foreign-ministry'
  | 'military'
  | 'intelligence'
  | 'police'
  | 'legislature'
  | 'judiciary'
  | 'diplomatic-mission';

export const ACTOR_ROLES: readonly ActorRole[] = [
  'government',
  'head-of-state',
  'foreign-ministry',
  'military',
  'intelligence',
  'police',
  'legislature',
  'judiciary',
  'diplomatic-mission',
];

/** The named person who acted for a side: Mike Pompeo, Secretary of State. */
export interface Agent {
  readonly name: string;
  readonly office: string | null;
}

export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly description: string;
  /** The period the figure covers, in occurredAt forms; null when the source gives none. */
  readonly period: { readonly from: string; readonly to: string } | null;
}

/**
 * The data of every reported fact, state change or context (schema v3). Several actors and targets record
 * actors acting together as one fact touching every actor -> target pair (self-pairs excepted).
 */
export interface ReportData {
  readonly actors: readonly string[];
  readonly targets: readonly string[];
  /** Always set for a state change (its default applied); null for context about the pair as a whole. */
  readonly channel: string | null;
  readonly occurredAt: OccurredAt;
  readonly summary: string;
  /** Conditions in words: "as long as the missile attacks on boats in the Caribbean continue". */
  readonly conditions: readonly string[];
  readonly sources: readonly Source[];
  readonly speaker: Speaker | null;
  readonly evidence: Evidence;
  /**
   * When the fact was first publicly reported (ISO instant, the start of the period given); null: at its
   * record time. Never before `occurredAt.start`; read through `reportedAtOf`, which also bounds it by the
   * record time.
   */
  readonly reportedAt: string | null;
  readonly coding: Coding | null;
  readonly actorRole: ActorRole | null;
  readonly targetRole: ActorRole | null;
  readonly actorAgent: Agent | null;
  readonly targetAgent: Agent | null;
  /** FigureCited only. */
  readonly figure?: Figure;
  /** PolicyAnnounced only: the change announced, and from when (which may lie in the future). */
  readonly announcedChange?: StateChangeType | null;
  readonly effectiveFrom?: OccurredAt | null;
  /** MilitaryActionReported only: where, in words. */
  readonly location?: string | null;
}

export interface EventRetractedData {
  /** The id of the retracted report: the fact that opened the stream. */
  readonly retracts: string;
  readonly reason: string;
  /** When the retraction was first publicly reported; null: at its record time. */
  readonly reportedAt: string | null;
}

/** The replacement is complete, so a reader never needs the superseded version to know the fact. */
export interface EventCorrectedData {
  readonly corrects: string;
  readonly reason: string | null;
  readonly replacementType: ReportType;
  readonly replacement: ReportData;
  /** When the correction was first publicly reported; null: at its record time. */
  readonly reportedAt: string | null;
}

export interface ActorRegisteredData {
  readonly code: string;
  readonly name: string;
  readonly kind: ActorKind;
  /** The actor code of the government or body a person (or a body) belongs to. */
  readonly affiliation: string | null;
  readonly office: string | null;
}

export type EventData = ReportData | EventRetractedData | EventCorrectedData | ActorRegisteredData;

/** An event as `decide` emits it: the store adds position, record time and metadata. */
export interface NewEvent<D = EventData> {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: D;
}
