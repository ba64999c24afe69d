import { reportedAtOf, upcast } from '@entente/domain';
import type { RecordedEvent } from '@entente/event-store';

/**
 * An event as the API shows it: the fact at the current schema version (what was stored earlier is
 * upcast, never rewritten), where it sits in the log, and who recorded it when.
 */
export function eventView(event: RecordedEvent) {
  const { schemaVersion, data } = upcast(event.type, event.schemaVersion, event.data);
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion,
    data,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    recordedAt: event.metadata.recordedAt,
    /** When first publicly reported: its own `reportedAt`, or its record time. */
    reportedAt: reportedAtOf({ recordedAt: event.metadata.recordedAt, data }),
    recordedBy: event.metadata.recordedBy,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
  };
}
