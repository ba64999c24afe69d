import type { ActorKind } from '../actors/actor-code.value';
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

export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly description: string;
  /** The period the figure covers, in occurredAt forms; null when the source gives none. */
  readonly period: { readonly from: string; readonly to: string } | null;
}

/**
 * The data of every reported fact, state change or context (schema v2). Several actors and targets record
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
}

/** The replacement is complete, so a reader never needs the superseded version to know the fact. */
export interface EventCorrectedData {
  readonly corrects: string;
  readonly reason: string | null;
  readonly replacementType: ReportType;
  readonly replacement: ReportData;
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
