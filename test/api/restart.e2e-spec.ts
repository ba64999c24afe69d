import { aStateChange } from '@entente/domain/testing';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { API_KEYS_ENV, KEYS, as } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { postStory } from '../support/story';

const QUERIES = [
  '/v1/relations/COL/USA?at=2025-11-12&knownAt=2030',
  '/v1/relations/COL/USA?at=2025-11-10&knownAt=2030',
  '/v1/relations/EGMONT/COL?at=2025&knownAt=2030',
  '/v1/relations/GBR/USA?at=2025-11-12&knownAt=2030',
  '/v1/relations/FRA/DEU?at=2025-06&knownAt=2030',
  '/v1/relations/COL/USA/timeline?knownAt=2030',
  '/v1/relations/FRA/DEU/timeline?knownAt=2030',
  '/v1/relations/COL/USA/audit?channel=intelligence&at=2026&knownAt=2030',
  '/v1/relations/FRA/DEU/audit?channel=intelligence&at=2026&knownAt=2030',
  '/v1/actors/COL/relations?at=2026&knownAt=2030',
  '/v1/actors',
  '/v1/events?limit=1000',
];

describe('a restart over the same data directory', () => {
  let api: TestApp | undefined;
  afterEach(() => api?.dispose());

  it('given the story, a late report and a retraction, when the server restarts, then every answer is exactly as before', async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    await postStory(api);
    const late = await as(api, 'recorder')
      .post(
        '/v1/events',
        aStateChange('CooperationRestricted', {
          actor: 'FRA',
          target: 'DEU',
          occurredAt: '2025-03',
        }),
      )
      .expect(201);
    await as(api, 'recorder')
      .post('/v1/events', {
        type: 'EventRetracted',
        retracts: late.body.eventId,
        reason: 'withdrawn',
      })
      .expect(201);
    await as(api, 'recorder')
      .post(
        '/v1/events',
        aStateChange('CooperationSuspended', {
          actor: 'FRA',
          target: 'DEU',
          occurredAt: '2025-05-01',
        }),
      )
      .expect(201);
    const answers = async (app: TestApp) => {
      const bodies = [];
      for (const query of QUERIES)
        bodies.push((await as(app, 'reader').get(query).expect(200)).body);
      return bodies;
    };
    const before = await answers(api);

    await api.close();
    api = await startTestApp({ API_KEYS: API_KEYS_ENV }, api.dataDir);
    expect(await answers(api)).toEqual(before);
    const health = await as(api, 'reader').get('/health').expect(200);
    expect(health.body.details.projections.readModels['relation-timeline']).toMatchObject({
      state: 'live',
      lag: 0,
    });
  });
});

describe('graceful shutdown', () => {
  let api: TestApp | undefined;
  afterEach(() => api?.dispose());

  /** A POST whose body is sent in two halves, so that it is surely in flight when the server is told to stop. */
  function postInTwoHalves(app: TestApp, body: object) {
    const payload = JSON.stringify(body);
    const { port } = new URL(app.url);
    let sendRest: () => void = () => undefined;
    const response = new Promise<{ status: number; body: { eventId: string } }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: Number(port),
            method: 'POST',
            path: '/v1/events',
            headers: {
              Authorization: `Bearer ${KEYS.recorder}`,
              'Content-Type': 'application/json',
              'Content-Length': Buffer.byteLength(payload),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.write(payload.slice(0, 20));
        sendRest = () => req.end(payload.slice(20));
      },
    );
    return { response, sendRest: () => sendRest() };
  }

  it('given a request in flight, when the server shuts down, then it is answered; new connections are refused; after a restart the fact is there', async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    const inFlight = postInTwoHalves(
      api,
      aStateChange('CooperationSuspended', { channel: 'shutdown' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = api.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(request(api.url).get('/health')).rejects.toThrow();
    inFlight.sendRest();
    const answered = await inFlight.response;
    await closing;
    expect(answered.status).toBe(201);

    api = await startTestApp({ API_KEYS: API_KEYS_ENV }, api.dataDir);
    await as(api, 'reader').get(`/v1/events/${answered.body.eventId}`).expect(200);
    const health = await as(api, 'reader').get('/health').expect(200);
    for (const model of Object.values(health.body.details.projections.readModels)) {
      expect(model).toMatchObject({ lag: 0 });
    }
  });
});
