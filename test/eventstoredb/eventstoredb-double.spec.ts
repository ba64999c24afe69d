import {
  EventStoreDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import { EventStoreDbDouble } from '../eventstoredb-double';

/**
 * The double as the official client sees it: what a real node would answer, on the wire, for the calls
 * the adapter makes. These pin the double itself, so that the adapter's tests rest on something checked.
 */
describe('EventStoreDB double, seen through the official client', () => {
  let double: EventStoreDbDouble;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    double = await EventStoreDbDouble.start();
    client = EventStoreDBClient.connectionString(double.connectionString);
  });
  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  const one = (type = 'A') => jsonEvent({ type, data: { at: type } });

  it('reports a wrong expected version with the current and expected revisions, on BatchAppend', async () => {
    await client.appendToStream('s-1', [one(), one()]);
    const error = await client
      .appendToStream('s-1', [one()], { expectedRevision: 'no_stream' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({
      streamName: 's-1',
      expectedVersion: 'no_stream',
      actualVersion: 1n,
    });
  });

  it('answers a read of a missing stream with stream-not-found', async () => {
    const read = async () => {
      for await (const _ of client.readStream('missing')) void _;
    };
    await expect(read()).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('refuses to read $all from a position that is not a record', async () => {
    const { position } = await client.appendToStream('s-1', [one()]);
    const read = async () => {
      const from = { commit: position!.commit + 1n, prepare: position!.prepare + 1n };
      for await (const _ of client.readAll({ fromPosition: from })) void _;
    };
    await expect(read()).rejects.toMatchObject({ code: 3 });
  });

  it('deduplicates by id as the server does: after the expected revision, by id only', async () => {
    const first = one('First');
    await client.appendToStream('s-1', [first], { expectedRevision: 'no_stream' });
    const again = await client.appendToStream('s-1', [{ ...first, data: { other: true } }], {
      expectedRevision: 'no_stream',
    });
    expect(again.nextExpectedRevision).toBe(0n);
    await client.appendToStream('s-1', [one()], { expectedRevision: 0n });
    const events = [];
    for await (const e of client.readStream('s-1')) events.push(e.event?.type);
    expect(events).toEqual(['First', 'A']);
  });

  it('gives a filtered $all subscription its confirmation, events, checkpoints and caught-up, in order', async () => {
    for (let i = 0; i < 40; i++) await client.appendToStream(`s-${i % 3}`, [one(`T${i}`)]);
    const seen: string[] = [];
    let subscription!: AllStreamSubscription;
    await new Promise<void>((resolve) => {
      subscription = client.subscribeToAll({
        filter: excludeSystemEvents({
          maxSearchWindow: 8,
          checkpointReached: (_s, p) => void seen.push(`checkpoint:${p.commit}/${p.prepare}`),
        }),
      });
      subscription.on('confirmation', () => seen.push('confirmation'));
      subscription.on('data', (e) => seen.push(`event:${e.event?.type}`));
      subscription.on('caughtUp', () => {
        seen.push('caught-up');
        resolve();
      });
    });
    await subscription.unsubscribe();
    expect(seen[0]).toBe('confirmation');
    expect(seen.filter((s) => s.startsWith('event:'))).toHaveLength(40);
    expect(seen.filter((s) => s.startsWith('checkpoint:')).length).toBeGreaterThanOrEqual(5);
    expect(seen.at(-1)).toBe('caught-up');
    expect(seen.at(-2)).toMatch(/^checkpoint:/);
  });
});
