import { ROLES } from '../config/app-config';
import {
  instant,
  int,
  list,
  mapOf,
  oneOf,
  orNull,
  ref,
  shape,
  str,
  type Schema,
} from './schema-builders';

const runner = shape({
  name: str(),
  version: int(),
  generation: int(),
  state: str(),
  position: int(),
  failure: orNull(
    shape(
      { position: int(), eventId: str(), type: str(), reason: str() },
      {},
      'The event it stopped on, and why.',
    ),
  ),
  onePass: orNull(
    shape(
      { to: int('The position it goes to.'), read: int('How far it has read.') },
      {},
      'A one-pass catch-up under way (`position` says how far it has committed).',
    ),
  ),
});
const indicator = mapOf({ type: 'object', properties: { status: oneOf(['up', 'down']) } });

/** Sessions, health and the read models' status. */
export const OPERATIONS_SCHEMAS: Record<string, Schema> = {
  Session: shape({
    session: orNull(
      shape({
        role: oneOf(ROLES),
        name: str(),
        expiresAt: instant(),
        since: instant(
          'When the key was given: a session is renewed up to a maximum age from then.',
        ),
      }),
    ),
  }),
  Health: shape(
    { status: oneOf(['ok', 'error', 'shutting_down']) },
    { info: indicator, error: indicator, details: indicator },
    'The report of @nestjs/terminus: each indicator with its status and figures.',
  ),
  ProjectionStatus: {
    allOf: [runner, shape({ rebuilding: orNull({ type: 'object' }) })],
  },
  Projections: shape({ projections: list(ref('ProjectionStatus')) }),
  RebuildStarted: shape({ projection: ref('ProjectionStatus') }),
};
