import { replay } from '@entente/domain/testing';
import { relationTimelineProjection } from '@entente/projections';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendFacts, projectionHarness } from '../support/projection-harness';
import { suspensions } from '../support/suspension-steps';

const scratchFiles = (dir: string) =>
  readdirSync(dir).filter((name) => name.startsWith('read-models.db.') && name.endsWith('scratch'));

/**
 * A rebuild's scratch file can be as large as the log. One left behind by a crash, or by an exit before
 * its deletion ran, must not stay for good when the next rebuild is of another generation.
 */
describe('scratch files a rebuild left behind', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'entente-scratch-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given the scratch of an interrupted rebuild of another generation beside the read models, when a rebuild from zero runs, then the leftover is removed, files not of the read models are kept, and the rebuild leaves none of its own', async () => {
    const harness = await projectionHarness({
      definitions: [relationTimelineProjection],
      onePassFrom: 1,
      start: false,
      readModelFile: join(dir, 'read-models.db'),
    });
    await appendFacts(harness.store, harness.clock, replay(suspensions(300)));
    writeFileSync(
      join(dir, 'read-models.db.relation_timeline_g9_scratch'),
      Buffer.alloc(65_536, 1),
    );
    writeFileSync(join(dir, 'notes-scratch'), 'not a read model file');

    harness.manager.start();
    await harness.settle();
    // Its own file is deleted off the event loop: a bounded wait for that, not for a time.
    for (let i = 0; i < 1_000 && scratchFiles(dir).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await harness.close();

    expect(scratchFiles(dir)).toEqual([]);
    expect(readdirSync(dir)).toContain('notes-scratch');
    expect(harness.manager.statuses()[0].position).toBeGreaterThan(0);
  });
});
