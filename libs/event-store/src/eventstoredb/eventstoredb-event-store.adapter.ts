import { EventStoreDBClient } from '@eventstore/db-client';
import type { Observable } from 'rxjs';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../event-store.port';
import { validateAppend } from '../append-validation';
import { EventStoreDbAppender } from './eventstoredb-appender';
import { ConnectionStatus, type EventStoreConnectionState } from './eventstoredb-connection-status';
import type { CheckpointSettings } from './eventstoredb-filter';
import { EventStoreDbReader } from './eventstoredb-reader';
import { DEFAULT_BACKOFF, withRetry, type Backoff } from './eventstoredb-retry';
import { StreamIndex } from './eventstoredb-stream-index';
import { subscribeToAll } from './eventstoredb-subscription';

export interface EventStoreDbEventStoreOptions {
  /** Waits between reconnections of a subscription, and between retries of a call. */
  readonly backoff?: Backoff;
  /** Attempts per append or read when the node is unreachable, not ready or not the leader. */
  readonly attempts?: number;
  /** How often a filtered subscription hears a checkpoint; every 1,024 considered events by default. */
  readonly checkpoints?: CheckpointSettings;
  /** How many event ids the adapter remembers across streams for idempotency checks. */
  readonly knownIdsLimit?: number;
}

/** Sent unless the connection string says otherwise: dead connections are noticed within 20 s. */
const KEEPALIVE = { keepAliveInterval: '10000', keepAliveTimeout: '10000' };

/**
 * The event store on EventStoreDB (or KurrentDB), through the official gRPC client: one stream per
 * aggregate, each event's metadata carrying recordedBy, correlation and causation ids and the schema
 * version, and $all, without the server's own events, as the global log. Record time is the server's own:
 * `created`, set by the leader at commit, so that every API node reading the log agrees on what was
 * recorded by when, whatever their clocks say.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly reader: EventStoreDbReader;
  private readonly appender: EventStoreDbAppender;
  private readonly status = new ConnectionStatus();
  private readonly subscriptions = new Set<{ end(): void }>();
  private readonly settings: Required<Omit<EventStoreDbEventStoreOptions, 'knownIdsLimit'>>;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.settings = {
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      attempts: options.attempts ?? 5,
      checkpoints: options.checkpoints ?? { searchWindow: 256, multiplier: 4 },
    };
    this.reader = new EventStoreDbReader(client);
    this.appender = new EventStoreDbAppender(
      client,
      this.reader,
      new StreamIndex(options.knownIdsLimit),
    );
  }

  /** `esdb://host:2113?tls=false`, or `esdb+discover://...` for a cluster; keepalive on by default. */
  static connect(
    connectionString: string,
    options: EventStoreDbEventStoreOptions = {},
  ): EventStoreDbEventStore {
    return new EventStoreDbEventStore(
      EventStoreDBClient.connectionString(withKeepAlive(connectionString)),
      options,
    );
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    validateAppend(stream, events, expected);
    return this.retrying(() => this.appender.append(stream, events, expected));
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const events = await this.retrying(() => this.reader.readStream(stream, options));
    this.appender.learn(stream, events);
    return events;
  }

  async readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    return this.retrying(() => this.reader.readAll(options));
  }

  subscribe(options: SubscribeOptions = {}): Observable<SubscriptionMessage> {
    this.assertOpen();
    return subscribeToAll(this.client, options, this.settings, this.status, this.subscriptions);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.retrying(() => this.reader.headPosition());
  }

  /** For the health route: `reconnecting` while any subscription is waiting to get its connection back. */
  connectionState(): EventStoreConnectionState {
    return this.status.current;
  }

  get connectionState$(): Observable<EventStoreConnectionState> {
    return this.status.changes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) subscription.end();
    this.status.complete();
    await this.client.dispose();
  }

  private retrying<T>(operation: () => Promise<T>): Promise<T> {
    return withRetry(operation, this.settings);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}

function withKeepAlive(connectionString: string): string {
  const [base, query = ''] = connectionString.split('?');
  const params = new URLSearchParams(query);
  for (const [key, value] of Object.entries(KEEPALIVE)) {
    const present = [...params.keys()].some((k) => k.toLowerCase() === key.toLowerCase());
    if (!present) params.set(key, value);
  }
  return `${base}?${params.toString()}`;
}
