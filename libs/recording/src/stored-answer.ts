import { ConflictError } from '@entente/common';
import {
  decideRecordEvent,
  evolveReport,
  initialReportState,
  isReportType,
  type RecordEventContext,
  type RecordEventInput,
} from '@entente/domain';
import type { RecordedEvent } from '@entente/event-store';
import type { Recorded } from './recording.types';

export function recordedOf(event: RecordedEvent, alreadyRecorded: boolean): Recorded {
  return {
    eventId: event.eventId,
    type: event.type,
    stream: event.stream,
    position: event.position,
    recordedAt: event.metadata.recordedAt,
    alreadyRecorded,
  };
}

/**
 * A new fact whose id is already stored: the same content (whatever stream it went to, alone or in a
 * batch) answers as stored; other content is a conflict. The domain's own retry rule decides which.
 */
export function answerStored(
  stored: RecordedEvent,
  input: RecordEventInput,
  context: RecordEventContext,
): Recorded {
  if (!isReportType(stored.type)) {
    throw new ConflictError(`event ${stored.eventId} is already recorded with other content`, {
      eventId: stored.eventId,
    });
  }
  decideRecordEvent(input, evolveReport(initialReportState, stored), context);
  return recordedOf(stored, true);
}

/** Event ids are UUIDs, stored in lower case: a client's upper-case id must find the same event. */
export function normalised(input: RecordEventInput): RecordEventInput {
  const lower = (value: string | null | undefined) =>
    typeof value === 'string' ? value.toLowerCase() : value;
  return {
    ...input,
    eventId: lower(input.eventId),
    retracts: lower(input.retracts),
    corrects: lower(input.corrects),
  };
}

export function isAmendment(input: RecordEventInput): boolean {
  return input.type === 'EventRetracted' || input.type === 'EventCorrected';
}
