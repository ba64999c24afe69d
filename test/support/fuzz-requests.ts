import { STORY_EVENTS, STORY_IDS } from '@entente/domain';
import fc from 'fast-check';
import { KEYS } from './api-client';
import { arbitraryOf, garbage } from './openapi-arbitraries';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly key: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

const ACTORS = [
  'COL',
  'USA',
  'GBR',
  'NLD',
  'EGMONT',
  'GUSTAVO-PETRO',
  'NATO',
  'XXX',
  'col',
  'NOBODY-AT-ALL',
];
const KNOWN: Record<string, fc.Arbitrary<string>> = {
  actor: fc.constantFrom(...ACTORS),
  target: fc.constantFrom(...ACTORS),
  code: fc.constantFrom(...ACTORS),
  eventId: fc.oneof(fc.constantFrom(...Object.values(STORY_IDS)), fc.uuid()),
  channel: fc.constantFrom('intelligence', 'military', 'membership', 'diplomatic', 'Bad Channel'),
};
const DATE = fc.oneof(
  fc.integer({ min: 1985, max: 2030 }).map(String),
  fc
    .tuple(
      fc.date({ min: new Date('1985-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
      fc.constantFrom(7, 10, 24),
    )
    .map(([date, length]) => date.toISOString().slice(0, length)),
);
const TAME: Record<string, fc.Arbitrary<string>> = {
  actor: fc.constantFrom('COL', 'USA', 'GBR', 'EGMONT'),
  target: fc.constantFrom('COL', 'USA', 'NLD', 'EGMONT'),
  code: fc.constantFrom('COL', 'USA', 'EGMONT', 'GUSTAVO-PETRO'),
  eventId: fc.constantFrom(...Object.values(STORY_IDS)),
  channel: fc.constantFrom('intelligence', 'military', 'membership'),
};
const DATE_PARAMS = /^(at|knownAt|reportedBy|from|to|vs|vsKnownAt|vsReportedBy)$/;

/** Facts of the story, re-dated and re-worded: most are valid, and are stored. */
const fact = fc
  .record({
    template: fc.constantFrom(
      ...STORY_EVENTS.filter((e) => !('retracts' in e) && !('corrects' in e)),
    ),
    eventId: fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
    occurredAt: fc.date({
      min: new Date('1990-01-01'),
      max: new Date('2025-10-31'),
      noInvalidDate: true,
    }),
    summary: fc.string({ minLength: 1, maxLength: 80 }),
  })
  .map(({ template, eventId, occurredAt, summary }) => {
    const { eventId: _id, ...rest } = template as Json;
    return { ...rest, eventId, occurredAt: occurredAt.toISOString().slice(0, 10), summary };
  });
const VALID_BODIES: Record<string, fc.Arbitrary<unknown>> = {
  '/v1/events': fact,
  '/v1/events/batch': fc.record({ events: fc.array(fact, { minLength: 1, maxLength: 3 }) }),
  '/v1/actors': fc.record({
    code: fc.stringMatching(/^FUZZ(-[A-Z]{1,6}){1,2}$/),
    name: fc.string({ minLength: 1, maxLength: 30 }),
    kind: fc.constantFrom('organization', 'person'),
  }),
};

/**
 * Requests for one route of the document: wild ones (values from the schemas, out of bounds, garbage, wrong
 * keys and media types) and, a fifth of the time, well-formed ones about the story.
 */
export function requestOf(
  document: Json,
  path: string,
  method: string,
  op: Json,
  bodyLimit: number,
): fc.Arbitrary<FuzzRequest> {
  const components = document.components.schemas as Record<string, Json>;
  const parameters = (op.parameters ?? []) as Json[];
  const valueOf = (p: Json): fc.Arbitrary<unknown> => {
    const typed = arbitraryOf(p.schema as Json, components);
    const known = plausible(p.name as string);
    return fc.oneof(
      { weight: 3, arbitrary: known ?? typed },
      { weight: 2, arbitrary: typed },
      { weight: 1, arbitrary: garbage },
    );
  };
  const pathParams = parameters.filter((p) => p.in === 'path');
  const query = parameters.filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema as Json | undefined;
  const body = bodySchema
    ? fc.oneof(
        {
          weight: 4,
          arbitrary: (VALID_BODIES[path] ?? fc.constant({})).map((v) => JSON.stringify(v)),
        },
        {
          weight: 3,
          arbitrary: arbitraryOf(bodySchema, components).map((v) => JSON.stringify(v)),
        },
        { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null') },
        { weight: 1, arbitrary: garbage },
        {
          weight: 1,
          arbitrary: fc.constant(JSON.stringify({ summary: 'x'.repeat(bodyLimit) })),
        },
      )
    : fc.constant(undefined);
  const wild = {
    params: fc.tuple(...pathParams.map(valueOf)),
    query: fc.oneof(
      // Now and then no query at all, so that routes with many parameters are also answered 2xx.
      { weight: 1, arbitrary: fc.constant(query.map(() => undefined)) },
      { weight: 5, arbitrary: fc.tuple(...query.map((p) => sometimes(valueOf(p), 2))) },
    ),
  };
  // Well-formed requests about the story, most of which must be answered 2xx (an audit needs its channel).
  const tame = {
    params: fc.tuple(...pathParams.map((p) => TAME[p.name as string] ?? valueOf(p))),
    query: fc.tuple(
      ...query.map((p) => {
        const value =
          TAME[p.name as string] ?? (DATE_PARAMS.test(p.name as string) ? DATE : undefined);
        if (!value) return fc.constant(undefined);
        return p.name === 'channel' ? value : sometimes(value, 2);
      }),
    ),
  };
  return fc
    .record({
      asked: fc.oneof(
        { weight: 4, arbitrary: fc.record(wild) },
        { weight: 1, arbitrary: fc.record(tame) },
      ),
      extra: sometimes(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), garbage), 8),
      key: fc.oneof(
        { weight: 8, arbitrary: fc.constant(keyFor(path, method)) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, 'not-a-key', KEYS.reader) },
      ),
      accept: fc.constantFrom(
        undefined,
        'application/json',
        'text/csv',
        'application/x-ndjson',
        '*/*',
        'text/html',
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'application/json',
        'text/plain',
      ),
      body,
    })
    .map(({ asked: { params, query: values }, extra, key, accept, contentType, body }) => {
      let url = path;
      pathParams.forEach(
        (p, i) => (url = url.replace(`{${p.name}}`, pathSegment(text(params[i])))),
      );
      const search = new URLSearchParams();
      query.forEach(
        (p, i) => values[i] !== undefined && search.set(p.name as string, text(values[i])),
      );
      if (extra) search.set(extra[0], extra[1]);
      const headers: Record<string, string> = {};
      if (accept) headers.accept = accept;
      if (body !== undefined) headers['content-type'] = contentType;
      return {
        method: method.toUpperCase(),
        path: search.size ? `${url}?${search}` : url,
        key,
        headers,
        body,
      };
    });
}

function keyFor(path: string, method: string): string {
  if (path.startsWith('/v1/admin')) return KEYS.admin;
  return method === 'post' && path !== '/v1/session' ? KEYS.recorder : KEYS.reader;
}

function plausible(name: string): fc.Arbitrary<string> | undefined {
  return KNOWN[name] ?? (DATE_PARAMS.test(name) ? DATE : undefined);
}

/** The value once in `every` times, else undefined. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { weight: every - 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary },
  );
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(',');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A parameter as one path segment. "." and ".." (percent-encoded or not) are dot segments, which every
 * URL client removes before sending (RFC 3986, 5.2.4): `/v1/actors/.` arrives as `/v1/actors/`, another
 * route, and its answer was checked against the wrong operation. Such a value is sent with a character
 * more, still not a valid parameter.
 */
function pathSegment(value: string): string {
  const segment = encodeURIComponent(value);
  return segment === '.' || segment === '..' ? `${segment}~` : segment;
}
