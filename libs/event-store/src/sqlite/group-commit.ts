import type { SqliteDatabase, SqliteStatement } from './sqlite-database';

export interface RequestContext {
  /** One instant for the whole group: its requests commit together. */
  readonly startedAt: Date;
  undo(): void;
}

interface Pending<Request, Outcome> {
  readonly request: Request;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitHandlers<Request, Outcome> {
  /**
   * Runs inside the group's transaction and its own savepoint; a throw undoes this request only, and so
   * does `context.undo()`, for a request that wants to look at the store as it was before it began.
   */
  apply(request: Request, context: RequestContext): Outcome;
  /** Runs after the group's COMMIT returned, before any caller hears back. */
  committed(outcomes: readonly Outcome[]): void;
}

/**
 * Group commit: requests that arrive while the event loop is busy share one transaction, and so one fsync,
 * yet each caller gets its own outcome. A request that fails rolls back to its savepoint, leaving the
 * others in the group untouched.
 */
export class GroupCommit<Request, Outcome> {
  private queue: Pending<Request, Outcome>[] = [];
  private scheduled = false;
  private counts = { transactions: 0, requests: 0 };
  private readonly begin: SqliteStatement;
  private readonly commit: SqliteStatement;
  private readonly rollback: SqliteStatement;
  private readonly savepoint: SqliteStatement;
  private readonly release: SqliteStatement;
  private readonly rollbackToSavepoint: SqliteStatement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly handlers: GroupCommitHandlers<Request, Outcome>,
    private readonly now: () => Date,
    private readonly maxGroupSize: number,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT request');
    this.release = db.prepare('RELEASE request');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO request');
  }

  submit(request: Request): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Commits whatever is queued now; used on close so that nothing accepted is dropped. */
  drain(): void {
    while (this.queue.length > 0) this.flush();
  }

  /** How many transactions carried how many requests: the group-commit ratio. */
  stats(): { readonly transactions: number; readonly requests: number } {
    return this.counts;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: callers resumed by I/O in this loop turn join the same group.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
      if (this.queue.length > 0) this.schedule();
    });
  }

  private flush(): void {
    const group = this.queue.splice(0, this.maxGroupSize);
    if (group.length === 0) return;
    const results: ({ ok: true; outcome: Outcome } | { ok: false; error: unknown })[] = [];
    try {
      this.begin.run();
      const context: RequestContext = {
        startedAt: this.now(),
        undo: () => this.rollbackToSavepoint.run(),
      };
      for (const { request } of group) {
        this.savepoint.run();
        try {
          results.push({ ok: true, outcome: this.handlers.apply(request, context) });
          this.release.run();
        } catch (error) {
          this.rollbackToSavepoint.run();
          this.release.run();
          results.push({ ok: false, error });
        }
      }
      this.commit.run();
      this.counts = {
        transactions: this.counts.transactions + 1,
        requests: this.counts.requests + group.length,
      };
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      for (const pending of group) pending.reject(error);
      return;
    }
    this.handlers.committed(results.flatMap((r) => (r.ok ? [r.outcome] : [])));
    group.forEach((pending, i) => {
      const result = results[i];
      if (result.ok) pending.resolve(result.outcome);
      else pending.reject(result.error);
    });
  }
}
