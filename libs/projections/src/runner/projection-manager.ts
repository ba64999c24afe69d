import type { EventStore, SqliteDatabase } from '@entente/event-store';
import { Observable, Subject, switchMap } from 'rxjs';
import { tableNamer, type ProjectionDefinition, type TableNamer } from './projection';
import { ProjectionRegistry } from './projection-registry';
import { ProjectionRunner } from './projection-runner';
import type { AppliedBatch, ProjectionLogger, RunnerOptions, RunnerStatus } from './runner-types';

export interface ProjectionStatus extends RunnerStatus {
  /** The generation being built beside this one, while a rebuild runs. */
  readonly rebuilding: RunnerStatus | null;
}

export interface LiveGeneration {
  readonly generation: number;
  readonly tables: TableNamer;
}

interface Entry {
  readonly definition: ProjectionDefinition<unknown>;
  live: ProjectionRunner<unknown>;
  /** The rebuild under way, or the last one if it failed (kept so that its failure shows). */
  rebuild: { runner: ProjectionRunner<unknown>; done: Promise<void> } | null;
  /** The live generation was left stopped at start-up for a version's rebuild to replace it. */
  frozen: boolean;
  /** Settled once start-up has decided between starting the live generation and rebuilding. */
  starting: Promise<void>;
  readonly swaps: Subject<ProjectionRunner<unknown>>;
}

/**
 * Runs every projection on its live generation, and rebuilds: a new generation is built from position
 * zero beside the live one, which keeps answering, and takes over in one transaction once it has caught
 * up. A version bump at start-up rebuilds the same way; the old generation then answers, frozen, until
 * the new one is ready, since the new code may not know how to keep the old tables up to date.
 *
 * A rebuild that fails stays visible under `rebuilding` (and, when it was replacing a frozen generation,
 * as the projection's own failure, since nothing will move it on) until the next rebuild, which drops
 * the failed generation and starts afresh.
 */
export class ProjectionManager {
  private readonly registry: ProjectionRegistry;
  private readonly entries = new Map<string, Entry>();
  /** One more at every start and stop: a start decided after a stop is dropped. */
  private started = 0;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqliteDatabase,
    definitions: readonly ProjectionDefinition<unknown>[],
    private readonly logger?: ProjectionLogger,
    private readonly options: RunnerOptions = {},
  ) {
    this.registry = new ProjectionRegistry(db);
    for (const definition of definitions)
      this.entries.set(definition.name, this.entryFor(definition));
  }

  start(): void {
    this.started++;
    for (const entry of this.entries.values()) {
      const { definition, live } = entry;
      const stored = this.registry.checkpoint(definition.name, live.generation);
      if (stored && stored.version !== definition.version) {
        this.logger?.log(
          `projection ${definition.name}: stored v${stored.version}, code v${definition.version}: rebuilding`,
        );
        entry.frozen = true;
        void this.rebuild(definition.name);
      } else {
        entry.starting = this.startLive(entry);
      }
    }
  }

  /**
   * Starts the live generation, or, when it is far behind (a restart after a large import), rebuilds
   * beside it from zero as a version bump does, the live one answering, frozen, until the new one swaps in.
   */
  private async startLive(entry: Entry): Promise<void> {
    const { definition, live } = entry;
    const started = this.started;
    const rebuilds = await live.backlogWorthRebuilding().catch(() => false);
    if (this.started !== started) return;
    if (!rebuilds) return live.start();
    this.logger?.log(
      `projection ${definition.name}: more of the log is behind than generation ${live.generation} holds: rebuilding`,
    );
    entry.frozen = true;
    void this.rebuild(definition.name);
  }

  stop(): void {
    this.started++;
    for (const entry of this.entries.values()) {
      entry.rebuild?.runner.stop();
      entry.live.stop();
    }
  }

  /**
   * Builds a fresh generation from position zero and swaps it in when it has caught up; while one is
   * under way, returns it. Rejects if the new generation cannot apply an event.
   */
  rebuild(name: string): Promise<void> {
    const entry = this.entry(name);
    if (entry.rebuild && entry.rebuild.runner.status().state !== 'failed') {
      return entry.rebuild.done;
    }
    const failed = entry.rebuild?.runner;
    // Numbered before the failed one is dropped, so that logs never name two generations alike.
    const { generation } = this.registry.addGeneration(name, entry.definition.version);
    if (failed) this.discard(entry, failed);
    const runner = new ProjectionRunner(
      this.store,
      this.db,
      this.registry,
      entry.definition,
      generation,
      this.logger,
      this.options,
    );
    // Settled synchronously with the swap, so that a caller awaiting it can rebuild again at once.
    const done = runner.whenLive().then(
      () => {
        entry.rebuild = null;
        this.swap(entry, runner);
      },
      (error: unknown) => {
        const failed = runner.status().state === 'failed';
        if (entry.rebuild?.runner === runner && !failed) entry.rebuild = null;
        throw error;
      },
    );
    done.catch(() => undefined);
    entry.rebuild = { runner, done };
    runner.start();
    return done;
  }

  statuses(): ProjectionStatus[] {
    return [...this.entries.values()].map((entry) => {
      const live = entry.live.status();
      const rebuilding = entry.rebuild?.runner.status() ?? null;
      if (entry.frozen && rebuilding?.state === 'failed') {
        return { ...live, state: 'failed', failure: rebuilding.failure, rebuilding };
      }
      return { ...live, rebuilding };
    });
  }

  live(name: string): LiveGeneration {
    const { generation, definition } = this.entry(name).live;
    return { generation, tables: tableNamer(definition.name, generation) };
  }

  /** Committed batches of whichever generation is live, across swaps. */
  applied$<Change>(name: string): Observable<AppliedBatch<Change>> {
    const entry = this.entry(name);
    return new Observable<ProjectionRunner<unknown>>((subscriber) => {
      subscriber.next(entry.live);
      return entry.swaps.subscribe(subscriber);
    }).pipe(switchMap((runner) => runner.applied$ as Observable<AppliedBatch<Change>>));
  }

  position(name: string): number {
    return this.entry(name).live.status().position;
  }

  /**
   * Resolves once the read models named (default: all) cover `position` (true), or on timeout or
   * failure (false). The wait follows swaps: when a rebuild takes over, or while a start-up rebuild
   * replaces a frozen generation, it goes on with the generation that answers next.
   */
  async waitFor(
    position: number,
    timeoutMs: number,
    names: readonly string[] = [...this.entries.keys()],
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const results = await Promise.all(
      names.map((name) => this.waitForEntry(this.entry(name), position, deadline)),
    );
    return results.every(Boolean);
  }

  private async waitForEntry(entry: Entry, position: number, deadline: number): Promise<boolean> {
    await entry.starting;
    for (;;) {
      const runner = entry.live;
      const left = deadline - Date.now();
      if (entry.frozen) {
        // Frozen during a start-up rebuild: it will never move; the generation replacing it will.
        if (left <= 0 || !(await this.swapWithin(entry, left))) {
          return runner.status().position >= position;
        }
        continue;
      }
      if (await runner.waitFor(position, Math.max(0, left))) return true;
      // Swapped out while waiting: its successor may already be there, or get there in time.
      if (entry.live === runner) return false;
    }
  }

  /** True once the entry's rebuild has swapped in, false if there is none, it fails or `ms` go by. */
  private swapWithin(entry: Entry, ms: number): Promise<boolean> {
    const done = entry.rebuild?.done;
    if (!done) return Promise.resolve(false);
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      done.then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
    ]).finally(() => clearTimeout(timer));
  }

  private entryFor(definition: ProjectionDefinition<unknown>): Entry {
    this.dropIdleGenerations(definition);
    let checkpoint = this.registry.liveGeneration(definition.name);
    if (!checkpoint) {
      checkpoint = this.registry.addGeneration(definition.name, definition.version);
      this.registry.swap(definition.name, checkpoint.generation);
    }
    const live = new ProjectionRunner(
      this.store,
      this.db,
      this.registry,
      definition,
      checkpoint.generation,
      this.logger,
      this.options,
    );
    return {
      definition,
      live,
      rebuild: null,
      frozen: false,
      starting: Promise.resolve(),
      swaps: new Subject(),
    };
  }

  /** A rebuild interrupted by a crash left a generation that will never answer: start afresh instead. */
  private dropIdleGenerations(definition: ProjectionDefinition<unknown>): void {
    for (const idle of this.registry.idleGenerations(definition.name)) {
      definition.open(this.db, tableNamer(definition.name, idle.generation)).drop();
      this.registry.removeGeneration(definition.name, idle.generation);
    }
  }

  private swap(entry: Entry, runner: ProjectionRunner<unknown>): void {
    const previous = entry.live;
    this.db.transaction(() => this.registry.swap(entry.definition.name, runner.generation))();
    entry.live = runner;
    entry.frozen = false;
    previous.stop();
    previous.dropTables();
    this.registry.removeGeneration(entry.definition.name, previous.generation);
    entry.swaps.next(runner);
    this.logger?.log(
      `projection ${entry.definition.name}: generation ${runner.generation} answers from position ${runner.status().position}`,
    );
  }

  /** A failed rebuild's generation: it will never answer. */
  private discard(entry: Entry, runner: ProjectionRunner<unknown>): void {
    runner.stop();
    runner.dropTables();
    this.registry.removeGeneration(entry.definition.name, runner.generation);
    entry.rebuild = null;
  }

  private entry(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`no projection named ${name}`);
    return entry;
  }
}
