import { map, type Observable } from 'rxjs';
import {
  DuplicateEventIdError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type EventFilter,
  type EventStore,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionMessage,
} from '@entente/event-store';

/**
 * A real server cannot be emptied between tests, and the contract wants an empty store for each. This
 * gives each test its own prefix: streams are renamed on the way in and back on the way out, and the
 * global log is read through a stream-prefix filter, so a test sees only what it wrote.
 */
export class NamespacedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly namespace: string,
  ) {}

  async append(
    stream: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const result = await this.inner.append(this.in(stream), events, options).catch(this.rethrow);
    return { ...result, events: result.events.map((e) => this.out(e)) };
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]> {
    const events = await this.inner.readStream(this.in(stream), options).catch(this.rethrow);
    return events.map((e) => this.out(e));
  }

  async readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    const events = await this.inner.readAll({ ...options, filter: this.filter(options.filter) });
    return events.map((e) => this.out(e));
  }

  subscribe(options: SubscribeOptions = {}): Observable<SubscriptionMessage> {
    return this.inner
      .subscribe({ ...options, filter: this.filter(options.filter) })
      .pipe(map((m) => (m.kind === 'event' ? { kind: 'event', event: this.out(m.event) } : m)));
  }

  async headPosition(): Promise<number> {
    const [last] = await this.readAll({ direction: 'backwards', maxCount: 1 });
    return last?.position ?? 0;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private in(stream: string): string {
    return stream && !stream.startsWith('$') ? `${this.namespace}${stream}` : stream;
  }

  private back(stream: string): string {
    return stream.startsWith(this.namespace) ? stream.slice(this.namespace.length) : stream;
  }

  private out(event: RecordedEvent): RecordedEvent {
    return Object.freeze({ ...event, stream: this.back(event.stream) });
  }

  private filter(filter: EventFilter | undefined): EventFilter {
    const prefixes = filter?.streamPrefixes ?? [''];
    return { ...filter, streamPrefixes: prefixes.map((p) => `${this.namespace}${p}`) };
  }

  private readonly rethrow = (error: unknown): never => {
    if (error instanceof WrongExpectedRevisionError) {
      throw new WrongExpectedRevisionError(this.back(error.stream), error.expected, error.actual);
    }
    if (error instanceof DuplicateEventIdError) {
      throw new DuplicateEventIdError(error.eventId, this.back(error.storedIn));
    }
    if (error instanceof StreamNotFoundError)
      throw new StreamNotFoundError(this.back(error.stream));
    throw error;
  };
}
