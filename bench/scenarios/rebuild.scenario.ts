/**
 * Scenario 2, rebuild: the timeline read model projected from zero over a generated history (a realistic
 * mix over 2,000 pairs and 10 channels, with late reports, retractions and corrections), beside the raw
 * cost of reading and parsing the same events.
 */
import { SqliteEventStore, openSqliteDatabase } from '@entente/event-store';
import { ProjectionManager, relationTimelineProjection } from '@entente/projections';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { CaseContext, CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import { ensureHistory, type History } from './history/cache';

export const HISTORY_SIZES: Record<Profile, number> = {
  full: 1_000_000,
  quick: 50_000,
  smoke: 2_000,
};

const CASES = ['rebuild', 'raw-read-parse', 'store-read'] as const;

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function runCase(name: string, context: CaseContext): Promise<CaseResult> {
  const size = HISTORY_SIZES[context.profile];
  // Generated (once, in a process of its own) before anything here is measured.
  const history = await ensureHistory(size, context.log);
  switch (name) {
    case 'rebuild':
      return rebuild(history, context);
    case 'raw-read-parse':
      return rawReadParse(history, context);
    case 'store-read':
      return storeRead(history, context);
    default:
      throw new Error(`unknown case ${name}`);
  }
}

/** ProjectionManager with the timeline alone, on a fresh read-model file, from position zero to live. */
async function rebuild(history: History, context: CaseContext): Promise<CaseResult> {
  const store = SqliteEventStore.open({ file: history.storeFile, durability: 'normal' });
  const db = openSqliteDatabase(join(context.dir, 'read-models.db'), {
    durability: 'normal',
    cacheMb: 64,
  });
  const head = await store.headPosition();
  const manager = new ProjectionManager(store, db, [relationTimelineProjection]);
  gc();
  const rssBefore = process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  manager.start();
  const reached = await manager.waitFor(head, 3_600_000);
  const seconds = (performance.now() - started) / 1000;
  const status = manager.statuses()[0];
  if (!reached || status.state !== 'live') {
    throw new Error(`the rebuild did not go live: ${JSON.stringify(status)}`);
  }
  const rows = db
    .prepare<[], number>(`SELECT count(*) FROM relation_timeline_g1_rows`)
    .pluck()
    .get();
  manager.stop();
  await store.close();
  db.close();
  const rate = head / seconds;
  context.log(
    `rebuilt ${head.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s: ` +
      `${Math.round(rate).toLocaleString('en-US')} events/s, ${rows} row versions, peak RSS ${peakRssMb().toFixed(0)} MB`,
  );
  return {
    values: {
      'rebuild.events-per-s': rate,
      'rebuild.peak-rss-mb': peakRssMb(),
      'rebuild.rss-before-mb': rssBefore,
    },
  };
}

/** The physical limit: better-sqlite3 iterating over every row in position order, JSON.parse of its data. */
async function rawReadParse(history: History, context: CaseContext): Promise<CaseResult> {
  const db = new Database(history.storeFile, { readonly: true });
  gc();
  const started = performance.now();
  let count = 0;
  let parsed = 0;
  for (const row of db
    .prepare<[], { data: string }>('SELECT * FROM events ORDER BY position')
    .iterate()) {
    if (JSON.parse(row.data) !== null) parsed++;
    count++;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  if (parsed !== count || count !== history.manifest.events) {
    throw new Error(`read ${count} rows, parsed ${parsed}, expected ${history.manifest.events}`);
  }
  context.log(`read and parsed ${count} events in ${seconds.toFixed(2)} s`);
  return { values: { 'raw.events-per-s': count / seconds, 'raw.peak-rss-mb': peakRssMb() } };
}

/** The store's own catch-up path, without a projection: readAll pages of 512, as subscribe reads them. */
async function storeRead(history: History, context: CaseContext): Promise<CaseResult> {
  const store = SqliteEventStore.open({ file: history.storeFile, durability: 'normal' });
  gc();
  const started = performance.now();
  let count = 0;
  let from = 0;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 512 });
    if (page.length === 0) break;
    count += page.length;
    from = page[page.length - 1].position;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  context.log(`read ${count} events through the store in ${seconds.toFixed(2)} s`);
  return { values: { 'store.events-per-s': count / seconds } };
}

function figures(): FigureSpec[] {
  const raw = { name: 'raw better-sqlite3 read + JSON.parse', key: 'raw.events-per-s' };
  return [
    {
      name: 'timeline rebuild from zero vs raw read-and-parse',
      metric: 'rebuild throughput',
      unit: 'events/s',
      key: 'rebuild.events-per-s',
      comparison: raw,
      target: { kind: 'ratio', op: '>=', value: 0.25 },
    },
    {
      name: 'timeline rebuild from zero',
      metric: 'rebuild throughput',
      unit: 'events/s',
      key: 'rebuild.events-per-s',
      comparison: raw,
      target: { kind: 'absolute', op: '>=', value: 100_000 },
    },
    {
      name: 'timeline rebuild: peak RSS of the process',
      metric: 'peak resident memory',
      unit: 'MB',
      key: 'rebuild.peak-rss-mb',
      comparison: { name: 'raw read-and-parse process', key: 'raw.peak-rss-mb' },
      target: { kind: 'absolute', op: '<', value: 400 },
    },
    {
      name: 'reference: raw better-sqlite3 read + JSON.parse',
      metric: 'read throughput',
      unit: 'events/s',
      key: 'raw.events-per-s',
      target: null,
    },
    {
      name: "reference: the store's readAll in pages of 512 (the rebuild's catch-up path)",
      metric: 'read throughput',
      unit: 'events/s',
      key: 'store.events-per-s',
      comparison: raw,
      target: null,
    },
  ];
}

function describe(profile: Profile): string {
  const n = HISTORY_SIZES[profile].toLocaleString('en-US');
  return (
    `${n} stored events generated once per generator version and cached (not timed): over 2,000 directed ` +
    'pairs of ISO governments and 10 channels (busy pairs weighted 1/sqrt(rank)), 66% state changes ' +
    'reported in order, 10% late ones (valid time up to 3 years back, often at month or year precision), ' +
    '13% context facts, 6% retractions, 5% corrections (date, conditions, type, or into a statement); ' +
    'about 600 B of JSON per report. Rebuild: ProjectionManager with the timeline projection alone, from ' +
    'position zero on a fresh read-model file (synchronous=NORMAL and a 64 MB page cache, as the API) until live; peak RSS is the ' +
    "whole process's (process.resourceUsage().maxRSS). Raw: better-sqlite3 iterating over the events " +
    'table in position order and JSON.parse of each data column. No warm-up: a rebuild runs in a cold process.' +
    (profile === 'full' ? '' : ' Smaller than the issue’s 1,000,000 in this profile.')
  );
}

export const scenario: Scenario = {
  name: 'rebuild',
  title: '2. Rebuild the timeline read model',
  order: 2,
  runs: { full: 5, quick: 3, smoke: 1 },
  // The first case of a fresh machine also generates the history (1M events: a few minutes).
  caseTimeoutSeconds: { full: 3600, quick: 300, smoke: 120 },
  cases: () => [...CASES],
  runCase,
  figures,
  describe,
};
