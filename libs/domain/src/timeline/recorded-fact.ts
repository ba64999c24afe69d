import type { ReportType } from '../events/event-catalog';
import type { ReportData } from '../events/event-data.types';

/**
 * A fact as the fold reads it: the domain's own minimal view of a stored event (the event store's
 * RecordedEvent has these fields plus stream, revision and metadata, where recordedAt/By live).
 */
export interface RecordedFact<D = unknown> {
  readonly eventId: string;
  /** Global record order: strictly increasing in commit order. */
  readonly position: number;
  /** ISO instant at which the store committed the fact. */
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: D;
}

/**
 * A reported fact as it stands at some record time: the version in effect (the original or its latest
 * correction), upcast to the current schema.
 */
export interface FactInEffect extends RecordedFact<ReportData> {
  /** The version in effect: the original's id, or the id of the correction that superseded it. */
  readonly eventId: string;
  readonly type: ReportType;
  /** The id of the original fact, which names the report stream. */
  readonly reportId: string;
  /** The original's position: a correction takes the place of what it corrects in record order. */
  readonly position: number;
  /** Record time and recorder of the version in effect. */
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** When the version in effect was first publicly reported (`reportedAtOf`). */
  readonly reportedAt: string;
  /** Set when the version in effect is a correction: the id it corrects (= reportId). */
  readonly corrects: string | null;
}

/** A valid time or a record time: an ISO string or a Date. */
export type Instant = string | Date;

export function toMillis(instant: Instant): number {
  const millis = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(millis)) throw new RangeError(`not an instant: ${String(instant)}`);
  return millis;
}
