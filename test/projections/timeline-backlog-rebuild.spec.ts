import { RELATION_TIMELINE, relationTimelineProjection, tableNamer } from '@entente/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyOf } from '../support/projection-facts';
import { appendFacts, projectionHarness } from '../support/projection-harness';
import { dumpGeneration, type GenerationDump } from '../support/projection-tables';

/**
 * A restart after an import: the read model holds the first `cut` facts, projected event by event; the
 * rest is appended while the projections are stopped, then they start again with a one pass allowed.
 */
async function restartAfterImport(
  cut: number,
): Promise<{ dump: GenerationDump; generations: number[]; said: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'entente-backlog-'));
  const files = { eventsFile: join(dir, 'events.db'), readModelFile: join(dir, 'read-models.db') };
  const facts = historyOf(400, 20251202);
  const said: string[] = [];
  const logger = { log: (m: string) => said.push(m), error: (m: string) => said.push(m) };
  try {
    const before = await projectionHarness({
      ...files,
      onePassFrom: Infinity,
      definitions: [relationTimelineProjection],
    });
    await appendFacts(before.store, before.clock, facts.slice(0, cut));
    await before.settle();
    const first = before.manager.live(RELATION_TIMELINE).generation;
    await before.close();
    const after = await projectionHarness({
      ...files,
      onePassFrom: 50,
      onePassCommitEvery: 37,
      logger,
      definitions: [relationTimelineProjection],
      start: false,
    });
    try {
      await appendFacts(after.store, after.clock, facts.slice(cut));
      after.manager.start();
      await after.settle();
      const { generation } = after.manager.live(RELATION_TIMELINE);
      const dump = dumpGeneration(after.db, tableNamer(RELATION_TIMELINE, generation)(''));
      return { dump, generations: [first, generation], said };
    } finally {
      await after.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cleanPass(): Promise<GenerationDump> {
  const harness = await projectionHarness({
    onePassFrom: Infinity,
    definitions: [relationTimelineProjection],
  });
  try {
    await appendFacts(harness.store, harness.clock, historyOf(400, 20251202));
    await harness.settle();
    const { generation } = harness.manager.live(RELATION_TIMELINE);
    return dumpGeneration(harness.db, tableNamer(RELATION_TIMELINE, generation)(''));
  } finally {
    await harness.close();
  }
}

describe('a restart after an import, for the relation timeline', () => {
  it('given a read model holding a tenth of the log, when restarted with the rest behind, then it is rebuilt from zero beside the old generation, which the new one replaces, equal to a clean pass', async () => {
    const { dump, generations, said } = await restartAfterImport(40);
    expect(generations[1]).not.toBe(generations[0]);
    expect(said.some((m) => m.includes('more of the log is behind'))).toBe(true);
    expect(dump).toEqual(await cleanPass());
  });

  it('given a read model holding most of the log, when restarted with a backlog smaller than what it holds, then it catches up in place, in one pass, equal to a clean pass', async () => {
    const { dump, generations, said } = await restartAfterImport(300);
    expect(generations[1]).toBe(generations[0]);
    expect(said.some((m) => m.includes('in one pass'))).toBe(true);
    expect(dump).toEqual(await cleanPass());
  });

  it('given a generation at position 0 whose tables hold what a rebuild killed before its end left, when started on the event-by-event path, then nothing of it stays and the tables equal a clean pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-left-'));
    const files = {
      eventsFile: join(dir, 'events.db'),
      readModelFile: join(dir, 'read-models.db'),
    };
    try {
      const empty = await projectionHarness({
        ...files,
        definitions: [relationTimelineProjection],
      });
      await empty.settle();
      const { tables } = empty.manager.live(RELATION_TIMELINE);
      // What a rebuild from zero writes before its last transaction: keys, rows, no checkpoint.
      empty.db
        .prepare(`INSERT INTO ${tables('keys')} (actor, target, channel, view) VALUES (?, ?, ?, 0)`)
        .run('COL', 'USA', 'left-over');
      expect(empty.manager.position(RELATION_TIMELINE)).toBe(0);
      await empty.close();
      const after = await projectionHarness({
        ...files,
        onePassFrom: Infinity,
        definitions: [relationTimelineProjection],
        start: false,
      });
      try {
        await appendFacts(after.store, after.clock, historyOf(400, 20251202));
        after.manager.start();
        await after.settle();
        const { generation } = after.manager.live(RELATION_TIMELINE);
        const dump = dumpGeneration(after.db, tableNamer(RELATION_TIMELINE, generation)(''));
        expect(dump).toEqual(await cleanPass());
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
