import { aStateChange } from '@entente/domain/testing';
import { API_KEYS_ENV, as } from '../support/api-client';
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
