import { icewsLayout, icewsRow } from '../../libs/importers/src/formats/icews/icews-columns';
import { mapIcewsRow } from '../../libs/importers/src/formats/icews/icews.mapper';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_KEYS_ENV, as } from '../support/api-client';
import { finished, runCli, spawnCli, summaryOf } from '../support/cli';
import { ICEWS_SAMPLE } from '../support/import-fixtures';
import { startTestApp } from '../support/test-app';

const BATCH = 100;
const ENV = { SQLITE_DURABILITY: 'normal' };

/** Facts a run has stored so far, read from the store file as the run writes it. */
function reportsStored(dataDir: string): number {
  const file = join(dataDir, 'entente.db');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], number>(`SELECT count(*) FROM events WHERE type <> 'ActorRegistered'`)
      .pluck()
      .get()!;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every fact of a store as the API returns it, without what a store of its own assigns (positions, times). */
async function factsOf(dataDir: string): Promise<unknown[]> {
  const api = await startTestApp({ API_KEYS: API_KEYS_ENV }, dataDir);
  try {
    const facts: unknown[] = [];
    for (let after = 0; ;) {
      const { body } = await as(api, 'reader')
        .get(`/v1/events?after=${after}&limit=1000`)
        .expect(200);
      for (const e of body.events)
        facts.push(
          e.type === 'ActorRegistered'
            ? { type: e.type, code: e.data.code }
            : { eventId: e.eventId, type: e.type, data: e.data },
        );
      if (body.next === null) break;
      after = body.next;
    }
    return facts.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  } finally {
    await api.close();
  }
}

// Each test runs the command in processes of its own (a few seconds each on loaded cores).
jest.setTimeout(180_000);

describe('an import killed halfway and run again', () => {
  const clean = mkdtempSync(join(tmpdir(), 'entente-clean-'));
  const killed = mkdtempSync(join(tmpdir(), 'entente-killed-'));
  afterAll(() => {
    rmSync(clean, { recursive: true, force: true });
    rmSync(killed, { recursive: true, force: true });
  });

  it('given a run SIGKILLed after some of its batches, when run again, then the store equals one clean run', async () => {
    const lines = readFileSync(ICEWS_SAMPLE, 'utf8').trimEnd().split('\n');
    const half = lines.slice(0, Math.floor(lines.length / 2));
    // The facts of the first half that complete batches: stored before the run waits for more input.
    const layout = icewsLayout(lines[0].split('\t'));
    const facts = half
      .slice(1)
      .filter((l) => mapIcewsRow(icewsRow(layout, l.split('\t'))).kind === 'fact').length;
    const storedBeforeWaiting = Math.floor(facts / BATCH) * BATCH;
    expect(storedBeforeWaiting).toBeGreaterThan(0);

    const child = spawnCli(['import', 'icews', '-', '--json', '--batch-size', String(BATCH)], {
      ...ENV,
      DATA_DIR: killed,
    });
    const exit = finished(child);
    child.stdin!.write(`${half.join('\n')}\n`);
    await until(
      () => reportsStored(killed) >= storedBeforeWaiting,
      `${storedBeforeWaiting} facts stored`,
    );
    child.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');
    expect(reportsStored(killed)).toBe(storedBeforeWaiting);

    const rerun = await runCli(
      ['import', 'icews', ICEWS_SAMPLE, '--json', '--batch-size', String(BATCH)],
      { ...ENV, DATA_DIR: killed },
    );
    expect(rerun.code).toBe(0);
    expect(summaryOf(rerun).alreadyStored).toBe(storedBeforeWaiting);
    const once = await runCli(['import', 'icews', ICEWS_SAMPLE, '--json'], {
      ...ENV,
      DATA_DIR: clean,
    });
    expect(once.code).toBe(0);
    expect(summaryOf(rerun).stored + storedBeforeWaiting).toBe(summaryOf(once).stored);

    expect(await factsOf(killed)).toEqual(await factsOf(clean));
  }, 180_000);
});
