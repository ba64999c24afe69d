import { aStateChange } from '@entente/domain/testing';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import request from 'supertest';
import { API_KEYS_ENV, KEYS, as } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;

/** A raw request, so that the body is exactly the bytes given (supertest would re-serialise an object). */
function postRaw(
  api: TestApp,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, api.url);
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${KEYS.recorder}`,
          'content-type': 'application/json',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile input over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV })));
  afterAll(() => api.dispose());

  const head = async () =>
    (await request(api.url).get('/health')).body.details.eventStore.head as number;

  describe('JSON nested deeper than any body the API takes', () => {
    it.each([
      ['objects', '/v1/events', (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`],
      ['arrays', '/v1/events', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
      ['objects', '/v1/actors', (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`],
      [
        'a deep field of a valid fact',
        '/v1/events',
        (n: number) =>
          JSON.stringify({ ...aStateChange('CooperationSuspended'), conditions: 'X' }).replace(
            '"X"',
            `${'['.repeat(n)}${']'.repeat(n)}`,
          ),
      ],
    ])(
      'given %s nested 5,000 levels, when posted to %s, then 400 problem+json naming the depth, and nothing is stored',
      async (_shape, path, nest) => {
        const before = await head();
        const response = await postRaw(api, path, nest(5_000));
        expect(response.status).toBe(400);
        expect(response.type).toMatch(PROBLEM);
        expect(response.body).toMatchObject({ code: 'validation' });
        expect(String(response.body.detail)).toMatch(/nested deeper than \d+ levels/);
        expect(await head()).toBe(before);
      },
    );
  });

  it.each(['/v1/events', '/v1/events/batch', '/v1/actors'])(
    'given a JSON list where an object belongs, when posted to %s, then 400 naming the body, and nothing is stored',
    async (path) => {
      const before = await head();
      const response = await postRaw(api, path, '[{"type":"StatementIssued"}]');
      expect(response.status).toBe(400);
      expect(response.type).toMatch(PROBLEM);
      expect(response.body.errors).toEqual([
        { field: 'body', message: 'must be a JSON object, not a list' },
      ]);
      expect(await head()).toBe(before);
    },
  );

  describe('keys that would reach an object prototype', () => {
    it.each([
      ['__proto__', '/v1/events', '__proto__'],
      ['constructor', '/v1/events', 'constructor'],
      ['__proto__ in a source', '/v1/events', 'sources[0].__proto__'],
      ['__proto__', '/v1/actors', '__proto__'],
    ])(
      'given a body with %s, when posted to %s, then 400 naming the field, as for any unknown field',
      async (_what, path, field) => {
        const valid =
          path === '/v1/actors'
            ? { code: 'PROTO-TEST', name: 'Proto', kind: 'organization' }
            : aStateChange('CooperationSuspended');
        const json = JSON.stringify(valid);
        const body =
          field === 'sources[0].__proto__'
            ? json.replace('"kind":"news-report"', '"__proto__":{"x":1},"kind":"news-report"')
            : `{"${field}":{"polluted":true},${json.slice(1)}`;
        const before = await head();
        const response = await postRaw(api, path, body);
        expect(response.status).toBe(400);
        expect(response.type).toMatch(PROBLEM);
        expect(response.body.errors).toEqual([
          { field, message: expect.stringContaining('should not exist') },
        ]);
        expect(await head()).toBe(before);
      },
    );
  });

  describe('offsets of an instant', () => {
    it.each([
      '2024-01-01T10:00:00+05:60',
      '2024-01-01T10:00:00+05:99',
      '2024-01-01T10:00:00-05:75',
    ])(
      'given occurredAt %s, when posted, then 400 naming occurredAt and nothing is stored',
      async (occurredAt) => {
        const before = await head();
        const response = await as(api, 'recorder')
          .post('/v1/events', aStateChange('CooperationSuspended', { occurredAt }))
          .expect(400);
        expect(response.body.errors).toEqual([
          { field: 'occurredAt', message: expect.stringContaining('offset') },
        ]);
        expect(await head()).toBe(before);
      },
    );

    it('given occurredAt with a whole offset in range, when posted, then it is recorded at its UTC instant', async () => {
      const response = await as(api, 'recorder')
        .post(
          '/v1/events',
          aStateChange('CooperationSuspended', { occurredAt: '2024-01-01T10:00:00+05:45' }),
        )
        .expect(201);
      const stored = await as(api, 'reader').get(`/v1/events/${response.body.eventId}`);
      expect(stored.body.data.occurredAt.start).toBe('2024-01-01T04:15:00.000Z');
    });
  });

  it('given request headers larger than the server takes, when sent, then 431 with a problem+json body', async () => {
    const response = await request(api.url)
      .get('/v1/events')
      .set('Authorization', `Bearer ${KEYS.reader}`)
      .set('X-Padding', 'p'.repeat(20_000));
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 431, code: 'headers-too-large' });
  });

  it('given bytes that are not HTTP, when sent, then 400 with a problem+json body and the connection closes', async () => {
    const { port } = new URL(api.url);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('HELLO THERE\r\n\r\n'));
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 400,
      code: 'bad-request',
    });
  });
});
