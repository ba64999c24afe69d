/**
 * Scenario 1, append to the embedded store: Entente's SqliteEventStore against raw better-sqlite3 inserts
 * of the same rows (the physical limit) and Emmett's SQLite event store (the peer), at both durabilities.
 */
import type { CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import {
  emmett,
  emmettStore,
  loadEmmett,
  ours,
  raw,
  type CompetitorFactory,
  type Durability,
} from './append/competitors';
import { benchFacts } from './append/events';
import { BATCH, IN_FLIGHT, measure, type Workload } from './append/workloads';

const SIZES: Record<Profile, { batched: number; single: number; concurrent: number }> = {
  full: { batched: 100_000, single: 10_000, concurrent: 10_000 },
  quick: { batched: 10_000, single: 1_000, concurrent: 2_000 },
  smoke: { batched: 200, single: 40, concurrent: 128 },
};

/** Longest a workload may take before it counts as hung (Emmett's store hangs under concurrency). */
const WORKLOAD_DEADLINE_SECONDS: Record<Profile, number> = { full: 180, quick: 20, smoke: 10 };

interface Contender {
  readonly factory: CompetitorFactory;
  readonly durabilities: readonly Durability[];
  readonly workloads: readonly Workload[];
  readonly usesEmmett: boolean;
  /** Left out of --quick: too slow for its budget. */
  readonly fullRunsOnly?: boolean;
}

const CONTENDERS: Record<string, Contender> = {
  raw: {
    factory: raw,
    durabilities: ['full', 'normal'],
    // better-sqlite3 is synchronous: there is nothing to do concurrently.
    workloads: ['batched-facts', 'batched-stream', 'single'],
    usesEmmett: false,
  },
  ours: {
    factory: ours,
    durabilities: ['full', 'normal'],
    workloads: ['batched-facts', 'batched-stream', 'single', 'concurrent'],
    usesEmmett: false,
  },
  emmett: {
    factory: emmett,
    durabilities: ['full', 'normal'],
    workloads: ['batched-stream', 'single', 'concurrent'],
    usesEmmett: true,
  },
  'emmett-store': {
    factory: emmettStore,
    durabilities: ['full'],
    workloads: ['batched-stream', 'single', 'concurrent'],
    usesEmmett: true,
    // A connection opened per call: ~3 ms per single append, and its concurrent appends stall for 5 s.
    fullRunsOnly: true,
  },
};

function cases(profile: Profile): string[] {
  return Object.entries(CONTENDERS)
    .filter(([, c]) => profile !== 'quick' || !c.fullRunsOnly)
    .flatMap(([name, c]) => c.durabilities.map((d) => `${name}-${d}`));
}

function sizeOf(profile: Profile, workload: Workload): number {
  const sizes = SIZES[profile];
  return workload === 'single'
    ? sizes.single
    : workload === 'concurrent'
      ? sizes.concurrent
      : sizes.batched;
}

/** Same seed in every process: every contender appends the very same facts. */
const SEED = 20251111;
const MAX_FAILED_SHARE = 0.01;
const WARMUP_SEED = 1990;

async function runCase(name: string, context: Parameters<Scenario['runCase']>[1]) {
  const durability = name.endsWith('-normal') ? 'normal' : 'full';
  const contenderName = name.slice(0, name.lastIndexOf('-'));
  const contender = CONTENDERS[contenderName];
  if (!contender || !contender.durabilities.includes(durability)) {
    throw new Error(`unknown case ${name}`);
  }
  const values: Record<string, number | null> = {};
  const notes: Record<string, string> = {};
  const key = (workload: string) => `${contenderName}.${durability}.${workload}`;
  if (contender.usesEmmett) {
    try {
      await loadEmmett(context.log);
    } catch (error) {
      const reason = `Emmett unavailable: ${error instanceof Error ? error.message.split('\n')[0] : error}`;
      for (const workload of contender.workloads) {
        values[key(workload)] = null;
        notes[key(workload)] = reason;
      }
      return { values, notes };
    }
  }
  for (const workload of contender.workloads) {
    const size = sizeOf(context.profile, workload);
    const facts = benchFacts(size, SEED);
    const warmupSize = Math.min(size, Math.max(BATCH, Math.round(size / 20 / BATCH) * BATCH));
    const warmup = benchFacts(warmupSize, WARMUP_SEED);
    try {
      const result = await measure(
        contender.factory,
        durability,
        workload,
        facts,
        warmup,
        context.dir,
        WORKLOAD_DEADLINE_SECONDS[context.profile],
      );
      // A few failed appends are reported beside the rate; beyond 1% the rate means little.
      const failedShare = result.failed / size;
      values[key(workload)] = failedShare > MAX_FAILED_SHARE ? null : result.rate;
      if (result.failed > 0) {
        notes[key(workload)] =
          `${result.failed} of ${size} events failed to append (first error: ${result.firstError})` +
          (failedShare > MAX_FAILED_SHARE ? '; over 1%, so no rate is published' : '');
      }
      if (result.ackedUncommitted !== undefined) {
        values[key('acked-uncommitted')] = result.ackedUncommitted;
      }
      if (result.stats && result.stats.transactions > 0) {
        values[key(`${workload}.appends-per-transaction`)] =
          result.stats.requests / result.stats.transactions;
      }
      context.log(
        `${durability} ${workload}: ${Math.round(result.rate).toLocaleString('en-US')} events/s` +
          (result.failed > 0 ? `, ${result.failed} failed` : ''),
      );
    } catch (error) {
      values[key(workload)] = null;
      notes[key(workload)] = error instanceof Error ? error.message.split('\n')[0] : String(error);
      context.log(`${durability} ${workload}: failed: ${notes[key(workload)]}`);
    }
  }
  return { values, notes } satisfies CaseResult;
}

const EVENTS_PER_S = 'events/s';
const RAW_BATCH = 'raw better-sqlite3, 100 rows per transaction';
const RAW_SINGLE = 'raw better-sqlite3, autocommit insert per row';
const EMMETT = 'Emmett appendToStream, one open connection';
const EMMETT_STORE = 'Emmett getSQLiteEventStore';
const AHEAD = { kind: 'ratio', op: '>', value: 1 } as const;
const HALF = { kind: 'ratio', op: '>=', value: 0.5 } as const;

/** Why getSQLiteEventStore has no NORMAL figures. */
function storeNote(d: Durability, profile: Profile): { note?: string } {
  if (d === 'full' && profile === 'quick') {
    return { note: 'getSQLiteEventStore is measured by full runs only (too slow for --quick)' };
  }
  return d === 'normal'
    ? {
        note:
          'not comparable: getSQLiteEventStore opens a connection per call and exposes it only inside ' +
          'its transaction, where SQLite refuses PRAGMA synchronous ("Safety level may not be changed ' +
          'inside a transaction"); it runs at FULL only',
      }
    : {};
}

function figures(profile: Profile): FigureSpec[] {
  const list: FigureSpec[] = [];
  for (const d of ['full', 'normal'] as const) {
    const metric = `append throughput, synchronous=${d.toUpperCase()}`;
    const fig = (spec: Omit<FigureSpec, 'metric' | 'unit'> & { unit?: string }): FigureSpec => ({
      metric,
      unit: EVENTS_PER_S,
      ...spec,
    });
    const k = (who: string, workload: string) => `${who}.${d}.${workload}`;
    list.push(
      fig({
        name: `[${d}] batched: 100 facts (a stream each) per call group, ours vs raw`,
        key: k('ours', 'batched-facts'),
        comparison: { name: RAW_BATCH, key: k('raw', 'batched-facts') },
        target: HALF,
      }),
      fig({
        name: `[${d}] batched: 100 events in one stream per call, ours vs raw`,
        key: k('ours', 'batched-stream'),
        comparison: { name: RAW_BATCH, key: k('raw', 'batched-stream') },
        target: HALF,
      }),
      fig({
        name: `[${d}] batched: 100 events in one stream per call, ours vs Emmett`,
        key: k('ours', 'batched-stream'),
        comparison: { name: EMMETT, key: k('emmett', 'batched-stream') },
        target: AHEAD,
      }),
      fig({
        name: `[${d}] single appends, one at a time, ours vs raw`,
        key: k('ours', 'single'),
        comparison: { name: RAW_SINGLE, key: k('raw', 'single') },
        target: HALF,
      }),
      fig({
        name: `[${d}] single appends, one at a time, ours vs Emmett`,
        key: k('ours', 'single'),
        comparison: { name: EMMETT, key: k('emmett', 'single') },
        target: AHEAD,
      }),
      fig({
        name: `[${d}] ${IN_FLIGHT} concurrent single appends vs one at a time (group commit), ours`,
        key: k('ours', 'concurrent'),
        comparison: { name: 'ours, single appends one at a time', key: k('ours', 'single') },
        target: { kind: 'ratio', op: '>=', value: 5 },
      }),
      fig({
        name: `[${d}] ${IN_FLIGHT} concurrent single appends, ours vs Emmett`,
        key: k('ours', 'concurrent'),
        comparison: { name: EMMETT, key: k('emmett', 'concurrent') },
        target: AHEAD,
        note:
          'Emmett’s appends that overlap on one connection join one transaction (a nesting counter) ' +
          'that commits only when none is in flight: it acknowledges appends before they are committed ' +
          '(see "acknowledged before their commit"), so its rate is not one of durable appends',
      }),
      fig({
        name: `[${d}] batched 100 per call, ours vs Emmett getSQLiteEventStore`,
        key: k('ours', 'batched-stream'),
        comparison: { name: EMMETT_STORE, key: k('emmett-store', 'batched-stream') },
        target: AHEAD,
        ...storeNote(d, profile),
      }),
      fig({
        name: `[${d}] single appends, ours vs Emmett getSQLiteEventStore`,
        key: k('ours', 'single'),
        comparison: { name: EMMETT_STORE, key: k('emmett-store', 'single') },
        target: AHEAD,
        ...storeNote(d, profile),
      }),
      fig({
        name: `[${d}] ${IN_FLIGHT} concurrent single appends, ours vs Emmett getSQLiteEventStore`,
        key: k('ours', 'concurrent'),
        comparison: { name: EMMETT_STORE, key: k('emmett-store', 'concurrent') },
        target: AHEAD,
        ...storeNote(d, profile),
      }),
      fig({
        name: `[${d}] ours: appends per transaction with ${IN_FLIGHT} in flight`,
        unit: 'appends/transaction',
        key: k('ours', 'concurrent.appends-per-transaction'),
        target: null,
      }),
      fig({
        name: `[${d}] ours: appends acknowledged before their commit (most seen)`,
        unit: 'appends',
        key: k('ours', 'acked-uncommitted'),
        target: { kind: 'absolute', op: '<=', value: 0 },
      }),
      fig({
        name: `[${d}] Emmett (one connection): appends acknowledged before their commit (most seen)`,
        unit: 'appends',
        key: k('emmett', 'acked-uncommitted'),
        target: null,
      }),
    );
    // The comparisons on their own, so that their spread over the runs is on record too.
    const references: [string, string, string][] = [
      ['raw', 'batched-facts', `${RAW_BATCH}, a stream per row`],
      ['raw', 'batched-stream', `${RAW_BATCH}, one stream`],
      ['raw', 'single', RAW_SINGLE],
      ['emmett', 'batched-stream', `${EMMETT}, 100 events per call`],
      ['emmett', 'single', `${EMMETT}, single appends`],
      ['emmett', 'concurrent', `${EMMETT}, ${IN_FLIGHT} in flight (not durable acks)`],
    ];
    if (d === 'full') {
      references.push(
        ['emmett-store', 'batched-stream', `${EMMETT_STORE}, 100 events per call`],
        ['emmett-store', 'single', `${EMMETT_STORE}, single appends`],
        ['emmett-store', 'concurrent', `${EMMETT_STORE}, ${IN_FLIGHT} in flight`],
      );
    }
    for (const [who, workload, name] of references) {
      list.push(
        fig({
          name: `[${d}] reference: ${name}`,
          key: k(who, workload),
          target: null,
          ...(who === 'emmett-store' ? storeNote(d, profile) : {}),
        }),
      );
    }
  }
  return list;
}

function describe(profile: Profile): string {
  const s = SIZES[profile];
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `${n(s.batched)} events in batches of ${BATCH}, ${n(s.single)} single appends one at a time, ` +
      `${n(s.concurrent)} single appends with ${IN_FLIGHT} in flight; each workload on a fresh database ` +
      'file after a warm-up on another.',
    'Facts: the story fixture’s 17 facts as the domain decides them (ReportData v2, 458–959 B of JSON), ' +
      'fresh ids, bilateral ones moved to other pairs; one stream per fact (`report-<id>`, `no-stream`) ' +
      'except the "one stream" batches. Same facts for every contender.',
    'full = WAL + synchronous=FULL (fsync per commit), normal = WAL + synchronous=NORMAL, for ours, raw and ' +
      'Emmett on one connection. Emmett getSQLiteEventStore opens a connection per call and cannot be ' +
      'set to NORMAL (SQLite refuses the pragma inside its transaction), so it appears at FULL only. ' +
      'Emmett 0.38.5 (the newest whose peer @event-driven-io/emmett is in the registry) treats ' +
      'STREAM_DOES_NOT_EXIST as "no check"; it reads the stream position either way.',
  ].join(' ');
}

export const scenario: Scenario = {
  name: 'append',
  title: '1. Append, embedded store',
  order: 1,
  runs: { full: 5, quick: 3, smoke: 1 },
  caseTimeoutSeconds: { full: 1200, quick: 120, smoke: 60 },
  cases,
  runCase,
  figures,
  describe,
};
