/**
 * A recorded fact is the unit of consistency: it is corrected or retracted as a whole and nothing else about
 * it must agree with other facts, so each fact is its own stream, and its corrections and retractions are
 * appended to it. Registrations are one stream per actor code, so that a code is taken once.
 */
export const REPORT_STREAM_PREFIX = 'report-';
export const BATCH_STREAM_PREFIX = 'batch-';
export const ACTOR_STREAM_PREFIX = 'actor-';

export function reportStream(eventId: string): string {
  return `${REPORT_STREAM_PREFIX}${eventId}`;
}

/**
 * Facts recorded together share one stream, named after the first of them, because one append to one
 * stream is what every store can do atomically. Their amendments go to that stream too.
 */
export function batchStream(firstEventId: string): string {
  return `${BATCH_STREAM_PREFIX}${firstEventId}`;
}

/** The report an event is part of: a fact's own id, or the id an amendment retracts or corrects. */
export function reportIdOf(event: { readonly eventId: string; readonly data: unknown }): string {
  const data = event.data as { retracts?: unknown; corrects?: unknown } | null;
  if (typeof data?.retracts === 'string') return data.retracts;
  if (typeof data?.corrects === 'string') return data.corrects;
  return event.eventId;
}

export function actorStream(code: string): string {
  return `${ACTOR_STREAM_PREFIX}${code}`;
}

/**
 * The stream an event goes to when recorded on its own: a registration to its actor's, a fact to its own,
 * an amendment to its fact's. (A fact recorded in a batch, and its amendments, are in the batch's.)
 */
export function ownStreamOf(event: {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
}): string {
  if (event.type === 'ActorRegistered') return actorStream((event.data as { code: string }).code);
  return reportStream(reportIdOf(event));
}

/** What a decider returns: append `events` to `stream`, expecting it to be at `expectedRevision`. */
export interface Decision<D = unknown> {
  readonly stream: string;
  /** `no-stream` to open it; otherwise the exact revision of its last event (zero-based). */
  readonly expectedRevision: 'no-stream' | number;
  readonly events: readonly { eventId: string; type: string; schemaVersion: number; data: D }[];
  /**
   * True when the same fact, with the same id and content, is already stored: a client's retry. The caller
   * answers with the stored event instead of appending.
   */
  readonly alreadyRecorded: boolean;
}

/** A stored event as a stream's `evolve` needs it; the event store's RecordedEvent fits. */
export interface StreamEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** JSON with sorted keys, so that two equal facts compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
