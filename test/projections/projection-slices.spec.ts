import { replay } from '@entente/domain/testing';
import type { AppliedBatch } from '@entente/projections';
import type { RecordedFact } from '@entente/domain';
import {
  appendFacts,
  projectionHarness,
  type ProjectionHarness,
} from '../support/projection-harness';
import { suspensions } from '../support/suspension-steps';

const TIMELINE = 'relation-timeline';

/** The facts in one append: the subscription hands them over together, live. */
async function appendAtOnce(h: ProjectionHarness, facts: readonly RecordedFact[]): Promise<void> {
  h.clock.set(facts.at(-1)!.recordedAt);
  await h.store.append(
    'batch-1',
    facts.map((fact) => ({
      eventId: fact.eventId,
      type: fact.type,
      schemaVersion: fact.schemaVersion,
      data: fact.data,
      metadata: { recordedBy: fact.recordedBy, correlationId: fact.eventId },
    })),
  );
}

/**
 * Records, in order, the batches a projection commits and the turns of the event loop between them: a
 * turn is what an HTTP request waiting on the same thread gets.
 */
function watchTurns(harness: ProjectionHarness) {
  const log: ('turn' | AppliedBatch<unknown>)[] = [];
  let watching = true;
  const turn = () => {
    if (!watching) return;
    log.push('turn');
    setImmediate(turn);
  };
  setImmediate(turn);
  const subscription = harness.manager.applied$(TIMELINE).subscribe((batch) => log.push(batch));
  return {
    log,
    stop: () => {
      watching = false;
      subscription.unsubscribe();
    },
  };
}

function batchesOf(log: readonly ('turn' | AppliedBatch<unknown>)[]): AppliedBatch<unknown>[] {
  return log.filter((entry): entry is AppliedBatch<unknown> => entry !== 'turn');
}

/** Every batch but the first follows a turn of the event loop. */
function turnsBetween(log: readonly ('turn' | AppliedBatch<unknown>)[]): boolean[] {
  const seen: boolean[] = [];
  let turned = false;
  for (const entry of log) {
    if (entry === 'turn') turned = true;
    else {
      seen.push(turned);
      turned = false;
    }
  }
  return seen.slice(1);
}

// A slice of 0 ms cuts every batch to the smallest the runner allows, whatever the machine's speed, so
// that what the runner promises is seen without depending on how fast it ran.
describe('projection transactions cut to a slice of time', () => {
  let harness: ProjectionHarness | undefined;
  afterEach(() => harness?.close());

  it('given 600 stored events and catch-up batches of up to 10,000, when the read models catch up with a slice of 0 ms, then every commit holds at most 16 events, together every event once in order, and the event loop turns between any two', async () => {
    harness = await projectionHarness({ start: false, catchUpBatch: 10_000, sliceMs: 0 });
    await appendFacts(
      harness.store,
      harness.clock,
      replay(suspensions(600, Date.parse('2025-01-01T00:00:00Z'))),
    );
    const watch = watchTurns(harness);
    harness.manager.start();
    await harness.settle();
    watch.stop();

    const batches = batchesOf(watch.log);
    expect(batches.every((batch) => batch.events.length <= 16)).toBe(true);
    expect(batches.flatMap((batch) => batch.events.map((e) => e.position))).toEqual(
      Array.from({ length: 600 }, (_, i) => i + 1),
    );
    expect(batches.map((batch) => batch.from)).toEqual([
      0,
      ...batches.slice(0, -1).map((b) => b.position),
    ]);
    expect(turnsBetween(watch.log).every(Boolean)).toBe(true);
  });

  it('given a live read model, when 200 events arrive at once with a slice of 0 ms, then they commit 16 at most at a time, with turns of the event loop between, and the state is what one commit gives', async () => {
    const first = Date.parse('2025-01-01T00:00:00Z');
    const facts = replay(suspensions(200, first));
    harness = await projectionHarness({ sliceMs: 0 });
    await harness.settle();
    const watch = watchTurns(harness);
    await appendAtOnce(harness, facts);
    await harness.settle();
    watch.stop();

    const batches = batchesOf(watch.log);
    expect(batches.every((batch) => batch.events.length <= 16)).toBe(true);
    expect(batches.reduce((n, batch) => n + batch.events.length, 0)).toBe(200);
    expect(turnsBetween(watch.log).every(Boolean)).toBe(true);

    const reference = await projectionHarness({ start: false });
    try {
      await appendAtOnce(reference, facts);
      reference.manager.start();
      await reference.settle();
      const timelines = (h: ProjectionHarness) =>
        h.timeline
          .keysOf('COL')
          .map((key) => [key, h.timeline.timeline(key, Number.MAX_SAFE_INTEGER)]);
      expect(timelines(harness)).toHaveLength(50);
      expect(timelines(harness)).toEqual(timelines(reference));
    } finally {
      await reference.close();
    }
  });
});
