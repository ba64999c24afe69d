import { replay } from '@entente/domain/testing';
import { relationTimelineProjection } from '@entente/projections';
import { ONE_PASS_PAGE } from '@entente/projections/relation-timeline/timeline-catch-up';
import { appendFacts, projectionHarness } from '../support/projection-harness';
import { suspensions } from '../support/suspension-steps';

const EVENTS = 10 * ONE_PASS_PAGE;

/**
 * The API answers HTTP on the thread that catches up: a one-pass catch-up must give the event loop a
 * turn after every page, not only after its commits, so that a request waits for one page at most.
 * Counted in turns of the loop, not in milliseconds: the scheduler's speed changes nothing here.
 */
describe('a one-pass catch-up and the event loop', () => {
  it('given a backlog of ten pages committed in one go, when caught up in one pass, then the event loop turns at least once per page', async () => {
    const harness = await projectionHarness({
      definitions: [relationTimelineProjection],
      onePassFrom: 1,
      onePassCommitEvery: 1_000_000,
      start: false,
    });
    try {
      await appendFacts(harness.store, harness.clock, replay(suspensions(EVENTS)));
      let turns = 0;
      let counting = true;
      const count = () => {
        turns++;
        if (counting) setImmediate(count);
      };
      setImmediate(count);
      harness.manager.start();
      await harness.settle();
      counting = false;
      expect(harness.manager.statuses()[0].position).toBe(EVENTS);
      expect(turns).toBeGreaterThanOrEqual(EVENTS / ONE_PASS_PAGE);
    } finally {
      await harness.close();
    }
  });
});
