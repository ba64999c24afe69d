import type { Clock, IdGenerator } from '@entente/common';
import type { EventData, NewEvent } from '@entente/domain';
import type { EventStore } from '@entente/event-store';
import type { ActorDirectory } from './actor-directory';
import type { EventLocator } from './event-locator';
import { recordedOf } from './stored-answer';
import type { RecordMeta, Recorded } from './recording.types';

/** The recorder's dependencies, every one given. */
export interface RecordingParts {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly actors: ActorDirectory;
  readonly locator: EventLocator;
}

/** The events a decision chose, with who recorded them and why, at the expected revision. */
export async function appendEvents(
  parts: RecordingParts,
  stream: string,
  events: readonly NewEvent<EventData | unknown>[],
  expectedRevision: 'no-stream' | number,
  meta: RecordMeta,
  causationId: string | null,
): Promise<Recorded[]> {
  const result = await parts.store.append(
    stream,
    events.map((event) => ({
      ...event,
      metadata: { recordedBy: meta.recordedBy, correlationId: meta.correlationId, causationId },
    })),
    { expectedRevision },
  );
  return result.events.map((event) => recordedOf(event, false));
}
