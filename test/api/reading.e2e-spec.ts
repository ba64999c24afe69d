import { STORY_IDS } from '@entente/domain';
import { aStateChange } from '@entente/domain/testing';
import { API_KEYS_ENV, as } from '../support/api-client';
import { postStory } from '../support/story';
import { startTestApp, type TestApp } from '../support/test-app';

interface ChannelState {
  channel: string;
  status: string;
  since: string | null;
  approximate: boolean;
  conditions: string[];
  basis: string[];
}

describe('reading relations over HTTP, after the story is recorded', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    await postStory(api);
  });
  afterAll(() => api.dispose());

  const reader = () => as(api, 'reader');
  const channel = (body: { channels: ChannelState[] }, name: string) =>
    body.channels.find((c) => c.channel === name);

  describe('GET /v1/relations/{actor}/{target}', () => {
    it('given the story, when Colombia -> US is asked, then intelligence is suspended since the order of 11 November, with its condition', async () => {
      const { body } = await reader().get('/v1/relations/COL/USA').expect(200);
      expect(body).toMatchObject({
        actor: 'COL',
        target: 'USA',
        at: expect.any(String),
        knownAt: expect.any(String),
      });
      expect(channel(body, 'intelligence')).toMatchObject({
        status: 'suspended',
        since: '2025-11-11T00:00:00.000Z',
        approximate: false,
        conditions: ['as long as the missile attack on boats in the Caribbean continues'],
      });
      expect(channel(body, 'intelligence')!.basis).toHaveLength(1);
    });

    it('given the story, when the UK and the Netherlands -> US are asked, then both restricted intelligence', async () => {
      for (const actor of ['GBR', 'NLD']) {
        const { body } = await reader().get(`/v1/relations/${actor}/USA`).expect(200);
        expect(channel(body, 'intelligence')).toMatchObject({
          status: 'restricted',
          approximate: true,
        });
      }
    });

    it('given the story, when the Egmont Group -> Colombia is asked, then membership is suspended since 2024 (a year)', async () => {
      const { body } = await reader().get('/v1/relations/EGMONT/COL').expect(200);
      expect(channel(body, 'membership')).toMatchObject({
        status: 'suspended',
        since: '2024-01-01T00:00:00.000Z',
        approximate: true,
      });
      const before = await reader().get('/v1/relations/EGMONT/COL?at=2023').expect(200);
      expect(channel(before.body, 'membership')!.status).toBe('unknown');
    });

    it('given the story, when asked the day before the order, then Colombia -> US intelligence was still active', async () => {
      const { body } = await reader().get('/v1/relations/COL/USA?at=2025-11-10').expect(200);
      expect(body.at).toBe('2025-11-10T23:59:59.999Z');
      expect(channel(body, 'intelligence')!.status).toBe('active');
    });

    it('given the story, when asked as known before anything was recorded, then everything is unknown', async () => {
      const { body } = await reader().get('/v1/relations/COL/USA?knownAt=2020').expect(200);
      expect(body.channels.every((c: ChannelState) => c.status === 'unknown')).toBe(true);
    });

    it('given the reverse direction, when US -> Colombia is asked, then intelligence is not suspended', async () => {
      const { body } = await reader().get('/v1/relations/USA/COL').expect(200);
      expect(channel(body, 'intelligence')?.status ?? 'unknown').not.toBe('suspended');
    });

    it.each([
      ['at', '2017-13-45'],
      ['knownAt', 'yesterday'],
    ])('given a malformed %s, when asked, then 400 names it', async (field, value) => {
      const response = await reader().get(`/v1/relations/COL/USA?${field}=${value}`).expect(400);
      expect(response.body.errors[0].field).toBe(field);
    });

    it('given an unknown actor code, when asked, then 404 problem+json', async () => {
      const response = await reader().get('/v1/relations/ZZZ/USA').expect(404);
      expect(response.body.code).toBe('not-found');
    });

    it('given a pair with nothing recorded, when asked, then 200 with no channels', async () => {
      const { body } = await reader().get('/v1/relations/FRA/JPN').expect(200);
      expect(body.channels).toEqual([]);
    });
  });

  describe('GET /v1/relations/{actor}/{target}/timeline', () => {
    it('given the story, when the Colombia -> US timeline is asked, then intervals run in valid-time order, the last open', async () => {
      const { body } = await reader()
        .get('/v1/relations/COL/USA/timeline?channel=intelligence')
        .expect(200);
      expect(body.intervals.map((i: { status: string }) => i.status)).toEqual([
        'active',
        'suspended',
      ]);
      expect(body.intervals[0]).toMatchObject({
        channel: 'intelligence',
        from: '1990-01-01T00:00:00.000Z',
        to: '2025-11-11T00:00:00.000Z',
      });
      expect(body.intervals[1]).toMatchObject({
        from: '2025-11-11T00:00:00.000Z',
        to: null,
        eventId: expect.any(String),
      });
    });
  });

  describe('GET /v1/relations/{actor}/{target}/audit', () => {
    it('given the story, when the suspension is audited, then the steps name each event, its sources, who recorded it and when', async () => {
      const { body } = await reader()
        .get('/v1/relations/COL/USA/audit?channel=intelligence')
        .expect(200);
      expect(body.status).toBe('suspended');
      expect(body.steps.map((s: { statusAfter: string }) => s.statusAfter)).toEqual([
        'active',
        'suspended',
      ]);
      const order = body.steps[1];
      expect(order).toMatchObject({
        type: 'CooperationSuspended',
        recordedBy: 'newsdesk',
        recordedAt: expect.any(String),
        occurredAt: expect.objectContaining({ value: '2025-11-11', precision: 'day' }),
      });
      expect(order.sources[0]).toMatchObject({ kind: 'social-media-post' });
      expect(body.excluded).toEqual([]);
    });

    it('given no channel, when an audit is asked, then 400', async () => {
      const response = await reader().get('/v1/relations/COL/USA/audit').expect(400);
      expect(response.body.errors[0].field).toBe('channel');
    });
  });

  describe('late reports and retractions through the API', () => {
    it('given a late report and its retraction, when asked as known at each moment, then each answer keeps what was known then', async () => {
      const recorder = as(api, 'recorder');
      const late = await recorder
        .post(
          '/v1/events',
          aStateChange('CooperationRestricted', {
            actor: 'FRA',
            target: 'DEU',
            channel: 'intelligence',
            occurredAt: '2025-03',
          }),
        )
        .expect(201);
      const afterLate = late.body.recordedAt;
      const beforeLate = new Date(Date.parse(afterLate) - 1).toISOString();
      const at = '2025-06';
      const known = async (knownAt: string) =>
        channel(
          (
            await as(api, 'reader')
              .get(`/v1/relations/FRA/DEU?at=${at}&knownAt=${knownAt}`)
              .expect(200)
          ).body,
          'intelligence',
        )!.status;
      expect(await known(beforeLate)).toBe('unknown');
      expect(await known(afterLate)).toBe('restricted');

      const retraction = await recorder
        .post('/v1/events', {
          type: 'EventRetracted',
          retracts: late.body.eventId,
          reason: 'the source withdrew it',
        })
        .expect(201);
      expect(await known(afterLate)).toBe('restricted');
      expect(await known(retraction.body.recordedAt)).toBe('unknown');

      const audit = await reader()
        .get(`/v1/relations/FRA/DEU/audit?channel=intelligence`)
        .expect(200);
      expect(audit.body.excluded).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ eventId: late.body.eventId, reason: 'retracted' }),
        ]),
      );
    });
  });

  describe('actors', () => {
    it('given the story, when actors are listed, then ISO governments and the registered bodies and people appear', async () => {
      const { body } = await reader().get('/v1/actors').expect(200);
      const codes = body.actors.map((a: { code: string }) => a.code);
      expect(codes).toEqual(expect.arrayContaining(['COL', 'USA', 'GBR', 'NLD', 'EGMONT']));
      expect(
        body.actors.filter((a: { kind: string }) => a.kind === 'government').length,
      ).toBeGreaterThanOrEqual(249);
      expect(body.actors.find((a: { code: string }) => a.code === 'EGMONT')).toMatchObject({
        registered: true,
        recordedBy: 'newsdesk',
      });
    });

    it('given a registered code, when registered again, then 409 naming the actor; an ISO code too', async () => {
      const again = await as(api, 'recorder')
        .post('/v1/actors', { code: 'EGMONT', name: 'Again', kind: 'organization' })
        .expect(409);
      expect(again.body).toMatchObject({ code: 'conflict', actor: 'EGMONT' });
      const iso = await as(api, 'recorder')
        .post('/v1/actors', { code: 'COL', name: 'Colombia', kind: 'government' })
        .expect(409);
      expect(iso.body).toMatchObject({ code: 'conflict', actor: 'COL' });
    });

    it('given a bad registration, when posted, then 400 names each field', async () => {
      const response = await as(api, 'recorder')
        .post('/v1/actors', { code: 'lower case', name: '', kind: 'club' })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['kind']),
      );
    });

    it("given the story, when Colombia's relations are asked, then every pair involving it comes with its state", async () => {
      const { body } = await reader().get('/v1/actors/COL/relations').expect(200);
      expect(body.relations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor: 'COL',
            target: 'USA',
            channel: 'intelligence',
            status: 'suspended',
          }),
          expect.objectContaining({
            actor: 'EGMONT',
            target: 'COL',
            channel: 'membership',
            status: 'suspended',
          }),
        ]),
      );
    });

    it('given an unknown code, when its relations are asked, then 404', async () => {
      await reader().get('/v1/actors/NOBODY-HERE/relations').expect(404);
    });
  });

  describe('events', () => {
    it('given the story, when events are paged by actor, then pages follow position with a cursor', async () => {
      const first = await reader().get('/v1/events?actor=COL&limit=2').expect(200);
      expect(first.body.events).toHaveLength(2);
      expect(first.body.next).toBe(first.body.events[1].position);
      const second = await reader()
        .get(`/v1/events?actor=COL&limit=2&after=${first.body.next}`)
        .expect(200);
      expect(second.body.events[0].position).toBeGreaterThan(first.body.next);
    });

    it.each(['actor=COL', 'target=USA', 'involving=COL', 'actor=COL&target=USA'])(
      'given the story, when every page of %s is read, then together they are the whole list, each event once and in position order',
      async (filter) => {
        const whole = await reader().get(`/v1/events?${filter}&limit=500`).expect(200);
        const positions = (page: { events: { position: number }[] }) =>
          page.events.map((event) => event.position);
        const paged: number[] = [];
        for (let after = 0; ;) {
          const { body } = await reader()
            .get(`/v1/events?${filter}&limit=2&after=${after}`)
            .expect(200);
          paged.push(...positions(body));
          if (body.next === null) break;
          after = body.next;
        }
        expect(whole.body.events.length).toBeGreaterThan(2);
        expect(paged).toEqual(positions(whole.body));
        expect([...paged].sort((a, b) => a - b)).toEqual([...new Set(paged)]);
      },
    );

    it('given the story, when filtered by pair, channel and type, then only those events come back', async () => {
      const { body } = await reader()
        .get('/v1/events?actor=COL&target=USA&channel=intelligence&type=CooperationSuspended')
        .expect(200);
      expect(body.events.map((e: { eventId: string }) => e.eventId)).toEqual([
        STORY_IDS.petroSuspendsIntelligence,
      ]);
      expect(body.events).toHaveLength(1);
    });

    it('given an unknown id, when asked, then 404', async () => {
      await reader().get('/v1/events/00000000-0000-4000-8000-000000000000').expect(404);
    });

    it('given a bad limit, when listed, then 400', async () => {
      await reader().get('/v1/events?limit=0').expect(400);
    });
  });
});
