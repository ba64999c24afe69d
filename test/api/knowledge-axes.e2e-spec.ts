import { aStateChange } from '@entente/domain/testing';
import { randomUUID } from 'node:crypto';
import { API_KEYS_ENV, as } from '../support/api-client';
import { postStory } from '../support/story';
import { startTestApp, type TestApp } from '../support/test-app';

interface ChannelState {
  channel: string;
  status: string;
  since: string | null;
  basis: string[];
}

/**
 * The story is recorded on 2025-11-13; its sources date it: Petro's order was published on 2025-11-11,
 * the article that tells of the older cooperation in November 2025.
 */
describe('the report axis and curated evidence over HTTP (state and timeline)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    await postStory(api);
  });
  afterAll(() => api.dispose());

  const reader = () => as(api, 'reader');
  const intelligence = (body: { channels: ChannelState[] }) =>
    body.channels.find((c) => c.channel === 'intelligence');

  it('given the story, when Colombia -> US is asked as reported by 2025-11-10 and by 2025-11-12, then the suspension is unknown before it was published and known after', async () => {
    const before = await reader().get('/v1/relations/COL/USA?reportedBy=2025-11-10').expect(200);
    expect(before.body).toMatchObject({ reportedBy: '2025-11-10T23:59:59.999Z', evidence: 'all' });
    expect(intelligence(before.body)).toMatchObject({
      status: 'active',
      since: '1990-01-01T00:00:00.000Z',
    });

    const after = await reader().get('/v1/relations/COL/USA?reportedBy=2025-11-12').expect(200);
    expect(intelligence(after.body)).toMatchObject({
      status: 'suspended',
      since: '2025-11-11T00:00:00.000Z',
    });
    // As recorded here by 2025-11-12, nothing of the story was known yet: both axes hold together.
    const recordedBy = await reader()
      .get('/v1/relations/COL/USA?reportedBy=2025-11-12&knownAt=2025-11-12')
      .expect(200);
    expect(intelligence(recordedBy.body)).toMatchObject({ status: 'unknown', basis: [] });
  });

  it('given the story, when the timeline is asked as reported by 2025-11-10, then the cooperation runs on; by 2025-11-12, it ends where the suspension begins', async () => {
    const channel = 'channel=intelligence';
    const before = await reader()
      .get(`/v1/relations/COL/USA/timeline?${channel}&reportedBy=2025-11-10`)
      .expect(200);
    expect(before.body.intervals.map((i: { status: string }) => i.status)).toEqual(['active']);
    const after = await reader()
      .get(`/v1/relations/COL/USA/timeline?${channel}&reportedBy=2025-11-12`)
      .expect(200);
    expect(after.body).toMatchObject({ reportedBy: '2025-11-12T23:59:59.999Z' });
    expect(after.body.intervals).toMatchObject([
      { status: 'active', to: '2025-11-11T00:00:00.000Z' },
      { status: 'suspended', from: '2025-11-11T00:00:00.000Z', to: null },
    ]);
  });

  it('given a machine-coded report beside curated ones, when the state and timeline are asked with evidence=curated, then it is left out; without, it counts', async () => {
    const coded = aStateChange('CooperationResumed', {
      eventId: randomUUID(),
      actor: 'COL',
      target: 'USA',
      channel: 'intelligence',
      occurredAt: '2025-11-12',
      evidence: 'machine-coded',
      coding: { dataset: 'gdelt' },
    });
    await as(api, 'recorder').post('/v1/events', coded).expect(201);

    const all = await reader().get('/v1/relations/COL/USA').expect(200);
    expect(intelligence(all.body)).toMatchObject({ status: 'active', basis: [coded.eventId] });
    const curated = await reader().get('/v1/relations/COL/USA?evidence=curated').expect(200);
    expect(curated.body).toMatchObject({ evidence: 'curated' });
    expect(intelligence(curated.body)).toMatchObject({ status: 'suspended' });
    const timeline = await reader()
      .get('/v1/relations/COL/USA/timeline?channel=intelligence&evidence=curated')
      .expect(200);
    expect(timeline.body.intervals.at(-1)).toMatchObject({ status: 'suspended', to: null });
  });

  it('given a report date in no known form, when the state is asked, then it is a validation problem naming reportedBy', async () => {
    const response = await reader().get('/v1/relations/COL/USA?reportedBy=yesterday').expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reportedBy' })]);
  });
});
