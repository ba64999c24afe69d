import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbDouble } from '../eventstoredb-double';
import { API_KEYS_ENV, as } from '../support/api-client';
import { runCli, summaryOf } from '../support/cli';
import { GDELT_V2_SAMPLE } from '../support/import-fixtures';
import { startTestApp } from '../support/test-app';

// The command runs in processes of its own (a few seconds each on loaded cores).
jest.setTimeout(180_000);

describe('importing into EventStoreDB (over gRPC, the in-repo double)', () => {
  let double: EventStoreDbDouble;
  const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'entente-esdb-import-')));
  beforeAll(async () => {
    double = await EventStoreDbDouble.start();
  });
  afterAll(async () => {
    await double.stop();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('given EVENTSTORE_CONNECTION_STRING, then the facts go there, and a second run stores nothing', async () => {
    const env = { EVENTSTORE_CONNECTION_STRING: double.connectionString, DATA_DIR: dirs[0] };
    const first = await runCli(['import', 'gdelt', GDELT_V2_SAMPLE, '--json'], env);
    expect(first.code).toBe(0);
    const stored = summaryOf(first);
    expect(stored.stored).toBe(198);
    expect(stored.readModels).toBeNull();

    const again = await runCli(['import', 'gdelt', GDELT_V2_SAMPLE, '--json'], {
      ...env,
      DATA_DIR: dirs[1],
    });
    expect(again.code).toBe(0);
    expect(summaryOf(again)).toMatchObject({ stored: 0, alreadyStored: 198, registered: 0 });

    const api = await startTestApp(
      { API_KEYS: API_KEYS_ENV, EVENTSTORE_CONNECTION_STRING: double.connectionString },
      dirs[2],
    );
    try {
      // The API's read models follow EventStoreDB from zero after start: wait until they cover the import.
      const facts = async () => {
        const { body } = await as(api, 'reader').get('/v1/events?limit=1000').expect(200);
        return body.events.filter((e: { type: string }) => e.type !== 'ActorRegistered');
      };
      const deadline = Date.now() + 60_000;
      while ((await facts()).length < 198 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const all = await facts();
      expect(all).toHaveLength(198);
      expect(all[0].data).toMatchObject({
        evidence: 'machine-coded',
        coding: { dataset: 'gdelt' },
      });
    } finally {
      await api.close();
    }
  });
});
