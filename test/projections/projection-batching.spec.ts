import { aStateChange, replay, type ReplayStep } from '@entente/domain/testing';
import type { AppliedBatch } from '@entente/projections';
import {
  appendFacts,
  projectionHarness,
  type ProjectionHarness,
} from '../support/projection-harness';

function suspensions(count: number, firstAt = Date.parse('2025-01-01T00:00:00Z')): ReplayStep[] {
  return Array.from({ length: count }, (_, i) => ({
    command: {
      record: aStateChange('CooperationSuspended', {
        channel: `c${i % 50}`,
        occurredAt: '2024-06-01',
      }),
    },
    recordedAt: new Date(firstAt + i * 1000).toISOString(),
  }));
}

describe('projection batches', () => {
  let harness: ProjectionHarness | undefined;
  afterEach(() => harness?.close());

  it('given 2,500 stored events and catch-up batches of 1,000, when the read models catch up, then each commits 3 times; live events then commit as they come', async () => {
    harness = await projectionHarness({ start: false, catchUpBatch: 1_000 });
    const facts = replay(suspensions(2_500));
    await appendFacts(harness.store, harness.clock, facts);
    const batches: AppliedBatch<unknown>[] = [];
    harness.manager.applied$('relation-timeline').subscribe((batch) => batches.push(batch));
    harness.manager.start();
    await harness.settle();
    expect(batches.map((b) => b.events.length)).toEqual([1_000, 1_000, 500]);
    expect(batches.map((b) => b.from)).toEqual([0, 1_000, 2_000]);

    const later = replay(suspensions(2, Date.parse('2025-02-01T00:00:00Z')), facts).slice(
      facts.length,
    );
    await appendFacts(harness.store, harness.clock, later.slice(0, 1));
    await harness.settle();
    await appendFacts(harness.store, harness.clock, later.slice(1));
    await harness.settle();
    expect(batches.slice(3).map((b) => b.events.length)).toEqual([1, 1]);
  });
});
