import { aStateChange } from '@entente/domain/testing';
import { Writable } from 'node:stream';
import request from 'supertest';
import { PinoLoggerService } from '../../apps/api/src/logging/pino-logger.service';
import { API_KEYS_ENV, KEYS, as } from '../support/api-client';
import { SseClient } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** The value of one sample of the Prometheus text format, e.g. `name{a="b"}`; undefined if absent. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics and request logs', () => {
  let api: TestApp;
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });

  beforeAll(async () => {
    api = await startTestApp(
      { API_KEYS: API_KEYS_ENV, LOG_LEVEL: 'info' },
      undefined,
      new PinoLoggerService('info', destination),
    );
  });
  afterAll(() => api.dispose());

  const scrape = async () => {
    const response = await as(api, 'reader').get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };

  it('given facts recorded, reads and a refused request, when scraped, then appends, their latency, requests by route and status, read-model positions and lag are there', async () => {
    for (let i = 0; i < 3; i++) {
      await as(api, 'recorder')
        .post('/v1/events', aStateChange('CooperationSuspended', { channel: `m${i}` }))
        .expect(201);
    }
    await as(api, 'reader').get('/v1/relations/COL/USA').expect(200);
    await as(api, 'reader').get('/v1/relations/COL/USA').expect(200);
    await as(api, 'reader').get('/v1/relations/COL/NOPE-X').expect(404);
    await request(api.url).get('/v1/events').expect(401);
    const text = await scrape();

    expect(sample(text, 'entente_appends_total', { outcome: 'ok' })).toBe(3);
    expect(sample(text, 'entente_appended_events_total')).toBe(3);
    expect(sample(text, 'entente_append_duration_seconds_count')).toBe(3);
    const relations = { method: 'GET', route: '/v1/relations/:actor/:target' };
    expect(sample(text, 'entente_http_requests_total', { ...relations, status: '200' })).toBe(2);
    expect(sample(text, 'entente_http_requests_total', { ...relations, status: '404' })).toBe(1);
    expect(
      sample(text, 'entente_http_requests_total', {
        method: 'POST',
        route: '/v1/events',
        status: '201',
      }),
    ).toBe(3);
    expect(
      sample(text, 'entente_http_requests_total', { route: '/v1/events', status: '401' }),
    ).toBe(1);
    expect(
      sample(text, 'entente_http_request_duration_seconds_count', { ...relations, status: '200' }),
    ).toBe(2);
    expect(sample(text, 'entente_store_head_position')).toBe(3);
    for (const readModel of ['relation-timeline', 'event-index', 'actor-registry']) {
      expect(sample(text, 'entente_read_model_position', { read_model: readModel })).toBe(3);
      expect(sample(text, 'entente_read_model_lag', { read_model: readModel })).toBe(0);
      expect(sample(text, 'entente_read_model_generation', { read_model: readModel })).toBe(1);
    }
    expect(sample(text, 'entente_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('given a live follower, when scraped, then it is counted; when it leaves, then no longer', async () => {
    const client = await SseClient.connect(`${api.url}/v1/live`, {
      Authorization: `Bearer ${KEYS.reader}`,
    });
    expect(sample(await scrape(), 'entente_live_followers')).toBe(1);
    client.close();
    for (let i = 0; i < 100 && sample(await scrape(), 'entente_live_followers') !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sample(await scrape(), 'entente_live_followers')).toBe(0);
  });

  it('given a rebuild asked, when it has swapped in, then it is counted started and completed, and the generation moved', async () => {
    await as(api, 'admin').post('/v1/admin/projections/relation-timeline/rebuild').expect(202);
    const timeline = { read_model: 'relation-timeline' };
    let text = await scrape();
    for (let i = 0; i < 200 && sample(text, 'entente_read_model_generation', timeline) !== 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      text = await scrape();
    }
    text = await scrape();
    expect(
      sample(text, 'entente_read_model_rebuilds_total', { ...timeline, outcome: 'started' }),
    ).toBe(1);
    expect(
      sample(text, 'entente_read_model_rebuilds_total', { ...timeline, outcome: 'completed' }),
    ).toBe(1);
    expect(sample(text, 'entente_read_model_generation', timeline)).toBe(2);
    expect(sample(text, 'entente_read_model_rebuilding', timeline)).toBe(0);
  });

  it('given requests, when they end, then each is logged at info with method, route, status, duration and principal, and no key appears in any log line', async () => {
    await as(api, 'reader').get('/v1/relations/COL/USA?at=2025').expect(200);
    await request(api.url).get('/v1/actors').set('Authorization', 'Bearer wrong-0123456789abcdef');
    const requests = lines.filter((l) => l.route !== undefined);
    expect(requests).toContainEqual(
      expect.objectContaining({
        level: 30,
        method: 'GET',
        route: '/v1/relations/:actor/:target',
        status: '200',
        durationMs: expect.any(Number),
        principal: 'reader',
      }),
    );
    expect(requests).toContainEqual(
      expect.objectContaining({ route: '/v1/actors', status: '401', principal: null }),
    );
    expect(requests).toContainEqual(
      expect.objectContaining({ method: 'POST', route: '/v1/events', principal: 'newsdesk' }),
    );
    const all = JSON.stringify(lines);
    for (const key of [...Object.values(KEYS), 'wrong-0123456789abcdef']) {
      expect(all).not.toContain(key);
    }
  });

  it('given no key, when /metrics is asked, then 401: figures are for key holders', async () => {
    await request(api.url).get('/metrics').expect(401);
  });
});
