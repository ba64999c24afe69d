import { EventEmitter } from 'node:events';
import {
  AccessDeniedError,
  UnavailableError,
  type EventStoreDBClient,
  type Position,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { SubscriptionMessage } from '../event-store.port';
import { ConnectionStatus } from './eventstoredb-connection-status';
import { subscribeToAll } from './eventstoredb-subscription';

/** Stands in for the client's Subscription stream: what the adapter listens to, and its buffer length. */
class FakeCall extends EventEmitter {
  readableLength = 0;
  unsubscribed = false;

  constructor(readonly options: SubscribeToAllOptions) {
    super();
  }

  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }

  /** The client parsed an event: it is buffered until the stream emits it. */
  buffer(): void {
    this.readableLength++;
  }

  emitEvent(commit: number, stream = 'report-1', type = 'Happened'): void {
    this.readableLength = Math.max(0, this.readableLength - 1);
    this.emit('data', {
      event: {
        streamId: stream,
        id: `00000000-0000-4000-8000-${commit.toString().padStart(12, '0')}`,
        revision: 0n,
        type,
        isJson: true,
        data: {},
        metadata: {},
        created: new Date(0),
        position: { commit: BigInt(commit), prepare: BigInt(commit) },
      },
    });
  }

  checkpoint(commit: number, prepare: number): void {
    const position: Position = { commit: BigInt(commit), prepare: BigInt(prepare) };
    void this.options.filter!.checkpointReached!(this as never, position);
  }
}

function fakeClient() {
  const calls: FakeCall[] = [];
  const client = {
    subscribeToAll: (options: SubscribeToAllOptions) => {
      const call = new FakeCall(options);
      calls.push(call);
      return call;
    },
  } as unknown as EventStoreDBClient;
  return { client, calls };
}

const settings = {
  backoff: { initialMs: 1, maxMs: 2 },
  checkpoints: { searchWindow: 8, multiplier: 1 },
};

function follow(client: EventStoreDBClient, status = new ConnectionStatus(), from?: number) {
  const messages: SubscriptionMessage[] = [];
  const errors: unknown[] = [];
  const subscription = subscribeToAll(client, { from }, settings, status, new Set()).subscribe({
    next: (m) => messages.push(m),
    error: (e) => errors.push(e),
  });
  const summary = () =>
    messages.map((m) =>
      m.kind === 'event' ? `event@${m.event.position}` : `${m.kind}@${m.position}`,
    );
  return { messages, errors, subscription, summary };
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('EventStoreDB subscription, against a stand-in for the client', () => {
  it('given events still buffered in the client, when a checkpoint and caught-up arrive, then they wait for those events', () => {
    const { client, calls } = fakeClient();
    const { summary } = follow(client);
    const [call] = calls;
    call.buffer();
    call.buffer();
    call.checkpoint(20, 20);
    call.emit('caughtUp');
    expect(summary()).toEqual([]);
    call.emitEvent(10);
    call.emitEvent(20);
    expect(summary()).toEqual(['event@21', 'event@41', 'caught-up@41']);
  });

  it('given a checkpoint between two records, when announced, then it stops short of the record it names', () => {
    const { client, calls } = fakeClient();
    const { summary } = follow(client);
    calls[0].emitEvent(10);
    calls[0].checkpoint(30, 0);
    expect(summary()).toEqual(['event@21', 'checkpoint@60']);
  });

  it('given a lost connection, when the server answers again, then it resumes after the last position considered and reports reconnecting meanwhile', async () => {
    const { client, calls } = fakeClient();
    const status = new ConnectionStatus();
    const { summary } = follow(client, status);
    calls[0].emit('confirmation');
    calls[0].emitEvent(10);
    calls[0].emitEvent(20, '$stats-127.0.0.1', '$statsCollected');
    calls[0].checkpoint(30, 0);
    calls[0].emit('caughtUp');
    calls[0].emit('error', new UnavailableError());
    expect(status.current).toBe('reconnecting');
    expect(calls[0].unsubscribed).toBe(true);

    await nextTurn();
    expect(calls).toHaveLength(2);
    expect(calls[1].options.fromPosition).toEqual({ commit: 30n, prepare: 0n });
    calls[1].emit('confirmation');
    expect(status.current).toBe('connected');
    calls[1].emitEvent(20);
    calls[1].emitEvent(30);
    calls[1].emit('caughtUp');
    expect(summary()).toEqual(['event@21', 'checkpoint@60', 'caught-up@60', 'event@61']);
  });

  it('given a refusal that would only repeat, when it comes, then the subscriber hears the error', () => {
    const { client, calls } = fakeClient();
    const status = new ConnectionStatus();
    const { errors } = follow(client, status);
    calls[0].emit('error', new AccessDeniedError());
    expect(errors[0]).toBeInstanceOf(AccessDeniedError);
    expect(status.current).toBe('connected');
  });

  it('given an unsubscription, then the call is cancelled and nothing reconnects', async () => {
    const { client, calls } = fakeClient();
    const { subscription } = follow(client, new ConnectionStatus(), 41);
    expect(calls[0].options.fromPosition).toEqual({ commit: 20n, prepare: 20n });
    subscription.unsubscribe();
    expect(calls[0].unsubscribed).toBe(true);
    await nextTurn();
    expect(calls).toHaveLength(1);
  });
});
