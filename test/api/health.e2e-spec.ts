import { EVENT_STORE, type EventStore } from '@entente/event-store';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { parseAppConfig, ConfigurationError } from '../../apps/api/src/config/app-config';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /health and the error format', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp()));
  afterAll(() => api.dispose());

  it('given a fresh data directory, when health is asked, then it answers 200 with the embedded store up', async () => {
    const response = await request(api.url).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.details.eventStore).toMatchObject({
      status: 'up',
      kind: 'embedded',
      head: 0,
    });
  });

  it('given an unknown route, when asked, then the answer is a 404 problem+json', async () => {
    const response = await request(api.url).get('/v1/nowhere').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 404,
      code: 'not-found',
      instance: '/v1/nowhere',
    });
  });

  it('given the OpenAPI route, when asked, then the document lists every route', async () => {
    const response = await request(api.url).get('/docs/openapi.json').expect(200);
    expect(Object.keys(response.body.paths).sort()).toEqual([
      '/health',
      '/metrics',
      '/v1/actors',
      '/v1/actors/{code}',
      '/v1/actors/{code}/relations',
      '/v1/admin/projections',
      '/v1/admin/projections/{name}/rebuild',
      '/v1/changes',
      '/v1/events',
      '/v1/events/batch',
      '/v1/events/{eventId}',
      '/v1/live',
      '/v1/relations/{actor}/{target}',
      '/v1/relations/{actor}/{target}/audit',
      '/v1/relations/{actor}/{target}/context',
      '/v1/relations/{actor}/{target}/diff',
      '/v1/relations/{actor}/{target}/series',
      '/v1/relations/{actor}/{target}/timeline',
      '/v1/series/top',
      '/v1/session',
    ]);
  });
});

describe('configuration', () => {
  it('given defaults only, when parsed, then the documented defaults apply', () => {
    const config = parseAppConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      eventStoreConnectionString: undefined,
      apiKeys: [],
      logLevel: 'info',
      sqliteDurability: 'full',
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.eventStoreFile).toMatch(/\/data\/entente\.db$/);
  });

  it('given several bad settings, when parsed, then one error names each of them', () => {
    let error: unknown;
    try {
      parseAppConfig({
        PORT: '99999',
        LOG_LEVEL: 'loud',
        SQLITE_DURABILITY: 'sometimes',
        EVENTSTORE_CONNECTION_STRING: 'http://nope',
        API_KEYS: 'writer:abcdefghijklmnopq,reader:short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'SQLITE_DURABILITY', 'EVENTSTORE_CONNECTION_STRING']) {
      expect(problems).toContain(name);
    }
    expect(problems).toContain('writer:***');
    expect(problems).toContain('reader:reader must be at least 16 characters');
    expect(problems).not.toContain('abcdefghijklmnopq');
  });

  it('given CORS_ORIGINS with a wildcard or a path, when parsed, then each is refused by name; exact origins are kept', () => {
    expect(() => parseAppConfig({ CORS_ORIGINS: '*, https://ok.example/path' })).toThrow(
      /CORS_ORIGINS: "\*" is not an origin[\s\S]*CORS_ORIGINS: "https:\/\/ok\.example\/path"/,
    );
    expect(
      parseAppConfig({ CORS_ORIGINS: 'https://newsroom.example, http://localhost:5173' })
        .corsOrigins,
    ).toEqual(['https://newsroom.example', 'http://localhost:5173']);
    expect(parseAppConfig({}).corsOrigins).toEqual([]);
  });

  it('given role:key and role:name:key entries, when parsed, then each key knows its role and principal', () => {
    const config = parseAppConfig({
      API_KEYS: 'reader:rrrrrrrrrrrrrrrr, recorder:newsdesk:cccccccccccccccc',
    });
    expect(config.apiKeys).toEqual([
      { role: 'reader', name: 'reader', key: 'rrrrrrrrrrrrrrrr' },
      { role: 'recorder', name: 'newsdesk', key: 'cccccccccccccccc' },
    ]);
  });
});

describe('GET /health when a read model cannot apply an event', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp()));
  afterAll(() => api.dispose());

  it('given an event the timeline cannot apply, when health is asked, then 503 names the event and the reason, and the other read models keep going', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    const broken = randomUUID();
    // Written past the API, which would have refused it: a state change with no valid time.
    await store.append(`report-${broken}`, [
      {
        eventId: broken,
        type: 'CooperationSuspended',
        schemaVersion: 2,
        data: { actors: ['COL'], targets: ['USA'], channel: 'intelligence' },
        metadata: { recordedBy: 'test', correlationId: broken },
      },
    ]);
    let response = await request(api.url).get('/health');
    for (let i = 0; i < 100 && response.status !== 503; i++) {
      await new Promise((r) => setTimeout(r, 20));
      response = await request(api.url).get('/health');
    }
    expect(response.status).toBe(503);
    const readModels = response.body.details.projections.readModels;
    expect(readModels['relation-timeline']).toMatchObject({
      state: 'failed',
      failure: {
        eventId: broken,
        type: 'CooperationSuspended',
        position: 1,
        reason: expect.any(String),
      },
    });
    expect(readModels['event-index']).toMatchObject({ state: 'live', position: 1 });
  });
});
