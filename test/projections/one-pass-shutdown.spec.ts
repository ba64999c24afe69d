import { replay } from '@entente/domain/testing';
import { relationTimelineProjection } from '@entente/projections';
import { appendFacts, projectionHarness } from '../support/projection-harness';
import { suspensions } from '../support/suspension-steps';

/** Turns of the event loop, for whatever a stopped runner might still have queued to run. */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * The API and the CLI stop the read models and then close the store (graceful shutdown). A runner
 * stopped as its one-pass catch-up ends must not go on to read the closed store and report a failure
 * that never happened.
 */
describe('a one-pass catch-up stopped as it ends', () => {
  it('given a backlog caught up in one pass, when the read models are stopped and the store closed as soon as they reach the head, then no failure is reported', async () => {
    const errors: string[] = [];
    const harness = await projectionHarness({
      definitions: [relationTimelineProjection],
      onePassFrom: 1,
      start: false,
      logger: { log: () => undefined, error: (message) => errors.push(message) },
    });
    await appendFacts(harness.store, harness.clock, replay(suspensions(300)));
    harness.manager.start();
    await harness.settle();
    const [status] = harness.manager.statuses();
    await harness.close();
    await turns(50);
    expect(errors).toEqual([]);
    expect(harness.manager.statuses()[0]).toMatchObject({
      state: 'stopped',
      position: status.position,
    });
  });
});
