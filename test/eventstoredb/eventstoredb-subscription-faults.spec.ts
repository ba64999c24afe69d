import type { EventStore, RecordedEvent, SubscriptionMessage } from '@entente/event-store';
import { collect, readEverything } from '../contract/event-store.contract';
import type { AllStart } from '../eventstoredb-double';
import { appendMany, event, startHarness, type Harness } from './support/eventstoredb-harness';

type Fault = (harness: Harness) => unknown;

const FAULTS: Record<string, Fault> = {
  'drops every connection': (h) => h.double.dropConnections(),
  'restarts on the same port': (h) => h.double.restart(),
  'answers UNAVAILABLE for a while': (h) => h.double.faults.unavailable({ calls: 3 }),
  'answers not-leader, naming itself as leader': (h) =>
    h.double.faults.notLeader(
      { host: h.double.host, port: h.double.port },
      { calls: 2, allCalls: true },
    ),
};

const untilSentinel = (received: RecordedEvent[]) => received.at(-1)?.type === 'Sentinel';

async function sentinel(store: EventStore): Promise<void> {
  await store.append('sentinel-1', [event('Sentinel')]);
}

function resumedMidway(starts: readonly AllStart[]): boolean {
  return starts.length >= 2 && starts.slice(1).every((s) => typeof s === 'object' && s.commit > 0);
}

/** Exactly once and in order: the subscriber's events are the log's, position for position. */
async function expectExactlyTheLog(
  harness: Harness,
  received: RecordedEvent[],
  messages: SubscriptionMessage[],
): Promise<void> {
  const log = await readEverything(harness.writer);
  expect(new Set(log.map((e) => e.eventId)).size).toBe(log.length);
  expect(received.map((e) => e.position)).toEqual(log.map((e) => e.position));
  expect(received).toEqual(log);
  expect(messages.filter((m) => m.kind === 'caught-up')).toHaveLength(1);
  const positions = messages.map((m) => (m.kind === 'event' ? m.event.position : m.position));
  for (let i = 1; i < positions.length; i++) {
    expect(positions[i]).toBeGreaterThanOrEqual(positions[i - 1]);
  }
}

describe('EventStoreDB subscription through faults, over gRPC on the double', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  describe.each(Object.entries(FAULTS))('when the node %s', (_name, fault) => {
    it('during the catch-up, then the subscriber still gets every event once, in order', async () => {
      await appendMany(harness.writer, 1_500);
      harness.double.faults.afterSending(400, 'catch-up', () => fault(harness));
      const { result, caughtUp } = collect(harness.subscriber, {}, untilSentinel);
      await caughtUp;
      await sentinel(harness.writer);
      const { events, messages } = await result;

      expect(resumedMidway(harness.double.subscriptionStarts)).toBe(true);
      await expectExactlyTheLog(harness, events, messages);
    }, 30_000);

    it('during live delivery, with appends going on, then the subscriber still gets every event once, in order', async () => {
      await appendMany(harness.writer, 200);
      harness.double.faults.afterSending(150, 'live', () => fault(harness));
      const { result, caughtUp } = collect(harness.subscriber, {}, untilSentinel);
      await caughtUp;
      await appendMany(harness.writer, 600, { perAppend: 3 });
      await sentinel(harness.writer);
      const { events, messages } = await result;

      expect(resumedMidway(harness.double.subscriptionStarts)).toBe(true);
      await expectExactlyTheLog(harness, events, messages);
    }, 30_000);
  });

  it('given a filter that few events match, when the connection drops between checkpoints, then it resumes from the last checkpoint and misses nothing', async () => {
    const streams = ['actor-COL', 'actor-USA', 'actor-VEN', 'actor-MEX', 'report-1'];
    await appendMany(harness.writer, 1_000, { perAppend: 5, streams });
    harness.double.faults.afterSending(60, 'catch-up', () => harness.double.dropConnections());
    harness.double.faults.afterSending(90, 'catch-up', () => harness.double.restart());
    const filter = { streamPrefixes: ['report-'] };
    const { result } = collect(
      harness.subscriber,
      { filter },
      (r) => r.length === 200 && r.at(-1)?.stream === 'report-1',
    );
    const { events, messages } = await result;

    const expected = (await readEverything(harness.writer)).filter((e) =>
      e.stream.startsWith('report-'),
    );
    expect(events).toEqual(expected);
    expect(messages.some((m) => m.kind === 'checkpoint')).toBe(true);
  }, 30_000);

  it('given a checkpoint that falls between two records, when a filtered subscription resumes from it, then it starts there, (c, 0), and misses nothing after it', async () => {
    const streams = ['actor-COL', 'actor-USA', 'actor-VEN', 'actor-MEX', 'report-1'];
    await appendMany(harness.writer, 500, { perAppend: 5, streams });
    const filter = { streamPrefixes: ['report-'] };
    // Past the last event it sent, a checkpoint is a page start: between two records, an even number.
    const between = (events: RecordedEvent[], m: SubscriptionMessage) =>
      m.kind === 'checkpoint' &&
      m.position % 2 === 0 &&
      m.position > (events.at(-1)?.position ?? 0);
    const first = await collect(harness.subscriber, { filter }, (events, messages) =>
      between(events, messages.at(-1)!),
    ).result;
    const last = first.messages.at(-1)!;
    const checkpoint = last.kind === 'checkpoint' ? last.position : NaN;

    const expected = (await readEverything(harness.writer)).filter(
      (e) => e.stream.startsWith('report-') && e.position > checkpoint,
    );
    const { events } = await collect(
      harness.subscriber,
      { filter, from: checkpoint },
      (received) => received.length === expected.length,
    ).result;
    expect(events).toEqual(expected);
    expect(harness.double.subscriptionStarts.at(-1)).toEqual({
      commit: checkpoint / 2,
      prepare: 0,
    });
  }, 30_000);

  it('given several faults in a row while appends go on, then the subscriber still gets the log exactly', async () => {
    await appendMany(harness.writer, 800);
    const { faults } = harness.double;
    faults.afterSending(100, 'catch-up', () => harness.double.dropConnections());
    faults.afterSending(300, 'catch-up', () => faults.unavailable({ calls: 4 }));
    faults.afterSending(500, 'catch-up', () => harness.double.restart());
    faults.afterSending(50, 'live', () => harness.double.dropConnections());
    faults.afterSending(250, 'live', () => harness.double.restart());
    faults.afterSending(400, 'live', () => faults.unavailable({ calls: 2 }));
    const { result, caughtUp } = collect(harness.subscriber, {}, untilSentinel);
    const writing = appendMany(harness.writer, 400, { perAppend: 2, writers: 2 });
    await caughtUp;
    await writing;
    await appendMany(harness.writer, 400, { perAppend: 4 });
    await sentinel(harness.writer);
    const { events, messages } = await result;

    expect(harness.double.subscriptionStarts.length).toBeGreaterThanOrEqual(5);
    await expectExactlyTheLog(harness, events, messages);
  }, 60_000);
});
