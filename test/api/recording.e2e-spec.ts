import { aStateChange } from '@entente/domain/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { API_KEYS_ENV, as } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('recording events over HTTP', () => {
  let api: TestApp;
  beforeAll(
    async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV, BODY_LIMIT_BYTES: '262144' })),
  );
  afterAll(() => api.dispose());

  const head = async () =>
    (await as(api, 'reader').get('/health')).body.details.eventStore.head as number;
  const recorder = () => as(api, 'recorder');

  describe('POST /v1/events', () => {
    it('given a valid suspension, when posted, then 201 answers its id, position and record time, and it reads back', async () => {
      const response = await recorder()
        .post('/v1/events', aStateChange('CooperationSuspended'))
        .expect(201);
      expect(response.body).toEqual({
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'CooperationSuspended',
        stream: `report-${response.body.eventId}`,
        position: expect.any(Number),
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        alreadyRecorded: false,
      });
      const stored = await as(api, 'reader').get(`/v1/events/${response.body.eventId}`).expect(200);
      expect(stored.body).toMatchObject({
        eventId: response.body.eventId,
        type: 'CooperationSuspended',
        recordedBy: 'newsdesk',
        position: response.body.position,
        data: { actors: ['COL'], targets: ['USA'], channel: 'intelligence' },
      });
    });

    it('given an eventId, when the same body is posted again, then the first answer comes back and nothing new is stored', async () => {
      const body = aStateChange('CooperationRestricted', {
        eventId: randomUUID(),
        channel: 'military',
      });
      const first = await recorder().post('/v1/events', body).expect(201);
      const before = await head();
      const again = await recorder().post('/v1/events', body).expect(201);
      expect(again.body).toEqual({ ...first.body, alreadyRecorded: true });
      expect(await head()).toBe(before);
    });

    it('given an eventId already used, when another body comes with it, then 409 and nothing is stored', async () => {
      const eventId = randomUUID();
      await recorder()
        .post('/v1/events', aStateChange('CooperationRestricted', { eventId }))
        .expect(201);
      const before = await head();
      const response = await recorder()
        .post('/v1/events', aStateChange('CooperationSuspended', { eventId }))
        .expect(409);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({ status: 409, code: 'conflict' });
      expect(await head()).toBe(before);
    });

    it.each([
      ['an unknown type', { type: 'CooperationImproved' }, 'type'],
      ['an unknown actor', { actor: 'XXX' }, 'actor'],
      ['an impossible date', { occurredAt: '2017-13-45' }, 'occurredAt'],
      ['a date in the future', { occurredAt: '2999-01-01' }, 'occurredAt'],
      ['a state change without a source', { sources: [] }, 'sources'],
      ['an unknown field', { mood: 'tense' }, 'mood'],
      ['a malformed source', { sources: [{ kind: 'rumour', outlet: 'X' }] }, 'sources[0].kind'],
      ['a non-UUID eventId', { eventId: 'abc' }, 'eventId'],
    ])(
      'given %s, when posted, then 400 problem+json names the field and nothing is stored',
      async (_, overrides, field) => {
        const before = await head();
        const response = await recorder()
          .post('/v1/events', aStateChange('CooperationSuspended', overrides as object))
          .expect(400);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        expect(response.body).toMatchObject({ status: 400, code: 'validation' });
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        expect(await head()).toBe(before);
      },
    );

    it('given several bad fields, when posted, then each is named at once', async () => {
      const response = await recorder()
        .post(
          '/v1/events',
          aStateChange('CooperationSuspended', {
            actor: 'XXX',
            occurredAt: '2017-13-45',
            sources: [],
          }),
        )
        .expect(400);
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['actor', 'occurredAt', 'sources']));
    });

    it('given a body over the size limit, when posted, then 413 problem+json and nothing is stored', async () => {
      const before = await head();
      const response = await recorder()
        .post('/v1/events', aStateChange('CooperationSuspended', { summary: 'x'.repeat(300_000) }))
        .expect(413);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({ status: 413, code: 'payload-too-large' });
      expect(await head()).toBe(before);
    });

    it('given malformed JSON, when posted, then 400 problem+json', async () => {
      const response = await request(api.url)
        .post('/v1/events')
        .set('Authorization', 'Bearer recorder-key-0123456789abcdef')
        .set('Content-Type', 'application/json')
        .send('{"type": ')
        .expect(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    });

    it('given a client correlation id, when posted, then it is kept in the metadata', async () => {
      const response = await recorder()
        .post('/v1/events', aStateChange('CooperationSuspended', { channel: 'visa-services' }))
        .set('X-Correlation-Id', 'desk-42')
        .expect(201);
      const stored = await as(api, 'reader').get(`/v1/events/${response.body.eventId}`).expect(200);
      expect(stored.body.correlationId).toBe('desk-42');
    });
  });

  describe('POST /v1/events/batch', () => {
    it('given three valid facts, when posted, then all are stored in order in one stream', async () => {
      const events = ['military', 'trade', 'diplomatic'].map((channel) =>
        aStateChange('CooperationSuspended', { channel, eventId: randomUUID() }),
      );
      const response = await recorder().post('/v1/events/batch', { events }).expect(201);
      expect(response.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(
        events.map((e) => e.eventId),
      );
      const positions = response.body.events.map((e: { position: number }) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(response.body.events.map((e: { stream: string }) => e.stream)).size).toBe(1);
      const again = await recorder().post('/v1/events/batch', { events }).expect(201);
      expect(again.body).toEqual({
        events: response.body.events.map((e: object) => ({ ...e, alreadyRecorded: true })),
      });
    });

    it('given one bad fact among three, when posted, then 400 names it by index and none is stored', async () => {
      const before = await head();
      const events = [
        aStateChange('CooperationSuspended'),
        aStateChange('CooperationSuspended', { occurredAt: '2017-13-45' }),
        aStateChange('CooperationSuspended'),
      ];
      const response = await recorder().post('/v1/events/batch', { events }).expect(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'events[1].occurredAt' }),
      ]);
      expect(await head()).toBe(before);
    });

    it('given 501 facts, when posted, then 400 and none is stored', async () => {
      const before = await head();
      const events = Array.from({ length: 501 }, () => aStateChange('CooperationSuspended'));
      const response = await recorder().post('/v1/events/batch', { events }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('events');
      expect(await head()).toBe(before);
    });

    it('given a retraction in a batch, when posted, then 400: amendments go one at a time', async () => {
      const response = await recorder()
        .post('/v1/events/batch', {
          events: [{ type: 'EventRetracted', retracts: randomUUID(), reason: 'r' }],
        })
        .expect(400);
      expect(response.body.errors[0].field).toBe('events[0].type');
    });
  });

  describe('amendments', () => {
    it('given a recorded fact, when it is retracted, then the retraction is stored on its report and a second one is a conflict', async () => {
      const fact = await recorder()
        .post('/v1/events', aStateChange('CooperationSuspended', { channel: 'energy' }))
        .expect(201);
      const retraction = await recorder()
        .post('/v1/events', {
          type: 'EventRetracted',
          retracts: fact.body.eventId,
          reason: 'the report was wrong',
        })
        .expect(201);
      expect(retraction.body.stream).toBe(fact.body.stream);
      const again = await recorder()
        .post('/v1/events', {
          type: 'EventRetracted',
          retracts: fact.body.eventId,
          reason: 'again',
        })
        .expect(409);
      expect(again.body.code).toBe('conflict');
      const stored = await as(api, 'reader').get(`/v1/events/${fact.body.eventId}`).expect(200);
      expect(stored.body.amendments.map((a: { eventId: string }) => a.eventId)).toEqual([
        retraction.body.eventId,
      ]);
    });

    it('given a fact recorded in a batch, when it is corrected, then the correction lands on the batch stream', async () => {
      const batch = await recorder()
        .post('/v1/events/batch', {
          events: [
            aStateChange('CooperationSuspended', { channel: 'fisheries' }),
            aStateChange('CooperationSuspended', { channel: 'ports' }),
          ],
        })
        .expect(201);
      const [first] = batch.body.events;
      const correction = await recorder()
        .post('/v1/events', {
          type: 'EventCorrected',
          corrects: first.eventId,
          reason: 'it was a restriction',
          replacementType: 'CooperationRestricted',
        })
        .expect(201);
      expect(correction.body.stream).toBe(first.stream);
      const state = await as(api, 'reader').get('/v1/relations/COL/USA').expect(200);
      const fisheries = state.body.channels.find(
        (c: { channel: string }) => c.channel === 'fisheries',
      );
      expect(fisheries.status).toBe('restricted');
    });

    it('given no such event, when a retraction names it, then 404 problem+json', async () => {
      const response = await recorder()
        .post('/v1/events', { type: 'EventRetracted', retracts: randomUUID(), reason: 'r' })
        .expect(404);
      expect(response.body.code).toBe('not-found');
    });

    it('given a retraction, when someone tries to retract the retraction, then 400', async () => {
      const fact = await recorder()
        .post('/v1/events', aStateChange('CooperationSuspended', { channel: 'science' }))
        .expect(201);
      const retraction = await recorder()
        .post('/v1/events', {
          type: 'EventRetracted',
          retracts: fact.body.eventId,
          reason: 'wrong',
        })
        .expect(201);
      const response = await recorder()
        .post('/v1/events', {
          type: 'EventRetracted',
          retracts: retraction.body.eventId,
          reason: 'meta',
        })
        .expect(400);
      expect(response.body.errors[0].field).toBe('retracts');
    });
  });
});
