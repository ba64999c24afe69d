import { firstValueFrom, filter as where } from 'rxjs';
import { ValidationError } from '@entente/common';
import {
  DuplicateEventIdError,
  EventStoreDbEventStore,
  StreamNotFoundError,
} from '@entente/event-store';
import { collect } from '../contract/event-store.contract';
import { EventStoreDbDouble, InMemoryLog } from '../eventstoredb-double';
import { FAST, event, startHarness, type Harness } from './support/eventstoredb-harness';

describe('EventStoreDB adapter, over gRPC on the double', () => {
  let harness: Harness;
  const others: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await harness.close();
  });

  describe("the server's own events", () => {
    it('given $-events between ours, then reads, subscriptions and the head ignore them', async () => {
      const { writer, double } = harness;
      const first = await writer.append('report-1', [event('A')]);
      double.log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
      const second = await writer.append('report-1', [event('B')]);
      double.log.appendSystemEvent('$$report-1', '$metadata');

      expect((await writer.readAll()).map((e) => e.type)).toEqual(['A', 'B']);
      expect(await writer.headPosition()).toBe(second.position);
      const { result } = collect(harness.subscriber, {}, (r) => r.length === 2);
      expect((await result).events).toEqual([...first.events, ...second.events]);
    });
  });

  describe('idempotency the server alone would not give', () => {
    it('given a batch reusing an id of its own stream with other content, then none of it is stored', async () => {
      const taken = event('A', { original: true });
      await harness.writer.append('s-1', [taken]);
      const batch = [event(), event(), { ...taken, data: { original: false } }, event()];
      await expect(harness.writer.append('s-1', batch)).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await harness.writer.readStream('s-1')).toHaveLength(1);
    });

    it('given a node restart that emptied its id cache, when an append with `any` is retried, then it is not stored twice', async () => {
      const batch = [event(), event()];
      const first = await harness.writer.append('s-1', batch);
      await harness.double.restart();
      const fresh = EventStoreDbEventStore.connect(harness.double.connectionString, FAST);
      others.push(fresh);
      await expect(fresh.append('s-1', batch)).resolves.toEqual(first);
      expect(await fresh.readStream('s-1')).toHaveLength(2);
    });

    it('given later events, when a retry names the current revision, then it is answered as the first time', async () => {
      const retried = event();
      const first = await harness.writer.append('s-1', [retried], {
        expectedRevision: 'no-stream',
      });
      await harness.writer.append('s-1', [event(), event()]);
      const fresh = EventStoreDbEventStore.connect(harness.double.connectionString, FAST);
      others.push(fresh);
      await expect(fresh.append('s-1', [retried], { expectedRevision: 2 })).resolves.toEqual(first);
      expect(await fresh.readStream('s-1')).toHaveLength(3);
    });

    it("given the server's own deduplication by id, when the content differs, then it is still a conflict", async () => {
      const original = event('A', { n: 1 });
      await harness.writer.append('s-1', [original], { expectedRevision: 'no-stream' });
      const fresh = EventStoreDbEventStore.connect(harness.double.connectionString, FAST);
      others.push(fresh);
      await expect(
        fresh.append('s-1', [{ ...original, data: { n: 2 } }], { expectedRevision: 'no-stream' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await fresh.readStream('s-1')).toHaveLength(1);
    });

    it('given an append whose answer is lost with the connection, when retried by the adapter, then it is stored once', async () => {
      const { double, writer } = harness;
      const stop = double.log.onAppended((records) => {
        if (records[0].stream !== 's-lost') return;
        stop();
        double.dropConnections();
      });
      const result = await writer.append('s-lost', [event(), event()]);
      const stored = await writer.readStream('s-lost');
      expect(stored).toEqual(result.events);
      expect(stored).toHaveLength(2);
    });
  });

  describe('calls through faults', () => {
    it('given UNAVAILABLE for a few calls, then appends and reads go through once it answers', async () => {
      harness.double.faults.unavailable({ calls: 3 });
      await harness.writer.append('s-1', [event()]);
      expect(await harness.writer.readStream('s-1')).toHaveLength(1);
      expect(harness.double.faults.refused().unavailable).toBe(3);
    });

    it('given a follower that names the leader, then appends and the subscription move to the leader', async () => {
      const log = new InMemoryLog();
      const leader = await EventStoreDbDouble.start({ log });
      const follower = await EventStoreDbDouble.start({ log });
      others.push({ close: () => leader.stop() }, { close: () => follower.stop() });
      const store = EventStoreDbEventStore.connect(follower.connectionString, FAST);
      others.unshift(store);
      await store.append('s-1', [event()]);
      const { result, caughtUp } = collect(store, {}, (r) => r.length === 3);
      await caughtUp;

      follower.faults.notLeader({ host: leader.host, port: leader.port }, { allCalls: true });
      await store.append('s-1', [event(), event()]);
      expect((await result).events.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(follower.faults.refused().notLeader).toBeGreaterThan(0);
      expect(leader.subscriptionStarts).toHaveLength(1);
    });

    it('given an outage, then the connection state says reconnecting until the subscription is back', async () => {
      const { subscriber, double } = harness;
      const states: string[] = [];
      subscriber.connectionState$.subscribe((s) => states.push(s));
      let live!: () => void;
      const caughtUp = new Promise<void>((resolve) => (live = resolve));
      const following = subscriber.subscribe().subscribe((m) => m.kind === 'caught-up' && live());
      await caughtUp;
      double.faults.unavailable();
      await firstValueFrom(subscriber.connectionState$.pipe(where((s) => s === 'reconnecting')));
      expect(subscriber.connectionState()).toBe('reconnecting');
      double.faults.recover();
      await firstValueFrom(subscriber.connectionState$.pipe(where((s) => s === 'connected')));
      expect(states).toEqual(['connected', 'reconnecting', 'connected']);
      following.unsubscribe();
    });
  });

  describe('connections', () => {
    it('given a discover connection string, then it finds the leader by gossip', async () => {
      const store = EventStoreDbEventStore.connect(
        `esdb+discover://${harness.double.host}:${harness.double.port}?tls=false`,
        FAST,
      );
      others.push(store);
      await store.append('s-1', [event()]);
      expect(await store.readStream('s-1')).toHaveLength(1);
    });

    it('given a node without BatchAppend, then appends use Append, conflicts included', async () => {
      const double = await EventStoreDbDouble.start({ batchAppend: false });
      const store = EventStoreDbEventStore.connect(double.connectionString, FAST);
      others.push(store, { close: () => double.stop() });
      await store.append('s-1', [event()], { expectedRevision: 'no-stream' });
      await expect(
        store.append('s-1', [event()], { expectedRevision: 'no-stream' }),
      ).rejects.toMatchObject({ expected: 'no-stream', actual: 0 });
      await expect(store.readStream('s-2')).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it("given a batch over the server's maximum append size, then it is a validation error", async () => {
      const big = event('Big', { text: 'x'.repeat(1024 * 1024) });
      await expect(harness.writer.append('s-big', [big])).rejects.toBeInstanceOf(ValidationError);
      await expect(harness.writer.readStream('s-big')).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });
});
