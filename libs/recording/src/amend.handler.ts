import {
  decideRecordEvent,
  evolveReport,
  initialReportState,
  reportIdOf,
  reportStream,
  type RecordEventInput,
  type ReportState,
} from '@entente/domain';
import {
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type RecordedEvent,
} from '@entente/event-store';
import { codesMentioned } from './actor-directory';
import { appendEvents, type RecordingParts } from './append';
import { recordedOf } from './stored-answer';
import { APPEND_ATTEMPTS, type RecordMeta, type Recorded } from './recording.types';

/**
 * A retraction or correction goes to the stream that holds its fact, found by id in the store, not in a
 * read model. That stream may hold other facts too (a batch), so an amendment of a neighbour moves it:
 * read, decide and append again (Emmett's command handling).
 */
export async function amend(
  parts: RecordingParts,
  input: RecordEventInput,
  meta: RecordMeta,
): Promise<Recorded> {
  const referenced = input.type === 'EventRetracted' ? input.retracts : input.corrects;
  const eventId = input.eventId ?? parts.newId();
  const registeredActors = await parts.actors.registeredAmong(codesMentioned(input));
  for (let attempt = 1; ; attempt++) {
    const { stream, reportId, events } = await loadReport(parts, referenced);
    const state = events
      .filter((event) => reportIdOf(event) === reportId)
      .reduce<ReportState>(evolveReport, initialReportState);
    const decision = decideRecordEvent(input, state, {
      now: parts.clock.now(),
      eventId,
      registeredActors,
    });
    if (decision.alreadyRecorded) {
      const stored = events.find((event) => event.eventId === eventId);
      if (stored) return recordedOf(stored, true);
    }
    try {
      const expected = events.length === 0 ? 'no-stream' : events[events.length - 1].revision;
      const [stored] = await appendEvents(parts, stream, decision.events, expected, meta, reportId);
      return stored;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= APPEND_ATTEMPTS) throw error;
    }
  }
}

async function loadReport(
  parts: RecordingParts,
  referenced: unknown,
): Promise<{ stream: string; reportId: string | null; events: readonly RecordedEvent[] }> {
  // A malformed reference is the domain's to report: it sees no stream and says what is wrong.
  if (typeof referenced !== 'string') return { stream: '', reportId: null, events: [] };
  const found = (await parts.locator.find([referenced])).get(referenced);
  const stream = found?.stream ?? reportStream(referenced);
  const reportId = found ? reportIdOf(found) : referenced;
  try {
    return { stream, reportId, events: await parts.store.readStream(stream) };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return { stream, reportId, events: [] };
    throw error;
  }
}
