import type {
  EventStore,
  RecordedEvent,
  SqliteDatabase,
  SubscriptionMessage,
} from '@entente/event-store';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { tableNamer, type ProjectionDefinition, type ProjectionWriter } from './projection';
import type { ProjectionRegistry } from './projection-registry';

export type RunnerState = 'stopped' | 'catching-up' | 'live' | 'failed';

export interface ProjectionFailure {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly reason: string;
}

/** What one committed batch did: the events it covered (all of them, handled or not) and the changes. */
export interface AppliedBatch<Change> {
  /** The checkpoint before the batch: a follower that has seen exactly this far misses nothing. */
  readonly from: number;
  /** The checkpoint after the batch. */
  readonly position: number;
  readonly events: readonly RecordedEvent[];
  readonly changes: readonly Change[];
}

export interface RunnerStatus {
  readonly name: string;
  readonly version: number;
  readonly generation: number;
  readonly state: RunnerState;
  readonly position: number;
  readonly failure: ProjectionFailure | null;
}

export interface RunnerOptions {
  /** How many events a catch-up batch may gather before it commits (default 10,000). */
  readonly catchUpBatch?: number;
}

export interface ProjectionLogger {
  log(message: string): void;
  error(message: string): void;
}

const MAX_BATCH = 2_000;
/**
 * While catching up, batches grow this large (or wait this long) before they commit: a rebuild then
 * rewrites each hot page once per many events instead of once per page of the log.
 */
const CATCH_UP_BATCH = 10_000;
const CATCH_UP_WAIT_MS = 50;

/**
 * Feeds one generation of one projection from the store: subscribes from its checkpoint, applies events
 * in batches, and writes each batch's rows and the new checkpoint in one SQLite transaction, so that a
 * crash at any point resumes exactly where the last commit left off.
 */
export class ProjectionRunner<Change = never> {
  private readonly writer: ProjectionWriter<Change>;
  private readonly handled: ReadonlySet<string>;
  private readonly applied = new Subject<AppliedBatch<Change>>();
  private subscription: Subscription | undefined;
  private pending: RecordedEvent[] = [];
  private pendingCheckpoint = 0;
  private flushScheduled = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private caughtUpAt: number | null = null;
  private state: RunnerState = 'stopped';
  private failure: ProjectionFailure | null = null;
  private position: number;
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];
  private liveWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly db: SqliteDatabase,
    private readonly registry: ProjectionRegistry,
    readonly definition: ProjectionDefinition<Change>,
    readonly generation: number,
    private readonly logger?: ProjectionLogger,
    private readonly options: RunnerOptions = {},
  ) {
    this.writer = definition.open(db, tableNamer(definition.name, generation));
    this.handled = new Set(definition.handles);
    this.position = registry.checkpoint(definition.name, generation)?.position ?? 0;
  }

  /** Batches committed from now on, in order. */
  get applied$(): Observable<AppliedBatch<Change>> {
    return this.applied.asObservable();
  }

  start(): void {
    if (this.subscription) return;
    this.writer.create();
    this.state = 'catching-up';
    this.caughtUpAt = null;
    this.subscription = this.store.subscribe({ from: this.position }).subscribe({
      next: (message) => this.receive(message),
      error: (error: unknown) => this.stopWith(this.failureOf(null, error)),
    });
  }

  /** Applies what has been received, then stops following the store. */
  stop(): void {
    this.flush();
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    if (this.state !== 'failed') this.state = 'stopped';
    this.settleWaiters(true);
    for (const waiter of this.liveWaiters.splice(0)) waiter.reject(new Error('stopped'));
  }

  /** Drops this generation's tables: for a generation that will never answer again. */
  dropTables(): void {
    this.writer.drop();
    this.writer.reset();
  }

  /** Resolves when the runner has caught up with the store; rejects if it fails or stops first. */
  whenLive(): Promise<void> {
    if (this.state === 'live') return Promise.resolve();
    if (this.state === 'failed') return Promise.reject(new Error(this.failure?.reason));
    return new Promise((resolve, reject) => this.liveWaiters.push({ resolve, reject }));
  }

  status(): RunnerStatus {
    return {
      name: this.definition.name,
      version: this.definition.version,
      generation: this.generation,
      state: this.state,
      position: this.position,
      failure: this.failure,
    };
  }

  /** Resolves true once the read model covers `position`, false on timeout, stop or failure. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    if (this.state === 'failed' || this.state === 'stopped') return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private receive(message: SubscriptionMessage): void {
    if (this.state === 'failed') return;
    if (message.kind === 'event') {
      // A resumed subscription may hand back what was already applied or is about to be.
      if (message.event.position <= (this.pending.at(-1)?.position ?? this.position)) return;
      this.pending.push(message.event);
      const limit =
        this.state === 'live' ? MAX_BATCH : (this.options.catchUpBatch ?? CATCH_UP_BATCH);
      if (this.pending.length >= limit) this.flush();
      else this.scheduleFlush();
      return;
    }
    this.pendingCheckpoint = Math.max(this.pendingCheckpoint, message.position);
    if (message.kind === 'caught-up') this.caughtUpAt = message.position;
    this.scheduleFlush(message.kind === 'caught-up');
  }

  /** Live: at the next turn of the event loop. Catching up: a little later, so that the batch can grow. */
  private scheduleFlush(now = false): void {
    if (this.flushScheduled && !now) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushScheduled = true;
    const run = () => {
      this.flushScheduled = false;
      this.flushTimer = undefined;
      this.flush();
    };
    if (this.state === 'live' || now) setImmediate(run);
    else this.flushTimer = setTimeout(run, CATCH_UP_WAIT_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushScheduled = false;
    if (this.state === 'failed') return;
    const events = this.pending;
    this.pending = [];
    const position = Math.max(this.position, events.at(-1)?.position ?? 0, this.pendingCheckpoint);
    if (events.length > 0 || position > this.position) {
      const from = this.position;
      const changes = this.commit(events, position);
      if (changes === null) return;
      this.position = position;
      this.settleWaiters(false);
      this.applied.next({ from, position, events, changes });
    }
    if (
      this.caughtUpAt !== null &&
      this.position >= this.caughtUpAt &&
      this.state === 'catching-up'
    ) {
      this.state = 'live';
      this.logger?.log(`${this.label()} is live at position ${this.position}`);
      for (const waiter of this.liveWaiters.splice(0)) waiter.resolve();
    }
  }

  /** Returns the changes, or null when an event could not be applied (the runner then stops). */
  private commit(events: readonly RecordedEvent[], position: number): readonly Change[] | null {
    const handled = events.filter((e) => this.handled.has(e.type));
    try {
      return this.db.transaction(() => {
        const changes = this.writer.apply(handled);
        this.registry.saveCheckpoint(this.definition.name, this.generation, position);
        return changes;
      })();
    } catch (error) {
      this.writer.reset();
      return this.commitOneByOne(events, position, error);
    }
  }

  /**
   * A batch failed: apply its events one transaction at a time, so that everything before the culprit is
   * kept and the failure names the exact event.
   */
  private commitOneByOne(
    events: readonly RecordedEvent[],
    position: number,
    batchError: unknown,
  ): readonly Change[] | null {
    const changes: Change[] = [];
    const from = this.position;
    for (const event of events) {
      try {
        this.db.transaction(() => {
          if (this.handled.has(event.type)) changes.push(...this.writer.apply([event]));
          this.registry.saveCheckpoint(this.definition.name, this.generation, event.position);
        })();
        this.position = event.position;
      } catch (error) {
        this.writer.reset();
        this.stopWith(this.failureOf(event, error));
        const done = events.filter((e) => e.position <= this.position);
        if (done.length > 0) {
          this.applied.next({ from, position: this.position, events: done, changes });
        }
        return null;
      }
    }
    // Every event applied alone: the batch failed for a reason of its own (e.g. the disk); say so.
    if (events.length === 0) {
      this.stopWith(this.failureOf(null, batchError));
      return null;
    }
    this.db.transaction(() =>
      this.registry.saveCheckpoint(this.definition.name, this.generation, position),
    )();
    return changes;
  }

  private failureOf(event: RecordedEvent | null, error: unknown): ProjectionFailure {
    return {
      position: event?.position ?? this.position,
      eventId: event?.eventId ?? '',
      type: event?.type ?? '',
      reason: error instanceof Error ? error.message : String(error),
    };
  }

  private stopWith(failure: ProjectionFailure): void {
    this.state = 'failed';
    this.failure = failure;
    this.pending = [];
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.logger?.error(
      `${this.label()} stopped at position ${failure.position}: cannot apply ` +
        `${failure.type || 'the batch'} ${failure.eventId} (${failure.reason})`,
    );
    this.settleWaiters(true);
    for (const waiter of this.liveWaiters.splice(0)) waiter.reject(new Error(failure.reason));
  }

  private settleWaiters(all: boolean): void {
    const ready = this.waiters.filter((w) => all || w.position <= this.position);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve(waiter.position <= this.position);
  }

  private label(): string {
    return `projection ${this.definition.name} v${this.definition.version} (generation ${this.generation})`;
  }
}
