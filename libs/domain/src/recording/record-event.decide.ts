import { ConflictError, NotFoundError, ValidationError } from '@entente/common';
import type { ActorLookup } from '../actors/actor-code.value';
import { EVENT_CATALOG } from '../events/event-catalog';
import { isUuid } from './issues';
import type { RecordEventInput } from './record-event.input';
import { validateRecordEvent, type ValidatedEvent } from './record-event.validate';
import type { ReportState } from './report.evolve';
import { canonicalJson, reportStream, type Decision } from './streams';

export interface RecordEventContext {
  readonly now: Date;
  /** The id for the new event when the input brings none. */
  readonly eventId: string;
  readonly registeredActors: ActorLookup;
}

/**
 * Records a fact, or retracts or corrects one. Surprising content is never refused: only malformed input
 * (ValidationError), a reference to nothing (NotFoundError) or a fact already withdrawn (ConflictError).
 */
export function decideRecordEvent(
  input: RecordEventInput,
  state: ReportState,
  context: RecordEventContext,
): Decision {
  const eventId = input.eventId ?? context.eventId;
  if (input.type === 'EventRetracted' || input.type === 'EventCorrected') {
    return decideAmendment(input, state, context, eventId);
  }
  const event = validateRecordEvent(input, context);
  if (state.reportId !== null) {
    if (sameFact(state, event)) return decision(state.reportId, 'no-stream', eventId, event, true);
    throw new ConflictError(`event ${state.reportId} is already recorded with other content`, {
      eventId: state.reportId,
    });
  }
  return decision(eventId, 'no-stream', eventId, event, false);
}

function decideAmendment(
  input: RecordEventInput,
  state: ReportState,
  context: RecordEventContext,
  eventId: string,
): Decision {
  const field = input.type === 'EventRetracted' ? 'retracts' : 'corrects';
  const referenced = input[field];
  // Malformed input is reported before stored history is consulted.
  if (!isUuid(referenced)) validateRecordEvent(input, context);
  const target = referenced as string;
  if (eventId === target) {
    throw ValidationError.of([{ field: 'eventId', message: `must differ from ${field}` }]);
  }
  if (state.retractionIds.includes(target) || state.correctionIds.includes(target)) {
    const what = state.retractionIds.includes(target) ? 'a retraction' : 'a correction';
    throw ValidationError.of([
      {
        field,
        message: `${target} is ${what} of ${state.reportId}; only a reported fact can be ${
          field === 'retracts' ? 'retracted' : 'corrected'
        }`,
      },
    ]);
  }
  if (state.reportId === null || state.reportId !== target || state.revision === null) {
    throw new NotFoundError(`event ${target} not found`, { eventId: target });
  }
  const corrected = state.type && state.data ? { type: state.type, data: state.data } : null;
  const retried = state.amendments.find((amendment) => amendment.eventId === eventId);
  if (retried) {
    // Re-applying a correction's patch to its own result gives the same content, so a retry compares equal.
    const event = validateRecordEvent(input, { ...context, corrected });
    if (retried.type === event.type && canonicalJson(retried.data) === canonicalJson(event.data)) {
      return decision(target, state.revision, eventId, event, true);
    }
    throw new ConflictError(`event ${eventId} is already recorded with other content`, { eventId });
  }
  if (state.retracted) {
    throw new ConflictError(`event ${target} was already retracted by ${state.retracted.by}`, {
      eventId: target,
      retractedBy: state.retracted.by,
    });
  }
  const event = validateRecordEvent(input, { ...context, corrected });
  return decision(target, state.revision, eventId, event, false);
}

function sameFact(state: ReportState, event: ValidatedEvent): boolean {
  return (
    state.original !== null &&
    state.original.type === event.type &&
    canonicalJson(state.original.data) === canonicalJson(event.data)
  );
}

function decision(
  reportId: string,
  expectedRevision: 'no-stream' | number,
  eventId: string,
  event: ValidatedEvent,
  alreadyRecorded: boolean,
): Decision {
  return {
    stream: reportStream(reportId),
    expectedRevision,
    events: [
      {
        eventId,
        type: event.type,
        schemaVersion: EVENT_CATALOG[event.type].schemaVersion,
        data: event.data,
      },
    ],
    alreadyRecorded,
  };
}
