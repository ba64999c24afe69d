/**
 * Scenario 8, series: a ten-year monthly series of the busiest dyad from the dyad-series read model,
 * beside a raw GROUP BY over a table holding just that dyad's coded events, in the same process; the
 * top dyads of a month, in process and over HTTP; and the NDJSON export of every event over HTTP, with
 * the API's resident memory.
 */
import { bucketEnd, bucketOf, bucketStart, conflictOf, type Grain } from '@entente/domain';
import {
  DYAD_SERIES,
  DyadSeriesQueries,
  openReadModelFile,
  tableNamer,
  type BucketRange,
} from '@entente/projections';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from '../harness/stats';
import type { CaseContext, CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import { startApi } from '../support/api';
import { randomInt, seededRandom } from '../support/random';
import { ensureProjected } from './history/cache';
import { ensureCodedHistory, type CodedHistory } from './series/coded-cache';

const SIZES: Record<Profile, number> = { full: 1_000_000, quick: 100_000, smoke: 3_000 };
/**
 * The API projects every read model; at 1,000,000 events that took longer here than a session has
 * (about 230 events/s with the machine's load average at 10-13), so HTTP_SIZE can be set apart.
 */
const HTTP_SIZES: Record<Profile, number> = {
  full: Number(process.env.BENCH_SERIES_HTTP_EVENTS ?? 1_000_000),
  quick: 100_000,
  smoke: 3_000,
};
const SERIES_CALLS: Record<Profile, number> = { full: 2_000, quick: 1_000, smoke: 50 };
const TOP_CALLS: Record<Profile, number> = { full: 300, quick: 200, smoke: 20 };
const WARMUP = 50;
const NOW = { knownAtMs: null, reportedByMs: null, evidence: null };

function range(grain: Grain, fromMs: number, toMs: number): BucketRange {
  const from = bucketOf(grain, fromMs);
  const to = bucketOf(grain, toMs);
  return { grain, from, to, fromMs: bucketStart(grain, from), toMs: bucketEnd(grain, to) };
}

const TEN_YEARS = range('month', Date.UTC(2015, 0, 1), Date.UTC(2024, 11, 31));

function timed(calls: number, run: (i: number) => unknown): number[] {
  for (let i = 0; i < WARMUP; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    run(i);
    times.push((performance.now() - started) * 1000);
  }
  return times;
}

async function inProcess(history: CodedHistory, context: CaseContext): Promise<CaseResult> {
  const projected = await ensureProjected(history, 'series', context.log);
  const db = openReadModelFile(projected.readModelFile);
  const generation = db
    .prepare<[string], number>('SELECT generation FROM projection_live WHERE name = ?')
    .pluck()
    .get(DYAD_SERIES)!;
  const queries = new DyadSeriesQueries(db, () => ({
    generation,
    tables: tableNamer(DYAD_SERIES, generation),
  }));
  const dyad = history.coded.dyad;
  const ours = timed(SERIES_CALLS[context.profile], () => queries.series(dyad, TEN_YEARS, NOW));
  const midRecord = (history.coded.firstRecordMs + history.coded.lastRecordMs) / 2;
  const asOf = timed(SERIES_CALLS[context.profile], () =>
    queries.series(dyad, TEN_YEARS, { knownAtMs: midRecord, reportedByMs: null, evidence: null }),
  );
  const months = Array.from({ length: 120 }, (_, i) =>
    range('month', Date.UTC(2015, i, 1), Date.UTC(2015, i, 1)),
  );
  const random = seededRandom(7);
  const top = timed(TOP_CALLS[context.profile], () => {
    const totals = queries.totals(months[randomInt(random, months.length)], NOW);
    return [...totals].sort((a, b) => conflictOf(b[1]) - conflictOf(a[1])).slice(0, 20);
  });
  db.close();

  // The raw reference: the dyad's coded reports alone, in a table indexed by month.
  const raw = new Database(join(context.dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.exec(`CREATE TABLE dyad_events (month INTEGER NOT NULL, type TEXT NOT NULL,
    quad_class INTEGER NOT NULL, goldstein REAL);
    CREATE INDEX dyad_events_by_month ON dyad_events (month);`);
  const store = new Database(history.storeFile, { readonly: true });
  const insert = raw.prepare('INSERT INTO dyad_events VALUES (?, ?, ?, ?)');
  let rows = 0;
  raw.transaction(() => {
    const events = store.prepare('SELECT type, data FROM events').raw().iterate() as Iterable<
      [string, string]
    >;
    for (const [type, text] of events) {
      if (!text.includes(`"${dyad.target}"`) || !text.includes('"machine-coded"')) continue;
      const data = JSON.parse(text) as {
        actors?: string[];
        targets?: string[];
        occurredAt?: { start: string };
        coding?: { quadClass: number; goldstein: { value: number } | null };
      };
      if (!data.actors?.includes(dyad.actor) || !data.targets?.includes(dyad.target)) continue;
      insert.run(
        bucketOf('month', Date.parse(data.occurredAt!.start)),
        type,
        data.coding!.quadClass,
        data.coding!.goldstein?.value ?? null,
      );
      rows++;
    }
  })();
  store.close();
  const groupBy = raw.prepare(
    `SELECT month, type, quad_class, count(*), total(goldstein) FROM dyad_events
     WHERE month BETWEEN ? AND ? GROUP BY month, type, quad_class`,
  );
  const rawTimes = timed(SERIES_CALLS[context.profile], () =>
    groupBy.all(TEN_YEARS.from, TEN_YEARS.to),
  );
  raw.close();
  context.log(
    `${dyad.actor}>${dyad.target}: ${rows} coded events; series p99 ${percentile(ours, 99)?.toFixed(0)} us ` +
      `(as of mid-history ${percentile(asOf, 99)?.toFixed(0)} us), raw GROUP BY p99 ${percentile(rawTimes, 99)?.toFixed(0)} us, ` +
      `top p99 ${percentile(top, 99)?.toFixed(0)} us`,
  );
  return {
    values: {
      'series.p99-ms': percentile(ours, 99)! / 1000,
      'series.median-ms': percentile(ours, 50)! / 1000,
      'series.as-of.p99-ms': percentile(asOf, 99)! / 1000,
      'raw.p99-ms': percentile(rawTimes, 99)! / 1000,
      'raw.rows': rows,
      'top.p99-ms': percentile(top, 99)! / 1000,
    },
  };
}

async function overHttp(history: CodedHistory, context: CaseContext): Promise<CaseResult> {
  const projected = await ensureProjected(history, 'all', context.log);
  const api = await startApi({ dataDir: projected.dataDir, log: context.log });
  const auth = { authorization: `Bearer ${api.keys.reader}` };
  try {
    const random = seededRandom(11);
    const topTimes: number[] = [];
    for (let i = 0; i < WARMUP + TOP_CALLS[context.profile]; i++) {
      const month = `${2015 + randomInt(random, 10)}-${String(1 + randomInt(random, 12)).padStart(2, '0')}`;
      const started = performance.now();
      const response = await fetch(`${api.url}/v1/series/top?from=${month}&to=${month}`, {
        headers: auth,
      });
      if (!response.ok) throw new Error(`GET /v1/series/top: ${response.status}`);
      await response.json();
      if (i >= WARMUP) topTimes.push(performance.now() - started);
    }

    const pid = api.process.pid!;
    let peakRss = 0;
    const sample = () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakRss = Math.max(peakRss, kb / 1024);
    };
    sample();
    const rssBefore = peakRss;
    const sampler = setInterval(sample, 100);
    const started = performance.now();
    const response = await fetch(`${api.url}/v1/events?format=ndjson`, { headers: auth });
    if (!response.ok || !response.body) throw new Error(`export: ${response.status}`);
    let lines = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    sample();
    context.log(
      `top over HTTP p99 ${percentile(topTimes, 99)?.toFixed(1)} ms; exported ${lines} events in ` +
        `${seconds.toFixed(1)} s (${Math.round(lines / seconds)}/s), API RSS ${rssBefore.toFixed(0)} -> peak ${peakRss.toFixed(0)} MB`,
    );
    return {
      values: {
        'http.top.p99-ms': percentile(topTimes, 99),
        'export.events-per-s': lines / seconds,
        'export.lines': lines,
        'export.peak-rss-mb': peakRss,
        'export.rss-before-mb': rssBefore,
      },
    };
  } finally {
    await api.stop();
  }
}

async function runCase(name: string, context: CaseContext): Promise<CaseResult> {
  if (name === 'in-process') {
    return inProcess(await ensureCodedHistory(SIZES[context.profile], context.log), context);
  }
  if (name === 'http') {
    return overHttp(await ensureCodedHistory(HTTP_SIZES[context.profile], context.log), context);
  }
  throw new Error(`unknown case ${name}`);
}

function figures(profile: Profile): FigureSpec[] {
  const n = SIZES[profile].toLocaleString('en-US');
  const h = HTTP_SIZES[profile].toLocaleString('en-US');
  return [
    {
      name: `[${n} events] 10-year monthly series of the busiest dyad, p99, in process`,
      metric: 'series latency',
      unit: 'ms',
      key: 'series.p99-ms',
      comparison: { name: 'raw GROUP BY over that dyad’s coded events, p99', key: 'raw.p99-ms' },
      target: { kind: 'absolute', op: '<', value: 5 },
    },
    {
      name: `[${n} events] series vs raw GROUP BY, p99`,
      metric: 'series latency',
      unit: 'ms',
      key: 'series.p99-ms',
      comparison: { name: 'raw GROUP BY over that dyad’s coded events, p99', key: 'raw.p99-ms' },
      target: { kind: 'ratio', op: '<=', value: 2 },
    },
    {
      name: `[${n} events] the same series as known at mid-history (summing the deltas), p99`,
      metric: 'series latency',
      unit: 'ms',
      key: 'series.as-of.p99-ms',
      comparison: { name: 'raw GROUP BY over that dyad’s coded events, p99', key: 'raw.p99-ms' },
      target: null,
    },
    {
      name: `[${n} events] reference: the dyad’s coded events in the raw table`,
      metric: 'rows',
      unit: 'events',
      key: 'raw.rows',
      target: null,
    },
    {
      name: `[${n} events] top dyads of one month, p99, in process`,
      metric: 'top latency',
      unit: 'ms',
      key: 'top.p99-ms',
      target: { kind: 'absolute', op: '<', value: 50 },
    },
    {
      name: `[${h} events] GET /v1/series/top for one month, p99, one request at a time`,
      metric: 'top latency',
      unit: 'ms',
      key: 'http.top.p99-ms',
      target: { kind: 'absolute', op: '<', value: 50 },
    },
    {
      name: `[${h} events] GET /v1/events?format=ndjson, every event`,
      metric: 'export throughput',
      unit: 'events/s',
      key: 'export.events-per-s',
      target: { kind: 'absolute', op: '>=', value: 100_000 },
    },
    {
      name: `[${h} events] NDJSON export: peak RSS of the API process`,
      metric: 'peak resident memory',
      unit: 'MB',
      key: 'export.peak-rss-mb',
      comparison: { name: 'the API before the export', key: 'export.rss-before-mb' },
      target: { kind: 'absolute', op: '<', value: 300 },
    },
  ];
}

function describe(profile: Profile): string {
  return (
    `${SIZES[profile].toLocaleString('en-US')} events generated once and cached (bench/scenarios/series/coded-history.ts, not timed): ` +
    'ten years of ICEWS-like facts over 2,000 directed dyads (the busiest couple weighted 1/sqrt(rank)), ' +
    '90% machine-coded with a CAMEO code and its ICEWS Goldstein score, 10% curated, 8% reported up to three years ' +
    'late, 3% retracted, 2% corrected; every read model projected once (cached). In process: ' +
    'DyadSeriesQueries.series of the busiest dyad over 2015-01..2024-12 as known now (the cells) and as known at ' +
    'mid-history (the deltas); raw: better-sqlite3 GROUP BY month, type, quad class over a table holding only ' +
    'that dyad’s coded reports, indexed by month, in the same process; top: every dyad’s totals of a random month, ' +
    'ranked by conflict. HTTP: the built API; GET /v1/series/top one request at a time; the NDJSON export read to ' +
    'its end by fetch, the API’s VmRSS sampled every 100 ms.'
  );
}

export const scenario: Scenario = {
  name: 'series',
  title: '7. Dyad series, the top of a month, and the NDJSON export',
  order: 7,
  runs: { full: 3, quick: 2, smoke: 1 },
  caseTimeoutSeconds: { full: 7200, quick: 1800, smoke: 300 },
  cases: () => ['in-process', 'http'],
  runCase,
  figures,
  describe,
};
