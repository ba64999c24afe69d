import { ACTOR_KINDS } from '@entente/domain';
import {
  bool,
  instant,
  int,
  list,
  oneOf,
  orNull,
  ref,
  shape,
  str,
  type Schema,
} from './schema-builders';
import { STORY } from './story.examples';

/** The answers about events and actors: what a recorder gets back, and what a reader lists. */
export const EVENT_SCHEMAS: Record<string, Schema> = {
  Recorded: {
    ...shape({
      eventId: str(),
      type: str(),
      stream: str(),
      position: int('Its place in the log: `after` for GET /v1/events.'),
      recordedAt: instant(),
      alreadyRecorded: bool(
        'True when stored before with the same content: nothing was stored again.',
      ),
    }),
    example: STORY.recorded,
  },
  RecordedBatch: shape({ events: list(ref('Recorded'), 'In the order posted.') }),
  RegisteredActor: {
    ...shape({
      code: str(),
      eventId: str(),
      type: str(),
      stream: str(),
      position: int(),
      recordedAt: instant(),
      alreadyRecorded: bool(),
    }),
  },
  Event: {
    ...shape({
      eventId: str(),
      type: str('The stable type string, e.g. CooperationSuspended.'),
      schemaVersion: int('The current version of the type: older stored data is upcast.'),
      data: { type: 'object', description: "The fact, as the type's schema version holds it." },
      stream: str(),
      revision: int(),
      position: int(),
      recordedAt: instant(),
      reportedAt: instant('When first publicly reported: its own reportedAt, or its record time.'),
      recordedBy: str('The principal of the key that recorded it.'),
      correlationId: orNull(str()),
      causationId: orNull(str()),
    }),
    example: STORY.event,
  },
  EventWithAmendments: {
    allOf: [
      ref('Event'),
      shape({
        amendments: list(ref('Event'), 'Retractions and corrections of it, in record order.'),
      }),
    ],
  },
  EventPage: shape(
    {
      events: list(ref('Event')),
      next: orNull(int('`after` for the next page; null on the last.')),
    },
    { note: str('Why the list is empty: nothing recorded, or nothing matches.') },
  ),
  Actor: {
    ...shape(
      {
        code: str(),
        name: str(),
        kind: oneOf(ACTOR_KINDS),
        affiliation: orNull(str()),
        office: orNull(str()),
        registered: bool('False for an ISO 3166 government, which needs no registration.'),
      },
      { eventId: str(), recordedAt: instant(), recordedBy: str() },
    ),
    example: STORY.actor,
  },
  ActorList: shape({ actors: list(ref('Actor')) }),
};
