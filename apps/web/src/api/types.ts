/**
 * What the HTTP API answers, as the page reads it. Event data is the domain's own shape (type-only
 * imports: nothing of the domain runs in the page); the rest mirrors apps/api's views.
 */
import type {
  ActorRegisteredData,
  EventCorrectedData,
  EventRetractedData,
  RelationInterval,
  RelationStanding,
  RelationStatus,
  ReportData,
} from '@entente/domain';

export type Status = RelationStatus;

export type Actor = ActorRegisteredData;

/** A channel's state as `GET /v1/relations/{a}/{b}` shows it (apps/api relation-views.ts). */
export interface ChannelState extends RelationStanding {
  readonly channel: string;
  /** How each fact of the basis was established. */
  readonly basisEvidence?: Readonly<Record<string, 'curated' | 'machine-coded'>>;
  readonly anomalies: readonly { kind: string; eventId: string; message: string }[];
}

export interface RelationState {
  readonly actor: string;
  readonly target: string;
  readonly at: string;
  readonly knownAt: string;
  readonly channels: readonly ChannelState[];
}

export type Interval = RelationInterval;

export interface Timeline {
  readonly actor: string;
  readonly target: string;
  readonly knownAt: string;
  readonly intervals: readonly Interval[];
}

/** Every event is read at the current schema version (the API upcasts), so a report is the domain's own. */
export type ReportView = ReportData;
export type CorrectionView = Omit<EventCorrectedData, 'replacement'> & {
  readonly replacement: ReportView;
};

export interface EventView<D = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: D;
  readonly stream: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly correlationId: string;
}

export interface EventWithAmendments extends EventView {
  readonly amendments: readonly EventView[];
}

export function isRetraction(event: EventView): event is EventView<EventRetractedData> {
  return event.type === 'EventRetracted';
}

export function isCorrection(event: EventView): event is EventView<CorrectionView> {
  return event.type === 'EventCorrected';
}

/** A report of either category: it has a valid time and a summary. */
export function isReport(event: EventView): event is EventView<ReportView> {
  const data = event.data as Partial<ReportData> | null;
  return typeof data?.summary === 'string' && typeof data.occurredAt === 'object';
}

/** The relation change a live `relation` message carries. */
export interface RelationChange {
  readonly position: number;
  readonly eventId: string;
  readonly actor: string;
  readonly target: string;
  readonly channel: string;
}

export interface SessionView {
  readonly role: string;
  readonly name: string;
  readonly expiresAt: string;
  readonly since: string;
}
