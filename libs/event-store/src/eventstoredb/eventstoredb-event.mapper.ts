import type { JSONEventData, ResolvedEvent } from '@eventstore/db-client';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { deepFreeze } from '../recorded-event';
import { NO_POSITION, toPortPosition } from './eventstoredb-position';

/** What Entente keeps in each event's metadata on EventStoreDB. */
export interface StoredMetadata {
  /**
   * Only in events written before record time came from the server: the appending process's clock. Newer
   * events take theirs from `created`, which the leader sets at commit, so every node agrees on it.
   */
  readonly recordedAt?: string;
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly schemaVersion: number;
}

/** The server's own events ($stats, $metadata, links, users...) are never Entente's. */
export function isSystemEvent(stream: string, type: string): boolean {
  return stream.startsWith('$') || type.startsWith('$');
}

export function toEventData(event: EventToAppend): JSONEventData {
  const metadata: StoredMetadata = {
    recordedBy: event.metadata.recordedBy,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    schemaVersion: event.schemaVersion,
  };
  return {
    id: event.eventId.toLowerCase(),
    contentType: 'application/json',
    type: event.type,
    data: event.data as JSONEventData['data'],
    metadata: { ...metadata },
  };
}

/**
 * A resolved event as the port's frozen value: its record time is the server's `created`, set by the
 * leader when it wrote the event (kept as written for events that carry a recordedAt of their own, from
 * before). Events written by something other than Entente still map, with defaults for missing metadata.
 */
export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a link to a deleted event');
  const position = event.position;
  if (!position || position.commit === NO_POSITION) {
    throw new Error(
      `EventStoreDB returned no log position for ${event.streamId}@${event.revision}; Entente needs a ` +
        'server that reports positions on stream reads (EventStoreDB 23.10 or later, KurrentDB)',
    );
  }
  const metadata = (isObject(event.metadata) ? event.metadata : {}) as Partial<StoredMetadata>;
  return deepFreeze({
    eventId: event.id.toLowerCase(),
    stream: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(position),
    type: event.type,
    schemaVersion: typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1,
    data: event.isJson ? event.data : Buffer.from(event.data as Uint8Array).toString('base64'),
    metadata: {
      recordedAt: metadata.recordedAt ?? event.created.toISOString(),
      recordedBy: metadata.recordedBy ?? '',
      correlationId: metadata.correlationId ?? '',
      causationId: metadata.causationId ?? null,
    },
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !(value instanceof Uint8Array);
}
