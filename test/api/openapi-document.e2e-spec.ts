import { LIMITS } from '@entente/domain';
import { compileErrors, validate } from '@readme/openapi-parser';
import { API_KEYS_ENV, as } from '../support/api-client';
import { postStory } from '../support/story';
import { startTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RELATION_ROUTES = [
  '/v1/relations/{actor}/{target}',
  '/v1/relations/{actor}/{target}/timeline',
  '/v1/relations/{actor}/{target}/audit',
  '/v1/relations/{actor}/{target}/context',
];

describe('the OpenAPI document', () => {
  let api: TestApp;
  let document: Json;

  beforeAll(async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    const response = await fetch(`${api.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Json;
  });
  afterAll(() => api.dispose());

  const operations = () =>
    Object.entries(document.paths as Json).flatMap(([path, item]) =>
      Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
    );

  it('given the served document, when validated, then it is valid OpenAPI 3', async () => {
    const result = await validate(structuredClone(document) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(document.openapi).toMatch(/^3\./);
  });

  it('given every route, then each has a described success answer with its media types, and its problems as problem+json', () => {
    expect(operations().length).toBeGreaterThanOrEqual(24);
    for (const { path, method, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      const answers = Object.entries(op.responses as Json);
      const success = answers.filter(([status]) => status.startsWith('2'));
      expect([where, success.length > 0]).toEqual([where, true]);
      for (const [status, response] of answers) {
        expect([where, status, (response.description as string).length > 0]).toEqual([
          where,
          status,
          true,
        ]);
        if (status === '204') continue;
        const content = Object.entries(response.content as Json);
        expect([where, status, content.length > 0]).toEqual([where, status, true]);
        for (const [, media] of content) expect(media.schema).toBeDefined();
        // Health's 503 is its report; every other failure is a problem.
        if (Number(status) >= 400 && path !== '/health') {
          expect([where, status, Object.keys(response.content)]).toEqual([
            where,
            status,
            ['application/problem+json'],
          ]);
        }
      }
      if (op.security) expect([where, op.responses['401']]).toEqual([where, expect.anything()]);
    }
  });

  it('given the keys, then the bearer scheme is an opaque key, and GET routes also take the session cookie', () => {
    const schemes = document.components.securitySchemes as Json;
    expect(schemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(schemes.bearer.bearerFormat).toBeUndefined();
    expect(schemes.session).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'entente_session' }),
    );
    expect(document.paths['/v1/relations/{actor}/{target}'].get.security).toEqual([
      { bearer: [] },
      { session: [] },
    ]);
    expect(document.paths['/v1/events'].post.security).toEqual([{ bearer: [] }]);
  });

  it('given the four relation routes, then each documents at, knownAt, reportedBy and evidence', () => {
    for (const path of RELATION_ROUTES) {
      const query = (document.paths[path].get.parameters as Json[])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      expect([path, query]).toEqual([
        path,
        expect.arrayContaining(['at', 'knownAt', 'reportedBy', 'evidence']),
      ]);
      expect([path, query.length]).toEqual([path, new Set(query).size]);
    }
    const evidence = (document.paths[RELATION_ROUTES[0]].get.parameters as Json[]).find(
      (p) => p.name === 'evidence',
    );
    expect(evidence?.schema.enum).toEqual(['curated', 'all']);
  });

  it('given the batch route, then its limit is in the schema, and no route requires an Accept header', () => {
    const batch = document.components.schemas.RecordBatchDto.properties.events;
    expect([batch.minItems, batch.maxItems]).toEqual([1, LIMITS.batch]);
    for (const { path, op } of operations()) {
      const required = ((op.parameters ?? []) as Json[]).filter(
        (p) => p.in === 'header' && p.required,
      );
      expect([path, required]).toEqual([path, []]);
    }
  });

  it('given the examples of the document, then each matches its own schema', () => {
    const examples = Object.entries(document.components.schemas as Json).filter(
      ([, schema]) => schema.example !== undefined,
    );
    expect(examples.map(([name]) => name)).toEqual(
      expect.arrayContaining(['Problem', 'Event', 'Recorded', 'RelationState', 'Timeline']),
    );
    for (const [name, schema] of examples) {
      const mismatch = api.conformance.mismatches(
        { $ref: `#/components/schemas/${name}` },
        schema.example,
      );
      expect([name, mismatch]).toEqual([name, undefined]);
    }
  });

  it('given the story, when a real answer is checked against the document, then it conforms, and the same answer made wrong (or with a member the document does not name) is reported', async () => {
    await postStory(api);
    const real = await as(api, 'reader').get('/v1/relations/COL/USA?at=2025-11-30').expect(200);
    const exchange = {
      method: 'GET',
      url: '/v1/relations/COL/USA?at=2025-11-30',
      status: 200,
      contentType: real.headers['content-type'] as string,
      body: real.body as Json,
    };
    expect(api.conformance.problemWith(exchange)).toBeUndefined();

    const wrongStatus = structuredClone(exchange.body);
    wrongStatus.channels[0].status = 'frozen';
    expect(api.conformance.problemWith({ ...exchange, body: wrongStatus })).toMatch(
      /GET \/v1\/relations\/\{actor\}\/\{target\} answered 200: the body does not match .*\/channels\/0\/status must be equal to one of the allowed values/,
    );
    const { knownAt: _knownAt, ...missing } = exchange.body;
    expect(api.conformance.problemWith({ ...exchange, body: missing })).toMatch(
      /must have required property 'knownAt'/,
    );
    const undocumented = structuredClone(exchange.body);
    undocumented.channels[0].mood = 'frosty';
    expect(api.conformance.problemWith({ ...exchange, body: undocumented })).toMatch(
      /\/channels\/0 must NOT have additional properties: mood/,
    );
    expect(api.conformance.problemWith({ ...exchange, status: 418 })).toMatch(
      /answered 418, a status the document does not give for it/,
    );
    expect(api.conformance.problemWith({ ...exchange, contentType: 'text/html' })).toMatch(
      /with text\/html, not one of application\/json/,
    );
    const problem = await as(api, 'reader').get('/v1/relations/COL/USA/audit').expect(400);
    expect(
      api.conformance.problemWith({
        ...exchange,
        url: '/v1/relations/COL/USA/audit',
        status: 400,
        contentType: problem.headers['content-type'] as string,
        body: { ...problem.body, status: 'bad' },
      }),
    ).toMatch(/\/status must be integer/);
  });
});
