import type {
  EventStore,
  RecordedEvent,
  SqliteDatabase,
  SubscriptionMessage,
} from '@entente/event-store';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { tableNamer, type ProjectionDefinition, type ProjectionWriter } from './projection';
import { BatchCommit, failureOf } from './batch-commit';
import { backlogWorthRebuilding, catchUpInOnePass } from './one-pass';
import type { ProjectionRegistry } from './projection-registry';
import { PositionWaiters } from './position-waiters';
import type {
  AppliedBatch,
  ProjectionFailure,
  ProjectionLogger,
  RunnerOptions,
  RunnerState,
  RunnerStatus,
} from './runner-types';
import { TransactionSlices } from './transaction-slices';

const MAX_BATCH = 2_000;
/**
 * While catching up, batches grow this large (or wait this long) before they commit: a rebuild then
 * rewrites each hot page once per many events instead of once per page of the log.
 */
const CATCH_UP_BATCH = 10_000;
const CATCH_UP_WAIT_MS = 50;
const SLICE_MS = 10;
/** How many batches' worth of events may wait to be applied. */
const PENDING_BATCHES = 4;

/**
 * Feeds one generation of one projection from the store: subscribes from its checkpoint, applies events
 * in batches, and writes each batch's rows and the new checkpoint in one SQLite transaction, so that a
 * crash at any point resumes exactly where the last commit left off.
 */
export class ProjectionRunner<Change = never> {
  private readonly writer: ProjectionWriter<Change>;
  private readonly batches: BatchCommit<Change>;
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
  private readonly waiters = new PositionWaiters();
  private onePass: { to: number; read: number } | null = null;
  /** One per start, cleared by stop: a one-pass catch-up checks it between its transactions. */
  private run: object | null = null;
  /** The start under way (a one-pass catch-up before the subscription): a restart waits for it. */
  private starting: Promise<void> = Promise.resolve();
  private readonly slices: TransactionSlices;

  constructor(
    private readonly store: EventStore,
    db: SqliteDatabase,
    private readonly registry: ProjectionRegistry,
    readonly definition: ProjectionDefinition<Change>,
    readonly generation: number,
    private readonly logger?: ProjectionLogger,
    private readonly options: RunnerOptions = {},
  ) {
    this.writer = definition.open(db, tableNamer(definition.name, generation));
    this.slices = new TransactionSlices(options.sliceMs ?? SLICE_MS);
    this.batches = new BatchCommit(db, this.writer, new Set(definition.handles), (position) =>
      registry.saveCheckpoint(definition.name, generation, position),
    );
    this.position = registry.checkpoint(definition.name, generation)?.position ?? 0;
  }

  /** Batches committed from now on, in order. */
  get applied$(): Observable<AppliedBatch<Change>> {
    return this.applied.asObservable();
  }

  start(): void {
    if (this.run) return;
    const run = {};
    this.run = run;
    // At position 0 nothing has been applied: whatever the tables hold was left by a pass that did not
    // finish (a rebuild from zero commits only at its end), and nothing may build on it.
    if (this.position === 0) this.writer.drop();
    this.writer.create();
    this.state = 'catching-up';
    this.caughtUpAt = null;
    this.starting = this.starting
      .then(() => this.catchUpInOnePass(run))
      .then(() => this.catchUpByPages(run))
      .then(
        () => this.subscribe(run),
        (error: unknown) => this.stopWith(failureOf(null, this.position, error)),
      );
  }

  /** Whether the backlog is better rebuilt from zero beside this generation (see one-pass). */
  backlogWorthRebuilding(): Promise<boolean> {
    return backlogWorthRebuilding(this.store, this.writer, this.position, this.options);
  }

  private catchUpInOnePass(run: object): Promise<void> {
    return catchUpInOnePass({
      store: this.store,
      writer: this.writer,
      options: this.options,
      logger: this.logger,
      label: this.label(),
      position: () => this.position,
      saveCheckpoint: (position) =>
        this.registry.saveCheckpoint(this.definition.name, this.generation, position),
      committed: (position) => this.advance(position, true),
      progress: (onePass) => {
        this.onePass = onePass;
      },
      stopping: () => this.run !== run,
    });
  }

  /**
   * The backlog up to the head, read a batch at a time: pulled, not pushed by the subscription, which reads
   * ahead of what is applied with nothing to bound what it queues while the batches yield.
   */
  private async catchUpByPages(run: object): Promise<void> {
    // Stopped meanwhile (a shutdown as the one pass ended): the store may be closed already.
    if (this.run !== run) return;
    const head = await this.store.headPosition();
    while (this.run === run && this.state === 'catching-up' && this.position < head) {
      const maxCount = this.slices.size(this.options.catchUpBatch ?? CATCH_UP_BATCH);
      let page: readonly RecordedEvent[];
      try {
        page = await this.store.readAll({ from: this.position, maxCount });
      } catch (error) {
        // A read cut off (a dropped connection): the subscription, which reconnects, takes the rest.
        const reason = error instanceof Error ? error.message : String(error);
        this.logger?.log(`${this.label()}: ${reason}; catching up through the subscription`);
        return;
      }
      if (this.run !== run || this.state !== 'catching-up') return;
      // The last page is left to the subscription, which then reaches the head and goes live in one
      // commit, as it always has: waiters that see the head see a live read model.
      if (page.length < maxCount || page.at(-1)!.position >= head) return;
      if (!this.applyBatch(page, page.at(-1)!.position)) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The read model now covers `position`: waiters are told, and followers (summarized: from the store). */
  private advance(position: number, summarized: boolean): void {
    const from = this.position;
    this.position = position;
    this.pendingCheckpoint = Math.max(this.pendingCheckpoint, position);
    this.waiters.reached(this.position);
    if (summarized) this.applied.next({ from, position, events: [], changes: [], summarized });
  }

  private subscribe(run: object): void {
    if (this.run !== run || this.state === 'failed' || this.subscription) return;
    this.subscription = this.store.subscribe({ from: this.position }).subscribe({
      next: (message) => this.receive(message),
      error: (error: unknown) => this.stopWith(failureOf(null, this.position, error)),
    });
  }

  /** Applies what has been received, then stops following the store. */
  stop(): void {
    this.run = null;
    do this.flush();
    while (this.pending.length > 0 && this.state !== 'failed');
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    if (this.state !== 'failed') this.state = 'stopped';
    this.waiters.settle(this.position, new Error('stopped'));
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
    return this.waiters.forLive();
  }

  status(): RunnerStatus {
    return {
      name: this.definition.name,
      version: this.definition.version,
      generation: this.generation,
      state: this.state,
      position: this.position,
      failure: this.failure,
      onePass: this.onePass,
    };
  }

  /** Resolves true once the read model covers `position`, false on timeout, stop or failure. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    if (this.state === 'failed' || this.state === 'stopped') return Promise.resolve(false);
    return this.waiters.forPosition(position, timeoutMs);
  }

  private receive(message: SubscriptionMessage): void {
    if (this.state === 'failed') return;
    if (message.kind === 'event') {
      // A resumed subscription may hand back what was already applied or is about to be.
      if (message.event.position <= (this.pending.at(-1)?.position ?? this.position)) return;
      this.pending.push(message.event);
      const limit =
        this.state === 'live' ? MAX_BATCH : (this.options.catchUpBatch ?? CATCH_UP_BATCH);
      // Batches are applied a slice per turn; a subscription that reads far ahead of them (the pull
      // catch-up having stopped on a read error) is applied at once instead, so that memory stays bounded.
      if (this.pending.length < PENDING_BATCHES * limit) this.scheduleFlush();
      else while (this.pending.length >= limit && this.failure === null) this.flush();
      return;
    }
    this.pendingCheckpoint = Math.max(this.pendingCheckpoint, message.position);
    if (message.kind === 'caught-up') this.caughtUpAt = message.position;
    this.scheduleFlush(message.kind === 'caught-up');
  }

  /** Live: at the next turn of the event loop. Catching up: a little later, so that the batch can grow. */
  private scheduleFlush(now = false): void {
    const immediate = this.state === 'live' || now;
    // At most one flush waits: a second would commit twice in one turn of the event loop.
    if (this.flushScheduled && (!immediate || this.flushTimer === undefined)) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushScheduled = true;
    const run = () => {
      this.flushScheduled = false;
      this.flushTimer = undefined;
      this.flush();
    };
    if (immediate) setImmediate(run);
    else this.flushTimer = setTimeout(run, CATCH_UP_WAIT_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushScheduled = false;
    if (this.state === 'failed') return;
    const limit = this.state === 'live' ? MAX_BATCH : (this.options.catchUpBatch ?? CATCH_UP_BATCH);
    const events = this.pending.splice(0, this.slices.size(limit));
    // The checkpoint may pass events still pending only once none are left.
    const position =
      this.pending.length > 0
        ? events.at(-1)!.position
        : Math.max(this.position, events.at(-1)?.position ?? 0, this.pendingCheckpoint);
    if (events.length > 0 || position > this.position) {
      if (!this.applyBatch(events, position)) return;
    }
    // What is left comes at the next turn of the event loop, after what waits there (HTTP, the store).
    if (this.pending.length > 0) this.scheduleFlush(true);
    if (
      this.caughtUpAt !== null &&
      this.position >= this.caughtUpAt &&
      this.state === 'catching-up'
    ) {
      this.state = 'live';
      this.logger?.log(`${this.label()} is live at position ${this.position}`);
      this.waiters.live();
    }
  }

  /** Commits a batch and tells waiters and followers; false when it could not (the runner then stops). */
  private applyBatch(events: readonly RecordedEvent[], position: number): boolean {
    const from = this.position;
    const outcome = this.slices.measure(events.length, () =>
      this.batches.commit(events, from, position),
    );
    if (!outcome.committed) {
      this.position = outcome.reached;
      this.stopWith(outcome.failure);
      if (outcome.kept.length > 0) {
        const { kept, changes } = outcome;
        this.applied.next({ from, position: this.position, events: kept, changes });
      }
      return false;
    }
    this.position = position;
    this.waiters.reached(this.position);
    this.applied.next({ from, position, events, changes: outcome.changes });
    return true;
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
    this.waiters.settle(this.position, new Error(failure.reason));
  }

  private label(): string {
    return `projection ${this.definition.name} v${this.definition.version} (generation ${this.generation})`;
  }
}
