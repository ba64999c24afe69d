import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError as ClientStreamNotFoundError,
  type EventStoreDBClient,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { StreamNotFoundError } from '../event-store.errors';
import { accepts } from './eventstoredb-filter';
import { toRecordedEvent } from './eventstoredb-event.mapper';
import { toLogPosition } from './eventstoredb-position';

const ALL_PAGE = 512;
const DEFAULT_READ_ALL_MAX = 1_000;

/** Reads for the adapter: streams with typed not-found, and $all paged, without the server's events. */
export class EventStoreDbReader {
  constructor(private readonly client: EventStoreDBClient) {}

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision:
          options.fromRevision === undefined
            ? backwards
              ? END
              : START
            : BigInt(options.fromRevision),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
        // Idempotency and read-your-writes both depend on reading what the leader has.
        requiresLeader: true,
      });
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        events.push(toRecordedEvent(resolved));
      }
    } catch (error) {
      if (error instanceof ClientStreamNotFoundError) throw new StreamNotFoundError(stream);
      throw error;
    }
    return events;
  }

  /** The events of a stream from `fromRevision` on, or none if the stream does not exist. */
  async readStreamFrom(stream: string, fromRevision: number): Promise<RecordedEvent[]> {
    try {
      return await this.readStream(stream, { fromRevision });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /**
   * Pages through $all until `maxCount` events pass the filter. The client cannot ask the server to filter
   * a read of $all, so the filter, and the exclusion of the server's own events, run here.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_MAX;
    const from = options.from;
    const result: RecordedEvent[] = [];
    let cursor: ReadPosition = startOf(from, backwards);
    let boundary = from ?? (backwards ? Number.POSITIVE_INFINITY : 0);
    while (result.length < maxCount) {
      let read = 0;
      const page = this.client.readAll({
        direction: backwards ? BACKWARDS : FORWARDS,
        fromPosition: cursor,
        maxCount: ALL_PAGE,
      });
      for await (const resolved of page as AsyncIterable<ResolvedEvent>) {
        read++;
        const raw = resolved.event;
        if (!raw?.position) continue;
        cursor = raw.position;
        if (!accepts({ stream: raw.streamId, type: raw.type }, options.filter)) continue;
        const event = toRecordedEvent(resolved);
        // Forwards reads include the record at the cursor; the port's `from` is exclusive.
        if (backwards ? event.position >= boundary : event.position <= boundary) continue;
        boundary = event.position;
        result.push(event);
        if (result.length === maxCount) {
          await page.cancel();
          break;
        }
      }
      if (read < ALL_PAGE) break;
    }
    return result;
  }

  /** The last of Entente's events in the log: its position, or 0 when there is none. */
  async headPosition(): Promise<number> {
    const [last] = await this.readAll({ direction: 'backwards', maxCount: 1 });
    return last?.position ?? 0;
  }
}

function startOf(from: number | undefined, backwards: boolean): ReadPosition {
  if (from === undefined || (from === 0 && !backwards)) return backwards ? END : START;
  const position = toLogPosition(from);
  return position === 'start' ? START : position;
}
