import { aStateChange } from '@entente/domain/testing';
import { EventStoreDbDouble } from '../eventstoredb-double';
import { API_KEYS_ENV, KEYS, as } from '../support/api-client';
import { SseClient } from '../support/sse-client';
import { postStory } from '../support/story';
import { startTestApp, type TestApp } from '../support/test-app';

/** Questions whose answers do not depend on the store's positions, which differ between stores. */
const QUERIES = [
  '/v1/relations/COL/USA?at=2025-11-12&knownAt=2030',
  '/v1/relations/COL/USA?at=2025-11-10&knownAt=2030',
  '/v1/relations/EGMONT/COL?at=2025&knownAt=2030',
  '/v1/relations/GBR/USA?at=2025-11-12&knownAt=2030',
  '/v1/relations/NLD/USA?at=2025-11-12&knownAt=2030',
  '/v1/relations/USA/COL?at=2025-11-12&knownAt=2030',
  '/v1/relations/COL/USA/timeline?knownAt=2030',
  '/v1/actors/COL/relations?at=2026&knownAt=2030',
  '/v1/actors',
];

/**
 * Record times differ between two runs, and so do the ids the server gives registrations (the story's
 * facts bring their own); everything else must not.
 */
function withoutRunSpecifics(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key, inner: unknown) {
      if (key === 'recordedAt') return '<recorded-at>';
      if (key === 'eventId' && 'code' in this) return '<registration>';
      return inner;
    }),
  );
}

async function answers(api: TestApp): Promise<unknown[]> {
  const bodies = [];
  for (const query of QUERIES) bodies.push((await as(api, 'reader').get(query).expect(200)).body);
  return bodies.map(withoutRunSpecifics);
}

describe('the API on EventStoreDB (over gRPC, on the in-repo double)', () => {
  let double: EventStoreDbDouble;
  let onEventStoreDb: TestApp;
  let embedded: TestApp;

  beforeAll(async () => {
    double = await EventStoreDbDouble.start();
    onEventStoreDb = await startTestApp({
      API_KEYS: API_KEYS_ENV,
      EVENTSTORE_CONNECTION_STRING: double.connectionString,
    });
    embedded = await startTestApp({ API_KEYS: API_KEYS_ENV });
    await postStory(onEventStoreDb);
    await postStory(embedded);
  });
  afterAll(async () => {
    await onEventStoreDb.dispose();
    await embedded.dispose();
    await double.stop();
  });

  it('given the story recorded through each, when the same questions are asked, then EventStoreDB and the embedded store give the same answers', async () => {
    const health = await as(onEventStoreDb, 'reader').get('/health').expect(200);
    expect(health.body.details.eventStore).toMatchObject({
      kind: 'eventstoredb',
      connection: 'connected',
    });
    expect(await answers(onEventStoreDb)).toEqual(await answers(embedded));
  });

  it('given a live follower on EventStoreDB, when a fact is recorded, then its event and relation messages arrive', async () => {
    const client = await SseClient.connect(`${onEventStoreDb.url}/v1/live`, {
      Authorization: `Bearer ${KEYS.reader}`,
    });
    try {
      const recorded = await as(onEventStoreDb, 'recorder')
        .post('/v1/events', aStateChange('CooperationResumed', { occurredAt: '2025-12-01' }))
        .expect(201);
      await client.waitFor((m) => m.some((x) => x.event === 'relation'));
      expect(client.messages.map((m) => [m.event, m.id])).toEqual([
        ['event', `${recorded.body.position}.0`],
        ['relation', `${recorded.body.position}.1`],
      ]);
      expect(client.messages[1].data).toMatchObject({
        current: { status: 'active', since: '2025-12-01T00:00:00.000Z' },
      });
    } finally {
      client.close();
    }
  });

  it('given a retraction on EventStoreDB, when asked before and after it was recorded, then each answer holds', async () => {
    const fact = await as(onEventStoreDb, 'recorder')
      .post(
        '/v1/events',
        aStateChange('CooperationSuspended', {
          actor: 'FRA',
          target: 'DEU',
          occurredAt: '2025-02',
        }),
      )
      .expect(201);
    const retraction = await as(onEventStoreDb, 'recorder')
      .post('/v1/events', {
        type: 'EventRetracted',
        retracts: fact.body.eventId,
        reason: 'withdrawn',
      })
      .expect(201);
    const status = async (knownAt: string) =>
      (
        await as(onEventStoreDb, 'reader')
          .get(`/v1/relations/FRA/DEU?at=2025-06&knownAt=${knownAt}`)
          .expect(200)
      ).body.channels[0].status;
    expect(await status(fact.body.recordedAt)).toBe('suspended');
    expect(await status(retraction.body.recordedAt)).toBe('unknown');
  });
});

describe('health while EventStoreDB is unavailable', () => {
  it('given the server answers UNAVAILABLE, when health is asked, then the store shows as reconnecting; after it recovers, as connected', async () => {
    const double = await EventStoreDbDouble.start();
    const api = await startTestApp({
      API_KEYS: API_KEYS_ENV,
      EVENTSTORE_CONNECTION_STRING: double.connectionString,
    });
    try {
      await as(api, 'recorder')
        .post('/v1/events', aStateChange('CooperationSuspended'))
        .expect(201);
      double.faults.unavailable();
      const during = async () => {
        const { body } = await as(api, 'reader').get('/health');
        return body.details.eventStore;
      };
      let seen = await during();
      for (let i = 0; i < 100 && seen.connection !== 'reconnecting'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        seen = await during();
      }
      expect(seen).toMatchObject({ kind: 'eventstoredb', connection: 'reconnecting' });
      double.faults.recover();
      for (let i = 0; i < 200 && seen.connection !== 'connected'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        seen = await during();
      }
      expect(seen).toMatchObject({ connection: 'connected', status: 'up' });
    } finally {
      await api.dispose();
      await double.stop();
    }
  }, 30_000);
});
