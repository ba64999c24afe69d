import type { Observable } from 'rxjs';

/**
 * The event-store port: the only way the rest of Entente reads or writes history. Two adapters implement it,
 * the embedded SQLite store and EventStoreDB, and one contract suite holds both to the same behaviour.
 */

/** Where a stream must be for an append to go through. A number is the exact revision of its last event. */
export type ExpectedRevision = 'no-stream' | 'any' | 'stream-exists' | number;

export interface EventMetadata {
  /** ISO-8601 instant from the store's clock when the event was committed; never from the caller. */
  readonly recordedAt: string;
  /** The principal that recorded the event. */
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

export interface RecordedEvent<Data = unknown> {
  readonly eventId: string;
  readonly stream: string;
  /** Zero-based position of the event in its stream. */
  readonly revision: number;
  /** Position in the store's whole log: strictly increasing in commit order, never reused. */
  readonly position: number;
  readonly type: string;
  readonly schemaVersion: number;
  /** Deep-frozen: a stored event cannot be changed by whoever reads it. */
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface EventToAppend<Data = unknown> {
  /** A UUID; the key of idempotency. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: {
    readonly recordedBy: string;
    readonly correlationId: string;
    readonly causationId?: string | null;
  };
}

export interface AppendOptions {
  /** Defaults to `any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append: what to expect next time. */
  readonly nextExpectedRevision: number;
  /** The global position of the last appended event. */
  readonly position: number;
  /** The events as stored, in order. On an idempotent retry, the events as first stored. */
  readonly events: readonly RecordedEvent[];
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive. Defaults to the first (forwards) or the last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

/** An event passes when it matches every given criterion; within one list, any entry matches. */
export interface EventFilter {
  readonly types?: readonly string[];
  readonly streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /**
   * Exclusive: forwards, events after this position (0: from the start); backwards, events before it
   * (omitted: from the end).
   */
  readonly from?: number;
  readonly filter?: EventFilter;
  /** Defaults to 1,000: `readAll` is paged, never unbounded. */
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: the last position the subscriber has already seen; 0 (the default) is the start. */
  readonly from?: number;
  readonly filter?: EventFilter;
}

/**
 * What a subscription delivers, in position order: events; `caught-up` once, when the catch-up from `from`
 * has reached the head and the subscription goes live; and checkpoints, positions up to which nothing
 * matching the filter remains, so that a filtered subscriber can advance without events.
 */
export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'caught-up'; readonly position: number }
  | { readonly kind: 'checkpoint'; readonly position: number };

export interface EventStore {
  append(
    stream: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /** Throws `StreamNotFoundError` for a stream with no events. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;

  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>;

  /**
   * The stored events with these ids, wherever they are stored, in the order asked; ids not stored are left
   * out. Optional: a store without an index by event id (EventStoreDB) leaves the question to a read model.
   */
  readEvents?(eventIds: readonly string[]): Promise<readonly RecordedEvent[]>;

  /**
   * Catches up from `from`, then goes live; never misses an event and never delivers one twice, even
   * while appends keep arriving. Unsubscribing stops it.
   */
  subscribe(options?: SubscribeOptions): Observable<SubscriptionMessage>;

  /** The position of the last event in the store (0 when empty): the head that lag is measured against. */
  headPosition(): Promise<number>;

  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
