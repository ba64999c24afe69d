import type { Clock, IdGenerator } from '@entente/common';
import type { EventStore } from '@entente/event-store';
import type { ActorDirectory } from './actor-directory';
import type { EventLocator } from './event-locator';

/** Who records, and the request or run it belongs to: kept in every event's metadata. */
export interface RecordMeta {
  readonly recordedBy: string;
  readonly correlationId: string;
}

/** A fact, amendment or registration as stored. */
export interface Recorded {
  readonly eventId: string;
  readonly type: string;
  readonly stream: string;
  readonly position: number;
  readonly recordedAt: string;
  /** True when it was stored before, with the same content, by this or any other route. */
  readonly alreadyRecorded: boolean;
}

export interface RecorderDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  /** Which actor codes are registered; defaults to asking the store for their streams. */
  readonly actors?: ActorDirectory;
  /** Where stored events are, by id; defaults to the store's own index (`readEvents`). */
  readonly locator?: EventLocator;
}

/** A store's append when the stream moved meanwhile is decided again this many times, then given up. */
export const APPEND_ATTEMPTS = 5;
