import type { RecordedEvent } from '@entente/event-store';

/** An event as the API shows it: the fact, where it sits in the log, and who recorded it when. */
export function eventView(event: RecordedEvent) {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    recordedAt: event.metadata.recordedAt,
    recordedBy: event.metadata.recordedBy,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
  };
}
