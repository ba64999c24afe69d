import { ConflictError } from '@entente/common';
import { decideRecordEvent, initialReportState, type RecordEventInput } from '@entente/domain';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '@entente/event-store';
import { codesMentioned } from './actor-directory';
import { appendEvents, type RecordingParts } from './append';
import { answerStored } from './stored-answer';
import type { RecordMeta, Recorded } from './recording.types';

/**
 * A new fact opens its own stream. An id the client chose may already be stored, by this route or inside
 * a batch: the same content answers as stored, wherever it went.
 */
export async function recordFact(
  parts: RecordingParts,
  input: RecordEventInput,
  meta: RecordMeta,
): Promise<Recorded> {
  const eventId = input.eventId ?? parts.newId();
  const context = {
    now: parts.clock.now(),
    eventId,
    registeredActors: await parts.actors.registeredAmong(codesMentioned(input)),
  };
  const stored = async () => (await parts.locator.find([eventId])).get(eventId);
  if (input.eventId) {
    const previous = await stored();
    if (previous) return answerStored(previous, input, context);
  }
  const decision = decideRecordEvent(input, initialReportState, context);
  try {
    const [recorded] = await appendEvents(
      parts,
      decision.stream,
      decision.events,
      decision.expectedRevision,
      meta,
      null,
    );
    return recorded;
  } catch (error) {
    // Another request stored the same id between the look-up and the append.
    if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError))
      throw error;
    const previous = await stored();
    if (!previous) throw error;
    return answerStored(previous, input, context);
  }
}

export function conflictOf(error: unknown, field: string, eventId: string): unknown {
  if (!(error instanceof ConflictError)) return error;
  return new ConflictError(`${field}: ${error.message}`, { ...error.details, field, eventId });
}
