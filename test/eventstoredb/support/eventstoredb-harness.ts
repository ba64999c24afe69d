import { randomUUID } from 'node:crypto';
import {
  EventStoreDbEventStore,
  type EventStore,
  type EventStoreDbEventStoreOptions,
  type EventToAppend,
} from '@entente/event-store';
import { EventStoreDbDouble, type EventStoreDbDoubleOptions } from '../../eventstoredb-double';

/** Reconnect and retry within milliseconds, and checkpoint every few events, so faults show quickly. */
export const FAST: EventStoreDbEventStoreOptions = {
  backoff: { initialMs: 5, maxMs: 50 },
  attempts: 20,
  checkpoints: { searchWindow: 8, multiplier: 1 },
};

export interface Harness {
  readonly double: EventStoreDbDouble;
  /** Appends on its own connection, so that the subscriber's faults are the subscriber's alone. */
  readonly writer: EventStoreDbEventStore;
  readonly subscriber: EventStoreDbEventStore;
  close(): Promise<void>;
}

export async function startHarness(options: EventStoreDbDoubleOptions = {}): Promise<Harness> {
  const double = await EventStoreDbDouble.start(options);
  const writer = EventStoreDbEventStore.connect(double.connectionString, FAST);
  const subscriber = EventStoreDbEventStore.connect(double.connectionString, FAST);
  return {
    double,
    writer,
    subscriber,
    close: async () => {
      await subscriber.close();
      await writer.close();
      await double.stop();
    },
  };
}

export function event(type = 'CooperationSuspended', data: unknown = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { recordedBy: 'fault-test', correlationId: randomUUID() },
  };
}

/** `count` events in appends of `perAppend`, round-robin over `streams`, `writers` appending at once. */
export async function appendMany(
  store: EventStore,
  count: number,
  options: { perAppend?: number; streams?: readonly string[]; writers?: number } = {},
): Promise<void> {
  const perAppend = options.perAppend ?? 10;
  const streams = options.streams ?? ['report-a', 'report-b', 'actor-COL'];
  let next = 0;
  await Promise.all(
    Array.from({ length: options.writers ?? 4 }, async () => {
      while (next < count) {
        const n = Math.min(perAppend, count - next);
        const stream = streams[((next / perAppend) % streams.length) | 0];
        next += n;
        await store.append(
          stream,
          Array.from({ length: n }, (_, i) => event('Numbered', { n: next - n + i })),
        );
      }
    }),
  );
}
