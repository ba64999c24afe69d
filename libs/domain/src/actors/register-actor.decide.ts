import { ConflictError } from '@entente/common';
import { EVENT_CATALOG } from '../events/event-catalog';
import type { ActorRegisteredData } from '../events/event-data.types';
import { Issues, isNonEmptyString, isPresent } from '../recording/issues';
import type { RegisterActorInput } from '../recording/record-event.input';
import { optionalText } from '../recording/source.validate';
import { actorStream, type Decision } from '../recording/streams';
import type { ActorState } from './actor.evolve';
import {
  ACTOR_KINDS,
  isActorCodeFormat,
  isIsoCountry,
  isKnownActor,
  type ActorKind,
  type ActorLookup,
} from './actor-code.value';

export interface RegisterActorContext {
  readonly eventId: string;
  /** Codes registered so far: an affiliation must name one (or an ISO country). */
  readonly registeredActors: ActorLookup;
}

/** Validates a `POST /v1/actors` body, listing every bad field. */
export function validateRegisterActor(
  input: RegisterActorInput,
  registered: ActorLookup,
): ActorRegisteredData {
  const issues = new Issues();
  if (!isNonEmptyString(input.code) || !isActorCodeFormat(input.code)) {
    issues.add(
      'code',
      'must be uppercase words of letters and digits joined by hyphens (GUSTAVO-PETRO)',
    );
  }
  if (!isNonEmptyString(input.name)) issues.add('name', 'is required');
  else if (input.name.length > 200) issues.add('name', 'at most 200 characters');
  if (!ACTOR_KINDS.includes(input.kind as ActorKind)) {
    issues.add('kind', `must be one of ${ACTOR_KINDS.join(', ')}`);
  }
  const affiliation = optionalText(input.affiliation, 'affiliation', 40, issues);
  if (affiliation !== null) {
    if (affiliation === input.code)
      issues.add('affiliation', 'an actor cannot be its own affiliation');
    else if (!isKnownActor(affiliation, registered)) {
      issues.add('affiliation', `unknown actor ${affiliation}: register the body first`);
    }
  }
  const office = optionalText(input.office, 'office', 200, issues);
  issues.throwIfAny();
  return { code: input.code, name: input.name, kind: input.kind as ActorKind, affiliation, office };
}

/** Registers an international body, a person or a non-ISO government; a code is taken once. */
export function decideRegisterActor(
  input: RegisterActorInput,
  state: ActorState,
  context: RegisterActorContext,
): Decision {
  const data = validateRegisterActor(input, context.registeredActors);
  if (isIsoCountry(data.code)) {
    throw new ConflictError(`${data.code} is an ISO 3166-1 country code, known from the start`, {
      actor: data.code,
    });
  }
  if (state.registered !== null || isKnownActor(data.code, context.registeredActors)) {
    throw new ConflictError(`actor ${data.code} is already registered`, { actor: data.code });
  }
  return {
    stream: actorStream(data.code),
    expectedRevision: isPresent(state.revision) ? state.revision : 'no-stream',
    events: [
      {
        eventId: context.eventId,
        type: 'ActorRegistered',
        schemaVersion: EVENT_CATALOG.ActorRegistered.schemaVersion,
        data,
      },
    ],
    alreadyRecorded: false,
  };
}
