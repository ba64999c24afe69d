import { LIMITS } from '@entente/domain';
import { aStateChange, aStatement } from '@entente/domain/testing';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { ConfigurationError } from '../../apps/api/src/config/app-config';
import { API_KEYS_ENV, as, KEYS } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

const fieldsOf = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);

describe('validation that says everything once', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV })));
  afterAll(() => api.dispose());
  const recorder = () => as(api, 'recorder');

  it('given a body with five bad fields, shape and meaning, when posted, then one answer names all five', async () => {
    const body = aStateChange('CooperationSuspended', {
      occurredAt: '2017-13-45',
      channel: 'Intelligence',
      targets: ['USA'],
      sources: [{ kind: 'rumour', outlet: 'X' }],
      actor: 'QQQ',
    });
    const response = await recorder().post('/v1/events', body).expect(400);

    expect(fieldsOf(response.body)).toEqual(
      expect.arrayContaining(['sources[0].kind', 'actor', 'targets', 'occurredAt', 'channel']),
    );
  });

  it('given a batch with shape and meaning issues in two items, when posted, then both items are named in one answer', async () => {
    const response = await recorder()
      .post('/v1/events/batch', {
        events: [
          aStateChange('CooperationSuspended', { summary: 7 as unknown as string }),
          aStateChange('CooperationSuspended', { occurredAt: 'yesterday' }),
        ],
      })
      .expect(400);

    expect(fieldsOf(response.body)).toEqual(['events[0].summary', 'events[1].occurredAt']);
  });

  it('given a speaker as { code }, the form answers return, when posted, then it is accepted like the code itself', async () => {
    await recorder()
      .post('/v1/actors', {
        code: 'GUSTAVO-PETRO',
        name: 'Gustavo Petro',
        kind: 'person',
        affiliation: 'COL',
      })
      .expect(201);
    const posted = await recorder()
      .post('/v1/events', aStatement({ speaker: { code: 'GUSTAVO-PETRO' } as never }))
      .expect(201);

    const stored = await as(api, 'reader').get(`/v1/events/${posted.body.eventId}`).expect(200);
    expect(stored.body.data.speaker).toEqual({ code: 'GUSTAVO-PETRO' });
  });

  it("given a speaker's affiliation that names no actor, when posted, then it is refused as POST /v1/actors refuses it", async () => {
    for (const affiliation of ['nope lower', 'ICG']) {
      const response = await recorder()
        .post('/v1/events', aStatement({ speaker: { name: 'An analyst', affiliation } }))
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['speaker.affiliation']);
    }
  });

  it('given a body without Content-Type: application/json (plain curl -d), when posted, then 415 says how to send it', async () => {
    const response = await request(api.url)
      .post('/v1/events')
      .set('Authorization', `Bearer ${KEYS.recorder}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('{"type":"CooperationSuspended"}')
      .expect(415);

    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 415, code: 'unsupported-media-type' });
    expect(response.body.detail).toMatch(/Content-Type: application\/json/);
  });

  it('given an empty object, when posted, then the missing type is said to be missing, and nothing else about it', async () => {
    const response = await recorder().post('/v1/events', {}).expect(400);

    expect(response.body.errors).toEqual([{ field: 'type', message: 'type is required' }]);
  });

  it('given a speaker name of 900,000 characters, when posted, then 400: every stored string is bounded', async () => {
    const response = await recorder()
      .post('/v1/events', aStatement({ speaker: { name: 'x'.repeat(900_000) } }))
      .expect((r) => expect([400, 413]).toContain(r.status));
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);

    const near = await recorder()
      .post('/v1/events', aStatement({ speaker: { name: 'x'.repeat(LIMITS.text + 1) } }))
      .expect(400);
    expect(fieldsOf(near.body)).toEqual(['speaker']);
  });

  it('given the OpenAPI document, when its limits are read, then they are the ones enforced', async () => {
    const doc = (await request(api.url).get('/docs/openapi.json').expect(200)).body;
    const props = doc.components.schemas.RecordEventDto.properties;

    expect(props.summary.maxLength).toBe(LIMITS.summary);
    expect(props.channel.maxLength).toBe(LIMITS.channel);
    await recorder()
      .post(
        '/v1/events',
        aStateChange('CooperationSuspended', { summary: 's'.repeat(LIMITS.summary) }),
      )
      .expect(201);
    const over = await recorder()
      .post(
        '/v1/events',
        aStateChange('CooperationSuspended', { summary: 's'.repeat(LIMITS.summary + 1) }),
      )
      .expect(400);
    expect(fieldsOf(over.body)).toEqual(['summary']);
  });

  it('given an offset past the integers a page can start at, when a page or an export is asked, then the answer is a 400 problem naming offset', async () => {
    const huge = '9'.repeat(40);
    for (const path of [
      `/v1/changes?offset=${huge}`,
      `/v1/changes?offset=${huge}&format=csv`,
      `/v1/changes?offset=1e300&format=ndjson`,
      `/v1/relations/COL/USA/context?offset=${huge}`,
    ]) {
      const response = await as(api, 'reader').get(path).expect(400);

      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(response.body)).toEqual(['offset']);
    }
  });

  it('given a state answer and an audit, when read, then sinceOccurredAt and occurredAt have one shape: { value, precision, start }', async () => {
    await recorder()
      .post('/v1/events', aStateChange('CooperationSuspended', { occurredAt: '2025-11' }))
      .expect(201);
    const state = (await as(api, 'reader').get('/v1/relations/COL/USA').expect(200)).body;
    const audit = (
      await as(api, 'reader').get('/v1/relations/COL/USA/audit?channel=intelligence').expect(200)
    ).body;

    const since = state.channels.find((c: { channel: string }) => c.channel === 'intelligence');
    expect(since.sinceOccurredAt).toEqual({
      value: '2025-11',
      precision: 'month',
      start: '2025-11-01T00:00:00.000Z',
    });
    expect(audit.sinceOccurredAt).toEqual(since.sinceOccurredAt);
    expect(Object.keys(audit.steps[0].occurredAt).sort()).toEqual(['precision', 'start', 'value']);
  });
});

describe('configuration errors', () => {
  it('given a PORT out of range, when the app is made, then it fails with the configuration error alone', async () => {
    await expect(createApp({ env: { PORT: '99999' }, logger: false })).rejects.toThrow(
      ConfigurationError,
    );
  });
});
