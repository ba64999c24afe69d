import { aStateChange, replay, type ReplayStep } from '@entente/domain/testing';
import { relationTimelineProjection } from '@entente/projections';
import { ONE_PASS_PAGE } from '@entente/projections/relation-timeline/timeline-catch-up';
import { appendFacts, projectionHarness } from '../support/projection-harness';

const EVENTS = 10 * ONE_PASS_PAGE;

function suspensions(count: number): ReplayStep[] {
  const first = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    command: {
      record: aStateChange('CooperationSuspended', {
        channel: `c${i % 50}`,
        occurredAt: '2024-06-01',
      }),
    },
    recordedAt: new Date(first + i * 1000).toISOString(),
  }));
}

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
