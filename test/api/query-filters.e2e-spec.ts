import request from 'supertest';
import { API_KEYS_ENV, KEYS, as } from '../support/api-client';
import { postStory } from '../support/story';
import { startTestApp, type TestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('filters that name nothing', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    await postStory(api);
  });
  afterAll(() => api.dispose());

  const reader = () => as(api, 'reader');

  describe('a 400 naming the parameter', () => {
    it.each([
      ['/v1/events?type=Bogus', 'type', /Bogus is not an event type/],
      ['/v1/events?type=CooperationSuspended,Bogus', 'type', /Bogus is not an event type/],
      ['/v1/events?actor=col', 'actor', /actor code/],
      ['/v1/events?actor=COLL', 'actor', /COLL names no known actor/],
      ['/v1/events?target=NOPE-X', 'target', /NOPE-X names no known actor/],
      ['/v1/events?involving=ZZZ', 'involving', /ZZZ names no known actor/],
      ['/v1/events?channel=Not%20A%20Slug', 'channel', /lowercase slug/],
      ['/v1/relations/COL/USA/timeline?channel=NOPE!', 'channel', /lowercase slug/],
      ['/v1/relations/COL/USA/audit?channel=Nope', 'channel', /lowercase slug/],
    ])('given %s, when asked, then 400 naming %s', async (path, field, message) => {
      const response = await reader().get(path).expect(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it.each([
      ['?type=Bogus', 'type'],
      ['?type=relation,Bogus', 'type'],
      ['?actor=COLL', 'actor'],
      ['?target=col', 'target'],
      ['?channel=NOPE', 'channel'],
    ])(
      'given /v1/live%s, when connecting, then 400 naming %s, not a stream',
      async (query, field) => {
        const response = await request(api.url)
          .get(`/v1/live${query}`)
          .set('Authorization', `Bearer ${KEYS.reader}`)
          .expect(400);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
      },
    );
  });

  describe('filters that name something', () => {
    it('given known types, a registered actor and relation, when asked, then 200', async () => {
      await reader().get('/v1/events?type=CooperationSuspended,ActorRegistered').expect(200);
      await reader().get('/v1/events?involving=EGMONT&actor=COL').expect(200);
    });
  });

  describe('a well-formed channel nothing is recorded on: fine, and the answer says so', () => {
    it('given the timeline of a channel with nothing recorded, when asked, then 200, no intervals and a note naming the channel', async () => {
      const { body } = await reader()
        .get('/v1/relations/COL/USA/timeline?channel=nope')
        .expect(200);
      expect(body.intervals).toEqual([]);
      expect(body.note).toMatch(/nothing is recorded on channel nope for COL -> USA/);
    });

    it('given the audit of such a channel, when asked, then 200 with the same note', async () => {
      const { body } = await reader().get('/v1/relations/COL/USA/audit?channel=nope').expect(200);
      expect(body.note).toMatch(/nothing is recorded on channel nope for COL -> USA/);
    });

    it('given a channel something is recorded on, when its timeline is asked, then no note', async () => {
      const { body } = await reader()
        .get('/v1/relations/COL/USA/timeline?channel=intelligence')
        .expect(200);
      expect(body.intervals.length).toBeGreaterThan(0);
      expect(body.note).toBeUndefined();
    });

    it('given events filtered on such a channel, when asked, then an empty page that says no recorded event matches', async () => {
      const { body } = await reader().get('/v1/events?channel=nope').expect(200);
      expect(body).toEqual({
        events: [],
        next: null,
        note: 'no recorded event matches these filters',
      });
    });
  });

  describe('a pair with nothing recorded', () => {
    it('given two governments never recorded together, when their relation is asked, then no channels and a note that nothing is recorded for the pair', async () => {
      const { body } = await reader().get('/v1/relations/FRA/JPN').expect(200);
      expect(body.channels).toEqual([]);
      expect(body.note).toBe(
        'nothing is recorded for FRA -> JPN; record a fact with POST /v1/events',
      );
    });

    it('given a pair with facts, when asked, then no note', async () => {
      const { body } = await reader().get('/v1/relations/COL/USA').expect(200);
      expect(body.note).toBeUndefined();
    });
  });
});
