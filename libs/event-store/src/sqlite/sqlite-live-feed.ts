import type { Subscriber, TeardownLogic } from 'rxjs';
import type { RecordedEvent, SubscribeOptions, SubscriptionMessage } from '../event-store.port';
import { isEmptyFilter, matchesFilter } from '../event-filter';
import type { SqliteEventReader } from './sqlite-event-reader';

const CATCH_UP_PAGE = 512;
/** A filtered follower hears a checkpoint after this many positions go by without a matching event. */
const CHECKPOINT_INTERVAL = 1024;

interface Follower {
  readonly options: SubscribeOptions;
  readonly subscriber: Subscriber<SubscriptionMessage>;
  /** Last position seen, delivered or filtered out: the follower never goes back to or below it. */
  last: number;
  /** Last position the follower was told about, by an event or a checkpoint. */
  announced: number;
}

/**
 * Catch-up reads pages from the table, yielding to the event loop between pages; when a page comes back
 * short, the follower has read up to the head and joins the live set in the same synchronous step, so no
 * commit can fall between the two. From then on, each commit's events are handed over in memory.
 */
export class SqliteLiveFeed {
  private readonly live = new Set<Follower>();

  constructor(private readonly reader: SqliteEventReader) {}

  follow(options: SubscribeOptions, subscriber: Subscriber<SubscriptionMessage>): TeardownLogic {
    const from = options.from ?? 0;
    const follower: Follower = { options, subscriber, last: from, announced: from };
    let timer: NodeJS.Immediate | undefined;
    const catchUp = (): void => {
      timer = undefined;
      if (subscriber.closed) return;
      const page = this.reader.readAll({
        from: follower.last,
        filter: options.filter,
        maxCount: CATCH_UP_PAGE,
      });
      for (const event of page) {
        if (subscriber.closed) return;
        this.deliver(follower, event);
      }
      if (page.length === CATCH_UP_PAGE) {
        timer = setImmediate(catchUp);
        return;
      }
      follower.last = Math.max(follower.last, this.reader.head());
      follower.announced = follower.last;
      subscriber.next({ kind: 'caught-up', position: follower.last });
      if (!subscriber.closed) this.live.add(follower);
    };
    timer = setImmediate(catchUp);
    return () => {
      if (timer) clearImmediate(timer);
      this.live.delete(follower);
    };
  }

  /** Called after each commit with the events it stored, in position order. */
  publish(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    for (const follower of this.live) {
      for (const event of events) {
        if (follower.subscriber.closed) break;
        if (event.position <= follower.last) continue;
        if (matchesFilter(event, follower.options.filter)) this.deliver(follower, event);
        else follower.last = event.position;
      }
      this.checkpointIfIdle(follower);
    }
  }

  complete(): void {
    for (const follower of this.live) follower.subscriber.complete();
    this.live.clear();
  }

  private deliver(follower: Follower, event: RecordedEvent): void {
    follower.last = event.position;
    follower.announced = event.position;
    follower.subscriber.next({ kind: 'event', event });
  }

  private checkpointIfIdle(follower: Follower): void {
    if (isEmptyFilter(follower.options.filter) || follower.subscriber.closed) return;
    if (follower.last - follower.announced < CHECKPOINT_INTERVAL) return;
    follower.announced = follower.last;
    follower.subscriber.next({ kind: 'checkpoint', position: follower.last });
  }
}
