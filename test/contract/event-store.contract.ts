import { ManualClock, ValidationError } from '@entente/common';
import {
  DuplicateEventIdError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionMessage,
} from '@entente/event-store';
import { randomUUID } from 'node:crypto';
import type { Subscription } from 'rxjs';

export interface ContractHarness {
  readonly store: EventStore;
  /**
   * The clock of whatever sets record time at commit (this process for SQLite, the server for
   * EventStoreDB): the contract checks that recordedAt comes from it. Null for a real server, whose clock
   * no test can set: recordedAt is then only checked to be an instant.
   */
  readonly clock: ManualClock | null;
  readonly capabilities: {
    /** Whether an event id is unique across streams, not only within one. */
    readonly crossStreamEventIdUniqueness: boolean;
  };
  teardown(): Promise<void>;
}

export function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'CooperationSuspended',
    schemaVersion: 1,
    data: { actor: 'COL', target: 'USA', channel: 'intelligence' },
    metadata: { recordedBy: 'contract', correlationId: randomUUID() },
    ...overrides,
  };
}

export function events(count: number, overrides: Partial<EventToAppend> = {}): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => anEvent({ data: { n: i }, ...overrides }));
}

export interface Collection {
  readonly result: Promise<{ events: RecordedEvent[]; messages: SubscriptionMessage[] }>;
  /** Resolves when the subscription reports that it has caught up and gone live. */
  readonly caughtUp: Promise<number>;
  stop(): void;
}

/** Collects subscription messages until `done` says enough, or fails after `timeoutMs`. */
export function collect(
  store: EventStore,
  options: SubscribeOptions,
  done: (events: RecordedEvent[], messages: SubscriptionMessage[]) => boolean,
  timeoutMs = 60_000,
): Collection {
  const received: RecordedEvent[] = [];
  const messages: SubscriptionMessage[] = [];
  let subscription: Subscription | undefined;
  let timer: NodeJS.Timeout | undefined;
  let reportCaughtUp: (position: number) => void = () => undefined;
  const caughtUp = new Promise<number>((resolve) => (reportCaughtUp = resolve));
  const result = new Promise<{ events: RecordedEvent[]; messages: SubscriptionMessage[] }>(
    (resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out with ${received.length} events`)),
        timeoutMs,
      );
      subscription = store.subscribe(options).subscribe({
        next: (message) => {
          messages.push(message);
          if (message.kind === 'event') received.push(message.event);
          if (message.kind === 'caught-up') reportCaughtUp(message.position);
          if (done(received, messages)) resolve({ events: received, messages });
        },
        error: reject,
      });
    },
  ).finally(() => {
    clearTimeout(timer);
    subscription?.unsubscribe();
  });
  return { result, caughtUp, stop: () => subscription?.unsubscribe() };
}

/** Appends a marker event that every unfiltered subscriber will see after everything before it. */
async function appendSentinel(store: EventStore): Promise<RecordedEvent> {
  const { events: stored } = await store.append('sentinel-1', [anEvent({ type: 'Sentinel' })]);
  return stored[0];
}

const untilSentinel = (received: RecordedEvent[]) => received.at(-1)?.type === 'Sentinel';

async function expectRejection<E>(promise: Promise<unknown>, type: new (...args: never[]) => E) {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/**
 * The port's contract, written once and run against every adapter. Each test starts from an empty store.
 */
export function describeEventStoreContract(
  adapterName: string,
  setup: () => Promise<ContractHarness>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let harness: ContractHarness;
    let store: EventStore;

    beforeEach(async () => {
      harness = await setup();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.teardown();
    });

    describe('appending and reading a stream', () => {
      it('given an empty store, when a batch is appended, then it reads back in order with revisions, positions and metadata', async () => {
        harness.clock?.set('2025-11-11T22:30:00.000Z');
        const batch = [
          anEvent({ type: 'A', data: { n: 1 } }),
          anEvent({
            type: 'B',
            schemaVersion: 2,
            data: { n: 2, nested: { list: [1, 'two', null, true] } },
            metadata: { recordedBy: 'alice', correlationId: 'corr-1', causationId: 'cause-1' },
          }),
        ];
        const result = await store.append('report-1', batch, { expectedRevision: 'no-stream' });

        expect(result.nextExpectedRevision).toBe(1);
        expect(result.events.map((e) => e.revision)).toEqual([0, 1]);
        expect(result.position).toBe(result.events[1].position);
        expect(result.events[1].position).toBeGreaterThan(result.events[0].position);

        const read = await store.readStream('report-1');
        expect(read).toEqual(result.events);
        expect(read[1]).toEqual({
          eventId: batch[1].eventId,
          stream: 'report-1',
          revision: 1,
          position: result.events[1].position,
          type: 'B',
          schemaVersion: 2,
          data: { n: 2, nested: { list: [1, 'two', null, true] } },
          metadata: {
            recordedAt: harness.clock
              ? '2025-11-11T22:30:00.000Z'
              : expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
            recordedBy: 'alice',
            correlationId: 'corr-1',
            causationId: 'cause-1',
          },
        });
        expect(read[0].metadata.causationId).toBeNull();
      });

      it('given stored events, when read, then they are deeply immutable values', async () => {
        await store.append('report-1', [anEvent({ data: { deep: { list: [1] } } })]);
        const [event] = await store.readStream('report-1');
        const data = event.data as { deep: { list: number[] } };
        expect(() => {
          data.deep.list.push(2);
        }).toThrow(TypeError);
        expect(() => {
          (event as { type: string }).type = 'Other';
        }).toThrow(TypeError);
        expect(Object.isFrozen(event.metadata)).toBe(true);
      });

      it('given a stream of five, when read forwards and backwards from a revision with a max count, then the right slice comes back', async () => {
        await store.append('report-1', events(5));
        const forwards = await store.readStream('report-1', { fromRevision: 2 });
        expect(forwards.map((e) => e.revision)).toEqual([2, 3, 4]);
        const limited = await store.readStream('report-1', { fromRevision: 1, maxCount: 2 });
        expect(limited.map((e) => e.revision)).toEqual([1, 2]);
        const backwards = await store.readStream('report-1', { direction: 'backwards' });
        expect(backwards.map((e) => e.revision)).toEqual([4, 3, 2, 1, 0]);
        const backFrom = await store.readStream('report-1', {
          direction: 'backwards',
          fromRevision: 3,
          maxCount: 2,
        });
        expect(backFrom.map((e) => e.revision)).toEqual([3, 2]);
      });

      it('given no such stream, when it is read, then a typed not-found is thrown, not an empty success', async () => {
        await store.append('report-other', [anEvent()]);
        const error = await expectRejection(
          store.readStream('report-missing'),
          StreamNotFoundError,
        );
        expect(error.stream).toBe('report-missing');
        expect(error.code).toBe('not-found');
      });

      it('given an existing stream, when read from past its end, then the answer is empty', async () => {
        await store.append('report-1', events(2));
        expect(await store.readStream('report-1', { fromRevision: 5 })).toEqual([]);
      });
    });

    describe('optimistic concurrency', () => {
      it('given no stream, when appending with each expectation, then no-stream and any pass and stream-exists or a revision conflict', async () => {
        const noStream = await expectRejection(
          store.append('s-1', [anEvent()], { expectedRevision: 'stream-exists' }),
          WrongExpectedRevisionError,
        );
        expect(noStream).toMatchObject({
          stream: 's-1',
          expected: 'stream-exists',
          actual: 'no-stream',
        });
        const exact = await expectRejection(
          store.append('s-1', [anEvent()], { expectedRevision: 0 }),
          WrongExpectedRevisionError,
        );
        expect(exact).toMatchObject({ expected: 0, actual: 'no-stream' });
        await expect(
          store.append('s-1', [anEvent()], { expectedRevision: 'no-stream' }),
        ).resolves.toMatchObject({ nextExpectedRevision: 0 });
        await expect(
          store.append('s-2', [anEvent()], { expectedRevision: 'any' }),
        ).resolves.toMatchObject({
          nextExpectedRevision: 0,
        });
      });

      it('given a stream at revision 2, when appending with each expectation, then the error carries expected and actual', async () => {
        await store.append('s-1', events(3));
        const noStream = await expectRejection(
          store.append('s-1', [anEvent()], { expectedRevision: 'no-stream' }),
          WrongExpectedRevisionError,
        );
        expect(noStream).toMatchObject({ expected: 'no-stream', actual: 2 });
        expect(noStream.code).toBe('conflict');
        const stale = await expectRejection(
          store.append('s-1', [anEvent()], { expectedRevision: 1 }),
          WrongExpectedRevisionError,
        );
        expect(stale).toMatchObject({ expected: 1, actual: 2 });
        const ahead = await expectRejection(
          store.append('s-1', [anEvent()], { expectedRevision: 7 }),
          WrongExpectedRevisionError,
        );
        expect(ahead).toMatchObject({ expected: 7, actual: 2 });
        await expect(
          store.append('s-1', [anEvent()], { expectedRevision: 'stream-exists' }),
        ).resolves.toMatchObject({ nextExpectedRevision: 3 });
        await expect(
          store.append('s-1', [anEvent()], { expectedRevision: 3 }),
        ).resolves.toMatchObject({ nextExpectedRevision: 4 });
        expect(await store.readStream('s-1')).toHaveLength(5);
      });

      it('given two writers with the same expectation, when both append at once, then exactly one wins', async () => {
        await store.append('s-1', [anEvent()]);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () =>
            store.append('s-1', [anEvent()], { expectedRevision: 0 }),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const loss of lost) {
          expect(loss.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(loss.reason).toMatchObject({ expected: 0, actual: 1 });
        }
        expect(await store.readStream('s-1')).toHaveLength(2);
      });

      it('given many concurrent appends to different streams, when one of them conflicts, then the others still succeed with their own results', async () => {
        await store.append('s-taken', [anEvent()]);
        const outcomes = await Promise.allSettled([
          ...Array.from({ length: 20 }, (_, i) =>
            store.append(`s-${i}`, [anEvent(), anEvent()], { expectedRevision: 'no-stream' }),
          ),
          store.append('s-taken', [anEvent()], { expectedRevision: 'no-stream' }),
        ]);
        const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
        expect(fulfilled).toHaveLength(20);
        expect(outcomes[20].status).toBe('rejected');
        const positions = fulfilled.flatMap((o) => o.value.events.map((e) => e.position));
        expect(new Set(positions).size).toBe(40);
      });
    });

    describe('idempotent appends', () => {
      it('given a stored batch, when the same ids and content are appended again, then the first answer comes back and nothing new is stored', async () => {
        harness.clock?.set('2025-11-11T10:00:00.000Z');
        const batch = events(3);
        const first = await store.append('s-1', batch, { expectedRevision: 'no-stream' });
        const head = await store.headPosition();
        harness.clock?.set('2025-11-12T10:00:00.000Z');

        const again = await store.append('s-1', batch, { expectedRevision: 'no-stream' });
        expect(again).toEqual(first);
        const anyAgain = await store.append('s-1', batch, { expectedRevision: 'any' });
        expect(anyAgain).toEqual(first);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream('s-1')).toHaveLength(3);
      });

      it('given a stored event, when retried with the data keys in another order and by another recorder, then it is the same event', async () => {
        const event = anEvent({ data: { a: 1, b: { c: 2, d: 3 } } });
        const first = await store.append('s-1', [event]);
        const retry = {
          ...event,
          data: { b: { d: 3, c: 2 }, a: 1 },
          metadata: { recordedBy: 'someone-else', correlationId: 'retry' },
        };
        await expect(store.append('s-1', [retry])).resolves.toEqual(first);
      });

      it('given a stored event, when its id comes again with other content, then it is a conflict and nothing is stored', async () => {
        const event = anEvent({ data: { n: 1 } });
        await store.append('s-1', [event]);
        const error = await expectRejection(
          store.append('s-1', [{ ...event, data: { n: 2 } }]),
          DuplicateEventIdError,
        );
        expect(error.eventId).toBe(event.eventId);
        expect(error.code).toBe('conflict');
        await expectRejection(
          store.append('s-1', [{ ...event, type: 'Other' }]),
          DuplicateEventIdError,
        );
        expect(await store.readStream('s-1')).toHaveLength(1);
      });

      it('given a stored event, when its id is reused in another stream, then it is a conflict where the adapter can tell', async () => {
        const event = anEvent();
        await store.append('s-1', [event]);
        const attempt = store.append('s-2', [event]);
        if (harness.capabilities.crossStreamEventIdUniqueness) {
          await expectRejection(attempt, DuplicateEventIdError);
          await expectRejection(store.readStream('s-2'), StreamNotFoundError);
        } else {
          await attempt;
        }
      });
    });

    describe('events by id', () => {
      it('given events in several streams, when read by id, then each stored one comes back in the order asked, wherever it is, and unknown ids are left out', async () => {
        if (!store.readEvents)
          return expect(harness.capabilities.crossStreamEventIdUniqueness).toBe(false);
        const [a, b, c] = [anEvent(), anEvent(), anEvent()];
        await store.append('batch-1', [a, b]);
        await store.append('report-x', [c]);

        const found = await store.readEvents([c.eventId, randomUUID(), a.eventId.toUpperCase()]);

        expect(found.map((e) => [e.eventId, e.stream])).toEqual([
          [c.eventId, 'report-x'],
          [a.eventId, 'batch-1'],
        ]);
        expect(await store.readEvents([])).toEqual([]);
      });
    });

    describe('atomic batches and bad input', () => {
      it('given a batch whose third event reuses a stored id with other content, when appended, then none of it is stored', async () => {
        const taken = anEvent({ data: { original: true } });
        await store.append('s-1', [taken]);
        const batch = [anEvent(), anEvent(), { ...taken, data: { original: false } }, anEvent()];
        await expect(store.append('s-1', batch)).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream('s-1')).toHaveLength(1);
        const all = await store.readAll();
        for (const event of batch) {
          expect(all.filter((e) => e.eventId === event.eventId)).toHaveLength(
            event === batch[2] ? 1 : 0,
          );
        }
      });

      it('given malformed appends, when submitted, then each is a validation error and nothing is stored', async () => {
        await expectRejection(store.append('s-1', []), ValidationError);
        await expectRejection(store.append('', [anEvent()]), ValidationError);
        await expectRejection(
          store.append('s-1', [anEvent({ eventId: 'not-a-uuid' })]),
          ValidationError,
        );
        const twice = anEvent();
        await expectRejection(store.append('s-1', [twice, twice]), ValidationError);
        await expectRejection(
          store.append('s-1', [anEvent()], { expectedRevision: -1 }),
          ValidationError,
        );
        expect(await store.headPosition()).toBe(0);
      });
    });

    describe('the global log', () => {
      it('given appends across streams, when read all, then positions only grow, in commit order, forwards and backwards, from exclusive positions', async () => {
        const a = await store.append('a-1', events(2));
        const b = await store.append('b-1', events(3));
        const c = await store.append('a-2', events(1));
        const expected = [...a.events, ...b.events, ...c.events];

        const all = await store.readAll();
        expect(all).toEqual(expected);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        expect(await store.headPosition()).toBe(positions[positions.length - 1]);

        expect(await store.readAll({ from: positions[1] })).toEqual(expected.slice(2));
        expect(await store.readAll({ from: positions[1], maxCount: 2 })).toEqual(
          expected.slice(2, 4),
        );
        expect(await store.readAll({ direction: 'backwards' })).toEqual([...expected].reverse());
        expect(
          await store.readAll({ direction: 'backwards', from: positions[3], maxCount: 2 }),
        ).toEqual([expected[2], expected[1]]);
      });

      it('given an empty store, then the head is 0 and read all is empty', async () => {
        expect(await store.headPosition()).toBe(0);
        expect(await store.readAll()).toEqual([]);
      });

      it('given mixed events, when read all with filters, then only the matching ones come back', async () => {
        await store.append('report-1', [anEvent({ type: 'A' }), anEvent({ type: 'B' })]);
        await store.append('actor-COL', [anEvent({ type: 'A' })]);
        await store.append('report-2', [anEvent({ type: 'C' })]);
        const byType = await store.readAll({ filter: { types: ['A', 'C'] } });
        expect(byType.map((e) => `${e.stream}:${e.type}`)).toEqual([
          'report-1:A',
          'actor-COL:A',
          'report-2:C',
        ]);
        const byPrefix = await store.readAll({ filter: { streamPrefixes: ['report-'] } });
        expect(byPrefix.map((e) => e.type)).toEqual(['A', 'B', 'C']);
        const both = await store.readAll({ filter: { types: ['A'], streamPrefixes: ['actor-'] } });
        expect(both.map((e) => e.stream)).toEqual(['actor-COL']);
        const several = await store.readAll({ filter: { streamPrefixes: ['actor-', 'report-2'] } });
        expect(several.map((e) => e.stream)).toEqual(['actor-COL', 'report-2']);
      });
    });

    describe('payloads', () => {
      it('given a one-megabyte payload, when appended, then it reads back whole', async () => {
        const text = 'x'.repeat(1024 * 1024);
        await store.append('s-big', [anEvent({ data: { text } })]);
        const [event] = await store.readStream('s-big');
        expect((event.data as { text: string }).text).toBe(text);
      });

      it('given unicode in streams, types and data, when appended, then it reads back unchanged', async () => {
        const data = {
          es: 'Petro ordenó suspender el envío de información',
          ar: 'قطع العلاقات',
          zh: '情报合作',
          emoji: '🇨🇴→🇺🇸 ⛔',
          combining: 'é vs é',
        };
        await store.append('report-Bogotá-🇨🇴', [anEvent({ type: 'StatementIssued', data })]);
        const [event] = await store.readStream('report-Bogotá-🇨🇴');
        expect(event.data).toEqual(data);
        const filtered = await store.readAll({ filter: { streamPrefixes: ['report-Bogotá'] } });
        expect(filtered).toHaveLength(1);
      });
    });

    describe('subscriptions', () => {
      it('given stored events, when subscribing from the start, then it catches up, says so, then delivers live events', async () => {
        const stored = await store.append('s-1', events(3));
        const { result, caughtUp } = collect(store, {}, (received) => received.length === 5);
        await caughtUp;
        const live = await store.append('s-2', events(2));
        const { events: received, messages } = await result;
        expect(received).toEqual([...stored.events, ...live.events]);
        const caughtUpAt = messages.findIndex((m) => m.kind === 'caught-up');
        expect(caughtUpAt).toBeGreaterThanOrEqual(3);
        expect(messages[caughtUpAt]).toEqual({ kind: 'caught-up', position: stored.position });
      });

      it('given a checkpoint, when subscribing from it, then only later events arrive', async () => {
        const first = await store.append('s-1', events(3));
        const later = await store.append('s-1', events(2));
        const { result } = collect(store, { from: first.position }, (r) => r.length === 2);
        expect((await result).events).toEqual(later.events);
      });

      it('given a filter, when subscribing, then only matching events arrive, stored and live', async () => {
        await store.append('report-1', [anEvent({ type: 'A' }), anEvent({ type: 'B' })]);
        const { result } = collect(
          store,
          { filter: { types: ['B'], streamPrefixes: ['report-'] } },
          (r) => r.length === 2,
        );
        await store.append('actor-X', [anEvent({ type: 'B' })]);
        await store.append('report-2', [anEvent({ type: 'A' }), anEvent({ type: 'B' })]);
        const received = (await result).events;
        expect(received.map((e) => `${e.stream}:${e.type}`)).toEqual(['report-1:B', 'report-2:B']);
      });

      it('given a subscription, when unsubscribed, then nothing more arrives', async () => {
        const seen: SubscriptionMessage[] = [];
        const subscription = store.subscribe({}).subscribe((m) => seen.push(m));
        await store.append('s-1', [anEvent()]);
        await collect(store, {}, untilSentinel).caughtUp;
        await appendSentinel(store);
        await collect(store, {}, untilSentinel).result;
        subscription.unsubscribe();
        const countAtStop = seen.length;
        expect(seen.filter((m) => m.kind === 'event')).toHaveLength(2);
        await store.append('s-1', [anEvent()]);
        await appendSentinel(store);
        await collect(store, {}, (r) => r.filter((e) => e.type === 'Sentinel').length === 2).result;
        expect(seen.length).toBe(countAtStop);
      });

      it('given 10,000 events appended concurrently with a catch-up, then the subscriber gets each exactly once, in order', async () => {
        const total = 10_000;
        const perAppend = 10;
        await appendConcurrently(store, total / 2, perAppend, 8);
        const { result } = collect(store, {}, (r) => r.length >= total, 240_000);
        await appendConcurrently(store, total / 2, perAppend, 8);
        const received = (await result).events;

        const positions = received.map((e) => e.position);
        expect(new Set(positions).size).toBe(positions.length);
        for (let i = 1; i < positions.length; i++)
          expect(positions[i]).toBeGreaterThan(positions[i - 1]);
        const stored = await readEverything(store);
        expect(positions).toEqual(stored.map((e) => e.position));
        expect(received.length).toBe(total);
      }, 300_000);

      it('given several subscribers at different checkpoints, when appends continue, then each sees the same suffix of the log', async () => {
        await appendConcurrently(store, 200, 5, 4);
        const stored = await readEverything(store);
        const middle = stored[99].position;
        const head = await store.headPosition();
        const subscribers = [0, middle, head].map((from) =>
          collect(store, { from }, untilSentinel),
        );
        await appendConcurrently(store, 100, 1, 4);
        await appendSentinel(store);
        const everything = await readEverything(store);
        const [all, half, tail] = await Promise.all(subscribers.map((s) => s.result));
        expect(all.events).toEqual(everything);
        expect(half.events).toEqual(everything.slice(100));
        expect(tail.events).toEqual(everything.filter((e) => e.position > head));
        expect(tail.events).toHaveLength(101);
      }, 120_000);
    });
  });
}

async function appendConcurrently(
  store: EventStore,
  count: number,
  perAppend: number,
  writers: number,
): Promise<void> {
  let remaining = count / perAppend;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (remaining > 0) {
        remaining--;
        await store.append(`load-${w}`, events(perAppend));
      }
    }),
  );
}

export async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ from: all.at(-1)?.position ?? 0, maxCount: 1000 });
    if (page.length === 0) return all;
    all.push(...page);
  }
}
