import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Competitor, CompetitorFactory, Durability } from './competitors';
import type { BenchFact } from './events';

export type Workload = 'batched-facts' | 'batched-stream' | 'single' | 'concurrent';

export const BATCH = 100;
export const IN_FLIGHT = 64;

export interface WorkloadResult {
  /** Acknowledged events per second, from the first call to the last acknowledgement. */
  readonly rate: number;
  /** Events whose append failed (an error, not an acknowledgement), and the first error. */
  readonly failed: number;
  readonly firstError?: string;
  /** Concurrent only: the most appends seen acknowledged yet not visible to another connection. */
  readonly ackedUncommitted?: number;
  readonly stats?: Record<string, number>;
}

interface Driven {
  readonly failed: number;
  readonly firstError?: string;
  readonly ackedUncommitted: number;
}

/**
 * Warms the competitor up on a throw-away file with the same workload, then measures it on a fresh file
 * and checks afterwards that every acknowledged event is there.
 */
export async function measure(
  factory: CompetitorFactory,
  durability: Durability,
  workload: Workload,
  facts: readonly BenchFact[],
  warmup: readonly BenchFact[],
  dir: string,
  deadlineSeconds: number,
): Promise<WorkloadResult> {
  const warmFile = join(dir, `warmup-${workload}.db`);
  const warm = await factory(warmFile, durability);
  const warmProgress = { settled: 0 };
  await withDeadline(
    drive(warm, workload, warmup, warmFile, warmProgress),
    warmProgress,
    deadlineSeconds,
    (why) => `warm-up ${why}: ${warmProgress.settled} of ${warmup.length} events settled`,
  );
  await warm.close();
  removeDatabase(warmFile);

  const file = join(dir, `${workload}.db`);
  const competitor = await factory(file, durability);
  (globalThis as { gc?: () => void }).gc?.();
  const progress = { settled: 0 };
  const started = performance.now();
  const driven = await withDeadline(
    drive(competitor, workload, facts, file, progress),
    progress,
    deadlineSeconds,
    (why) => `${why}: ${progress.settled} of ${facts.length} events settled, the others hang`,
  );
  const seconds = (performance.now() - started) / 1000;
  const stats = competitor.stats?.();
  await competitor.close();
  const stored = countRows(file, competitor.table);
  removeDatabase(file);
  const acknowledged = facts.length - driven.failed;
  if (stored < acknowledged) {
    throw new Error(
      `acknowledged appends lost: ${stored} events stored of ${acknowledged} acknowledged` +
        (driven.failed > 0 ? ` (${driven.failed} failed, first: ${driven.firstError})` : ''),
    );
  }
  return {
    rate: acknowledged / seconds,
    failed: driven.failed,
    ...(driven.firstError ? { firstError: driven.firstError } : {}),
    ...(workload === 'concurrent' ? { ackedUncommitted: driven.ackedUncommitted } : {}),
    ...(stats ? { stats } : {}),
  };
}

/** Runs the workload; a failed append counts its events as failed and the workload goes on. */
async function drive(
  competitor: Competitor,
  workload: Workload,
  facts: readonly BenchFact[],
  file: string,
  progress: { settled: number },
): Promise<Driven> {
  let failed = 0;
  let firstError: string | undefined;
  const attempt = async (events: number, append: () => Promise<unknown> | void) => {
    try {
      await append();
      return true;
    } catch (error) {
      failed += events;
      firstError ??= error instanceof Error ? error.message.split('\n')[0] : String(error);
      return false;
    } finally {
      progress.settled += events;
    }
  };
  let ackedUncommitted = 0;
  switch (workload) {
    case 'batched-facts': {
      const batchFacts = competitor.batchFacts;
      if (!batchFacts) throw new Error('cannot append facts to several streams in one transaction');
      for (let i = 0; i < facts.length; i += BATCH) {
        const batch = facts.slice(i, i + BATCH);
        await attempt(batch.length, () => batchFacts(batch));
      }
      break;
    }
    case 'batched-stream':
      for (let i = 0; i < facts.length; i += BATCH) {
        const batch = facts.slice(i, i + BATCH);
        await attempt(batch.length, () => competitor.batchStream(batch[0].stream, batch));
      }
      break;
    case 'single':
      for (const fact of facts) await attempt(1, () => competitor.single(fact));
      break;
    case 'concurrent':
      ackedUncommitted = await concurrently(competitor, facts, file, attempt);
      break;
  }
  return { failed, ackedUncommitted, ...(firstError ? { firstError } : {}) };
}

/**
 * IN_FLIGHT callers, each appending one fact at a time, as fast as acknowledgements come back. Every
 * ~1,000 acknowledgements a second connection counts the committed rows: an append acknowledged before it
 * is committed is one a crash could lose. Returns the most such appends seen.
 */
async function concurrently(
  competitor: Competitor,
  facts: readonly BenchFact[],
  file: string,
  attempt: (events: number, append: () => Promise<unknown> | void) => Promise<boolean>,
): Promise<number> {
  const checkEvery = Math.max(1, Math.min(1000, Math.floor(facts.length / 4)));
  let next = 0;
  let acknowledged = 0;
  let worst = 0;
  let reader: Database.Database | undefined;
  let count: Database.Statement<[], number> | undefined;
  const caller = async () => {
    while (next < facts.length) {
      const fact = facts[next++];
      if (!(await attempt(1, () => competitor.single(fact)))) continue;
      acknowledged++;
      if (acknowledged % checkEvery === 0) {
        reader ??= new Database(file, { readonly: true });
        count ??= reader.prepare<[], number>(`SELECT count(*) FROM ${competitor.table}`).pluck();
        worst = Math.max(worst, acknowledged - count.get()!);
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, caller));
  reader?.close();
  return worst;
}

/** A workload that settles no append for this long is hung (Emmett's store does, under concurrency). */
const STALL_SECONDS = 5;

/**
 * Rejects when `work` has not settled after `seconds`, or when no append settled for STALL_SECONDS; the
 * work itself is left hanging (the process exits after the case).
 */
function withDeadline<T>(
  work: Promise<T>,
  progress: { settled: number },
  seconds: number,
  message: (why: string) => string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const started = Date.now();
    let last = { settled: progress.settled, at: started };
    timer = setInterval(() => {
      const now = Date.now();
      if (progress.settled !== last.settled) last = { settled: progress.settled, at: now };
      if (now - started > seconds * 1000)
        reject(new Error(message(`did not finish within ${seconds} s`)));
      else if (now - last.at > STALL_SECONDS * 1000) {
        reject(new Error(message(`stalled: no append settled for ${STALL_SECONDS} s`)));
      }
    }, 250);
  });
  return Promise.race([work, deadline]).finally(() => clearInterval(timer));
}

function countRows(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
  } finally {
    db.close();
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${file}${suffix}`, { force: true });
}
