import {
  actorStream,
  decideRegisterActor,
  evolveActor,
  initialActorState,
  type ActorState,
  type RecordEventInput,
  type RegisterActorInput,
} from '@entente/domain';
import { StreamNotFoundError } from '@entente/event-store';
import { storeActorDirectory } from './actor-directory';
import { amend } from './amend.handler';
import { appendEvents, type RecordingParts } from './append';
import { storeLocator } from './event-locator';
import { recordBatch } from './record-batch.handler';
import { recordFact } from './record-fact.handler';
import { isAmendment, normalised } from './stored-answer';
import type { RecordMeta, Recorded, RecorderDependencies } from './recording.types';

/** The write path: every caller (HTTP, the importer, the demo, tests) records through one of these. */
export interface Recorder {
  /** One fact, or a retraction or correction of one. */
  record(input: RecordEventInput, meta: RecordMeta): Promise<Recorded>;
  /** New facts, atomically; the answers are in the order of the inputs. */
  recordBatch(inputs: readonly RecordEventInput[], meta: RecordMeta): Promise<Recorded[]>;
  registerActor(input: RegisterActorInput, meta: RecordMeta): Promise<Recorded>;
}

export function createRecorder(dependencies: RecorderDependencies): Recorder {
  const parts: RecordingParts = {
    store: dependencies.store,
    clock: dependencies.clock,
    newId: dependencies.newId,
    actors: dependencies.actors ?? storeActorDirectory(dependencies.store),
    locator: dependencies.locator ?? storeLocator(dependencies.store),
  };
  return {
    record: (input, meta) => {
      const given = normalised(input);
      return isAmendment(given) ? amend(parts, given, meta) : recordFact(parts, given, meta);
    },
    recordBatch: (inputs, meta) => recordBatch(parts, inputs.map(normalised), meta),
    registerActor: (input, meta) => registerActor(parts, input, meta),
  };
}

async function registerActor(
  parts: RecordingParts,
  input: RegisterActorInput,
  meta: RecordMeta,
): Promise<Recorded> {
  const stream = actorStream(String(input.code));
  let events: Awaited<ReturnType<typeof parts.store.readStream>> = [];
  try {
    events = await parts.store.readStream(stream);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  const state = events.reduce<ActorState>(evolveActor, initialActorState);
  const registeredActors = await parts.actors.registeredAmong([input.affiliation]);
  const decision = decideRegisterActor(input, state, { eventId: parts.newId(), registeredActors });
  const [recorded] = await appendEvents(
    parts,
    decision.stream,
    decision.events,
    decision.expectedRevision,
    meta,
    null,
  );
  return recorded;
}
