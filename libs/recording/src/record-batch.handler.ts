import { ConflictError, ValidationError, type FieldIssue } from '@entente/common';
import {
  batchStream,
  canonicalJson,
  decideRecordEvent,
  initialReportState,
  type Decision,
  type RecordEventInput,
} from '@entente/domain';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '@entente/event-store';
import { codesMentioned } from './actor-directory';
import { appendEvents, type RecordingParts } from './append';
import { conflictOf } from './record-fact.handler';
import { answerStored, isAmendment } from './stored-answer';
import { APPEND_ATTEMPTS, type RecordMeta, type Recorded } from './recording.types';

interface Item {
  readonly index: number;
  readonly input: RecordEventInput;
  readonly eventId: string;
  readonly event: Decision['events'][number];
}

/**
 * New facts, all of them or none, in one append. Items already stored with the same content (by any
 * route) are answered as stored and not stored again; an id stored with other content is a conflict
 * naming its item, and then nothing is stored.
 */
export async function recordBatch(
  parts: RecordingParts,
  inputs: readonly RecordEventInput[],
  meta: RecordMeta,
): Promise<Recorded[]> {
  const registeredActors = await parts.actors.registeredAmong(
    inputs.flatMap((input) => codesMentioned(input)),
  );
  const context = (eventId: string) => ({ now: parts.clock.now(), eventId, registeredActors });
  const items = decideAll(parts, inputs, context);
  for (let attempt = 1; ; attempt++) {
    const answers = new Map<number, Recorded>();
    const stored = await parts.locator.find(
      items.filter((i) => i.input.eventId).map((i) => i.eventId),
    );
    const fresh: Item[] = [];
    const firstOf = new Map<string, Item>();
    for (const item of items) {
      const previous = stored.get(item.eventId);
      const field = `events[${item.index}]`;
      if (previous) {
        try {
          answers.set(item.index, answerStored(previous, item.input, context(item.eventId)));
        } catch (error) {
          throw conflictOf(error, field, item.eventId);
        }
        continue;
      }
      const first = firstOf.get(item.eventId);
      if (!first) {
        firstOf.set(item.eventId, item);
        fresh.push(item);
      } else if (!sameEvent(first, item)) {
        throw new ConflictError(
          `${field}: event ${item.eventId} appears at events[${first.index}] with other content`,
          { field, eventId: item.eventId },
        );
      }
    }
    if (fresh.length > 0) {
      try {
        const recorded = await appendEvents(
          parts,
          batchStream(fresh[0].eventId),
          fresh.map((item) => item.event),
          'no-stream',
          meta,
          null,
        );
        fresh.forEach((item, i) => answers.set(item.index, recorded[i]));
      } catch (error) {
        // Another writer stored some of these ids meanwhile: look them up again and store the rest.
        const raced =
          error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
        if (!raced || attempt >= APPEND_ATTEMPTS) throw error;
        continue;
      }
    }
    return items.map((item) => {
      const answer = answers.get(item.index) ?? answers.get(firstOf.get(item.eventId)!.index)!;
      return answers.has(item.index) ? answer : { ...answer, alreadyRecorded: true };
    });
  }
}

function decideAll(
  parts: RecordingParts,
  inputs: readonly RecordEventInput[],
  context: (eventId: string) => Parameters<typeof decideRecordEvent>[2],
): Item[] {
  const issues: FieldIssue[] = [];
  const items: Item[] = [];
  inputs.forEach((input, index) => {
    if (isAmendment(input)) {
      issues.push({
        field: `events[${index}].type`,
        message: 'retractions and corrections are recorded one at a time, on their fact',
      });
      return;
    }
    const eventId = input.eventId ?? parts.newId();
    try {
      const [event] = decideRecordEvent(input, initialReportState, context(eventId)).events;
      items.push({ index, input, eventId, event });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues.map((i) => ({ ...i, field: `events[${index}].${i.field}` })));
    }
  });
  if (issues.length > 0) throw ValidationError.of(issues);
  return items;
}

function sameEvent(a: Item, b: Item): boolean {
  return (
    a.event.type === b.event.type && canonicalJson(a.event.data) === canonicalJson(b.event.data)
  );
}
