import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ROLES } from '../config/app-config';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details';
import { int, list, oneOf, ref, shape, str, type Schema } from './schema-builders';

export const PROBLEM_SCHEMAS: Record<string, Schema> = {
  Problem: {
    ...shape(
      {
        type: str('https://entente.dev/problems/<code>'),
        title: str(),
        status: int(),
        detail: str('What went wrong, in a sentence a person can act on.'),
        code: str(
          'The stable error code: validation, not-found, conflict, forbidden, unauthorized...',
        ),
      },
      {
        instance: str('The path asked for.'),
        errors: list(shape({ field: str(), message: str() }), 'Each bad field (validation).'),
        eventId: str('The event the problem concerns (not-found, conflict).'),
        actor: str('The actor the problem concerns (not-found, conflict).'),
        name: str('The read model asked for (not-found).'),
        field: str('Where in the body the conflicting event is (conflict).'),
        retractedBy: str('The retraction that already withdrew the event (conflict).'),
        requiredRole: oneOf(ROLES, 'The role the route needs (forbidden).'),
      },
      'RFC 7807 problem details, with members naming what a problem concerns where it has one.',
    ),
    example: {
      type: 'https://entente.dev/problems/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'channel: is required: an audit explains one channel',
      code: 'validation',
      instance: '/v1/relations/COL/USA/audit',
      errors: [{ field: 'channel', message: 'is required: an audit explains one channel' }],
    },
  },
};

/** What each status means on every route that can answer it. */
const MEANINGS: Record<number, string> = {
  400: 'validation: a parameter or the body is invalid; `errors` names each field',
  401: 'unauthorized: no valid key (Authorization: Bearer <key>) nor session cookie',
  403: 'forbidden: the key lacks the role this route needs',
  404: 'not-found: the actor, event or read model named does not exist',
  409: 'conflict: the id or code is taken by other content',
  413: 'payload-too-large: the body exceeds BODY_LIMIT_BYTES',
  415: 'unsupported-media-type: the body is not JSON',
  429: 'rate-limited: too many requests from this key or address; see Retry-After',
  503: 'unavailable: the store or a read model cannot answer now',
};

/** Documents the problem+json answers a route can give (401 and 429 are added for every keyed route). */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANINGS[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
      }),
    ),
  );
}
