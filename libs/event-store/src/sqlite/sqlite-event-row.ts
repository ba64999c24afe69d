import type { RecordedEvent } from '../event-store.port';
import { deepFreeze } from '../recorded-event';

export interface EventRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly recorded_at: string;
  readonly recorded_by: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return deepFreeze({
    eventId: row.event_id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: {
      recordedAt: row.recorded_at,
      recordedBy: row.recorded_by,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
    },
  });
}
