import { systemClock, type Clock } from '@entente/common';
import { Observable } from 'rxjs';
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
import { GroupCommit, type RequestContext } from './group-commit';
import {
  openSqliteDatabase,
  type Checkpoints,
  type Durability,
  type SqliteDatabase,
} from './sqlite-database';
import { SqliteEventReader } from './sqlite-event-reader';
import { migrateEventStoreSchema } from './sqlite-event-store.schema';
import { SqliteEventWriter, type AppendOutcome, type AppendRequest } from './sqlite-event-writer';
import { SqliteLiveFeed } from './sqlite-live-feed';

export interface SqliteEventStoreOptions {
  /** A file path, or `:memory:`. */
  readonly file: string;
  readonly durability?: Durability;
  readonly clock?: Clock;
  /** Most appends that one transaction (one fsync) may carry. */
  readonly maxGroupSize?: number;
  readonly checkpoints?: Checkpoints;
}

/**
 * The embedded event store: one SQLite file in WAL mode, owned by one process. better-sqlite3 is
 * synchronous, so every read and write below runs to completion without interleaving; that is what makes
 * the revision checks, the group commit and the catch-up-to-live hand-over exact.
 */
export class SqliteEventStore implements EventStore {
  private readonly reader: SqliteEventReader;
  private readonly writer: SqliteEventWriter;
  private readonly commits: GroupCommit<AppendRequest, AppendOutcome>;
  private readonly feed: SqliteLiveFeed;
  private lastRecordedAt: number;
  private closed = false;

  private constructor(
    private readonly db: SqliteDatabase,
    clock: Clock,
    maxGroupSize: number,
  ) {
    migrateEventStoreSchema(db);
    this.reader = new SqliteEventReader(db);
    this.writer = new SqliteEventWriter(db, this.reader);
    this.feed = new SqliteLiveFeed(this.reader);
    const last = this.reader.readAll({ direction: 'backwards', maxCount: 1 })[0];
    this.lastRecordedAt = last ? Date.parse(last.metadata.recordedAt) : 0;
    this.commits = new GroupCommit<AppendRequest, AppendOutcome>(
      db,
      {
        apply: (request, context) => this.applyAppend(request, context),
        committed: (outcomes) => this.feed.publish(outcomes.flatMap((o) => o.stored)),
      },
      () => clock.now(),
      maxGroupSize,
    );
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = openSqliteDatabase(options.file, {
      durability: options.durability,
      checkpoints: options.checkpoints,
    });
    return new SqliteEventStore(db, options.clock ?? systemClock, options.maxGroupSize ?? 512);
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    validateAppend(stream, events, expected);
    const outcome = await this.commits.submit({ stream, events, expected });
    return outcome.result;
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readStream(stream, options);
  }

  async readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readAll(options);
  }

  async readEvents(eventIds: readonly string[]): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    return this.reader.byEventIds(eventIds);
  }

  subscribe(options: SubscribeOptions = {}): Observable<SubscriptionMessage> {
    return new Observable<SubscriptionMessage>((subscriber) => {
      this.assertOpen();
      return this.feed.follow(options, subscriber);
    });
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.reader.head();
  }

  /** Committed transactions and the appends they carried since the store was opened. */
  commitStats(): { readonly transactions: number; readonly requests: number } {
    return this.commits.stats();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.commits.drain();
    this.closed = true;
    this.feed.complete();
    this.db.close();
  }

  private applyAppend(request: AppendRequest, context: RequestContext): AppendOutcome {
    // Record time never goes backwards, even if the wall clock does: "known at K" must be monotonic in
    // the log's order.
    this.lastRecordedAt = Math.max(this.lastRecordedAt, context.startedAt.getTime());
    const recordedAt = new Date(this.lastRecordedAt).toISOString();
    try {
      return this.writer.append(request, recordedAt);
    } catch (error) {
      if (!isUniqueEventIdViolation(error)) throw error;
      context.undo();
      const replay = this.writer.replayOf(request);
      if (!replay) throw error;
      return { result: replay, stored: [] };
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}

/** Duck-typed: better-sqlite3's error class belongs to whichever realm loaded the addon first. */
function isUniqueEventIdViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof message === 'string' &&
    message.includes('events.event_id')
  );
}
