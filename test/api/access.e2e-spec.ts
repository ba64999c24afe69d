import { aStateChange } from '@entente/domain/testing';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { API_KEYS_ENV, as } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('access by API key and role', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV })));
  afterAll(() => api.dispose());

  it('given no key, when a read is asked, then 401 problem+json with a Bearer challenge', async () => {
    const response = await request(api.url).get('/v1/relations/COL/USA').expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('given an unknown key, when a read is asked, then 401', async () => {
    await request(api.url)
      .get('/v1/actors')
      .set('Authorization', 'Bearer not-a-key-at-all-nope')
      .expect(401);
  });

  it('given a reader key, when it reads, then 200; when it records, then 403 and nothing is stored', async () => {
    await as(api, 'reader').get('/v1/actors').expect(200);
    const response = await as(api, 'reader')
      .post('/v1/events', aStateChange('CooperationSuspended'))
      .expect(403);
    expect(response.body).toMatchObject({
      status: 403,
      code: 'forbidden',
      requiredRole: 'recorder',
    });
    const events = await as(api, 'reader').get('/v1/events').expect(200);
    expect(events.body.events).toEqual([]);
  });

  it('given a recorder key, when it records, then 201; when it asks for a rebuild, then 403', async () => {
    await as(api, 'recorder').post('/v1/events', aStateChange('CooperationSuspended')).expect(201);
    await as(api, 'recorder').post('/v1/admin/projections/relation-timeline/rebuild').expect(403);
    await as(api, 'recorder').get('/v1/admin/projections').expect(403);
  });

  it('given an admin key, when it asks for a rebuild, then 202 and the read model keeps answering the same', async () => {
    const before = await as(api, 'admin').get('/v1/relations/COL/USA').expect(200);
    const response = await as(api, 'admin')
      .post('/v1/admin/projections/relation-timeline/rebuild')
      .expect(202);
    expect(response.body.projection).toMatchObject({ name: 'relation-timeline' });
    await as(api, 'admin').post('/v1/admin/projections/nothing/rebuild').expect(404);
    for (let i = 0; i < 200; i++) {
      const { body } = await as(api, 'admin').get('/v1/admin/projections').expect(200);
      const timeline = body.projections.find(
        (p: { name: string }) => p.name === 'relation-timeline',
      );
      if (timeline.rebuilding === null && timeline.generation > 1) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const { body } = await as(api, 'admin').get('/v1/admin/projections').expect(200);
    expect(
      body.projections.find((p: { name: string }) => p.name === 'relation-timeline'),
    ).toMatchObject({
      generation: 2,
      state: 'live',
      rebuilding: null,
    });
    const after = await as(api, 'admin').get('/v1/relations/COL/USA').expect(200);
    expect(after.body.channels).toEqual(before.body.channels);
  });

  it('given no key, when health or the API documentation is asked, then they are open', async () => {
    await request(api.url).get('/health').expect(200);
    await request(api.url).get('/docs/openapi.json').expect(200);
  });
});

describe('generated keys', () => {
  let api: TestApp | undefined;
  afterEach(() => api?.dispose());

  it('given no API_KEYS, when the server first starts, then it keeps one key per role in the data directory and reuses them after a restart', async () => {
    api = await startTestApp({});
    const file = join(api.dataDir, 'api-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { keys } = JSON.parse(readFileSync(file, 'utf8')) as {
      keys: { role: string; key: string }[];
    };
    expect(keys.map((k) => k.role)).toEqual(['reader', 'recorder', 'admin']);
    const recorderKey = keys.find((k) => k.role === 'recorder')!.key;
    const posted = await request(api.url)
      .post('/v1/events')
      .set('Authorization', `Bearer ${recorderKey}`)
      .send(aStateChange('CooperationSuspended'))
      .expect(201);

    await api.close();
    api = await startTestApp({}, api.dataDir);
    const again = await request(api.url)
      .get(`/v1/events/${posted.body.eventId}`)
      .set('Authorization', `Bearer ${recorderKey}`)
      .expect(200);
    expect(again.body.recordedBy).toBe('recorder');
  });
});

describe('rate limits', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV, RATE_LIMIT: '5' })));
  afterAll(() => api.dispose());

  it('given a limit of 5 a minute, when a key asks a sixth time, then 429 problem+json with Retry-After; another key is not affected', async () => {
    for (let i = 0; i < 5; i++) await as(api, 'reader').get('/v1/actors').expect(200);
    const response = await as(api, 'reader').get('/v1/actors').expect(429);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    await as(api, 'recorder').get('/v1/actors').expect(200);
  });

  it('given a limit of 5 a minute, when a key spreads its requests over routes, then they share one budget', async () => {
    for (let i = 0; i < 3; i++) await as(api, 'admin').get('/v1/actors').expect(200);
    for (let i = 0; i < 2; i++) await as(api, 'admin').get('/v1/actors/COL').expect(200);
    await as(api, 'admin').get('/v1/relations/COL/USA').expect(429);
  });
});
