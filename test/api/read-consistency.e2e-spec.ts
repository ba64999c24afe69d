import { ManualClock } from '@entente/common';
import type { ReportData } from '@entente/domain';
import { aStateChange, replay } from '@entente/domain/testing';
import { SqliteEventStore } from '@entente/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_KEYS_ENV, as } from '../support/api-client';
import { appendFacts } from '../support/projection-harness';
import { startTestApp, type TestApp } from '../support/test-app';

describe('reads wait only for the read models they read', () => {
  let api: TestApp;
  afterEach(() => api?.dispose());

  it('given a timeline stopped on an event it cannot place, when a fact is recorded, then its event is read at once while a relation answers 503 naming the timeline', async () => {
    // A state change without a valid time, in the store behind the domain's back: the timeline stops there.
    const dataDir = mkdtempSync(join(tmpdir(), 'entente-e2e-'));
    const [broken] = replay([
      {
        command: { record: aStateChange('CooperationSuspended') },
        recordedAt: '2025-11-12T00:00:00.000Z',
      },
    ]);
    const { occurredAt: _dropped, ...data } = broken.data as ReportData;
    const clock = new ManualClock();
    const store = SqliteEventStore.open({ file: join(dataDir, 'entente.db'), clock });
    await appendFacts(store, clock, [{ ...broken, data }]);
    await store.close();

    api = await startTestApp({ API_KEYS: API_KEYS_ENV }, dataDir);
    const recorded = await as(api, 'recorder')
      .post('/v1/events', aStateChange('CooperationSuspended', { occurredAt: '2025-11-13' }))
      .expect(201);

    const { body: event } = await as(api, 'reader')
      .get(`/v1/events/${recorded.body.eventId}`)
      .expect(200);
    expect(event).toMatchObject({ eventId: recorded.body.eventId });
    const relation = await as(api, 'reader').get('/v1/relations/COL/USA').expect(503);
    expect(relation.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(relation.body.detail).toMatch(/relation-timeline stopped at position 0/);
  });
});
