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
} from '@entente/event-store';
import { Observable } from 'rxjs';

/** A small seeded generator (mulberry32): the same seed gives the same chunk sizes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A real store whose subscriptions hand messages over in chunks of random size, yielding to the event
 * loop between chunks. A projection runner commits what it has received whenever it gets the loop back,
 * so its batch boundaries follow the chunks instead of the store's fixed catch-up pages. Nothing is
 * reordered, dropped or invented: only the timing changes.
 */
export class ChunkedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly random: () => number,
    private readonly maxChunk: number,
  ) {}

  append(
    stream: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return this.inner.append(stream, events, options);
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]> {
    return this.inner.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  subscribe(options?: SubscribeOptions): Observable<SubscriptionMessage> {
    return new Observable<SubscriptionMessage>((subscriber) => {
      const queue: SubscriptionMessage[] = [];
      let end: { error: unknown } | 'complete' | null = null;
      let timer: NodeJS.Immediate | undefined;
      const drain = (): void => {
        timer = undefined;
        const size = 1 + Math.floor(this.random() * this.maxChunk);
        for (const message of queue.splice(0, size)) subscriber.next(message);
        if (queue.length > 0) timer = setImmediate(drain);
        else if (end === 'complete') subscriber.complete();
        else if (end) subscriber.error(end.error);
      };
      const schedule = (): void => {
        timer ??= setImmediate(drain);
      };
      const upstream = this.inner.subscribe(options).subscribe({
        next: (message) => {
          queue.push(message);
          schedule();
        },
        error: (error: unknown) => {
          end = { error };
          schedule();
        },
        complete: () => {
          end = 'complete';
          schedule();
        },
      });
      return () => {
        upstream.unsubscribe();
        if (timer) clearImmediate(timer);
      };
    });
  }
}
