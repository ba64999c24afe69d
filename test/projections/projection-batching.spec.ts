import { replay } from '@entente/domain/testing';
import type { AppliedBatch } from '@entente/projections';
import {
  appendFacts,
  projectionHarness,
  type ProjectionHarness,
} from '../support/projection-harness';
import { suspensions } from '../support/suspension-steps';

/**
 * What the runner promises of its batches, whatever the scheduler does: none is larger than the limit,
 * each starts where the one before ended, and together they hold every event once, in order. How many
 * there are depends on how fast the store's pages arrive against the batch's short wait, so it is not
 * asserted.
 */
function expectContiguous(batches: readonly AppliedBatch<unknown>[], from: number, limit: number) {
  let position = from;
  for (const batch of batches) {
    expect({ from: batch.from, withinLimit: batch.events.length <= limit }).toEqual({
      from: position,
      withinLimit: true,
    });
    expect(batch.events.map((e) => e.position)).toEqual(
      Array.from({ length: batch.events.length }, (_, i) => position + 1 + i),
    );
    expect(batch.position).toBe(position + batch.events.length);
    position = batch.position;
  }
  return position;
}

describe('projection batches', () => {
  let harness: ProjectionHarness | undefined;
  afterEach(() => harness?.close());

  it('given 2,500 stored events and catch-up batches of at most 1,000, when the read models catch up, then the batches hold every event once, in order, none over 1,000; live events then commit as they come', async () => {
    harness = await projectionHarness({ start: false, catchUpBatch: 1_000 });
    const facts = replay(suspensions(2_500));
    await appendFacts(harness.store, harness.clock, facts);
    const batches: AppliedBatch<unknown>[] = [];
    harness.manager.applied$('relation-timeline').subscribe((batch) => batches.push(batch));
    harness.manager.start();
    await harness.settle();
    expect(expectContiguous(batches, 0, 1_000)).toBe(2_500);
    expect(batches.length).toBeGreaterThanOrEqual(3);

    const caughtUp = batches.length;
    const later = replay(suspensions(2, Date.parse('2025-02-01T00:00:00Z')), facts).slice(
      facts.length,
    );
    await appendFacts(harness.store, harness.clock, later.slice(0, 1));
    await harness.settle();
    await appendFacts(harness.store, harness.clock, later.slice(1));
    await harness.settle();
    // Each live event was settled before the next was appended: one commit each, nothing held back.
    expect(batches.slice(caughtUp).map((b) => b.events.length)).toEqual([1, 1]);
    expect(expectContiguous(batches.slice(caughtUp), 2_500, 1)).toBe(2_502);
  });
});
