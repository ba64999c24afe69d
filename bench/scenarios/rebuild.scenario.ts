/**
 * Scenario 2, rebuild: the timeline read model projected from zero over a generated history (a realistic
 * mix over 2,000 pairs and 10 channels, with late reports, retractions and corrections), beside the raw
 * cost of reading and parsing the same events; a catch-up over a backlog (an import) onto a read model
 * that holds the beginning of the history; and the live path's cost per event at two sizes of history.
 */
import { keepHeapNearLive } from '@entente/common';
import { SqliteEventStore, type EventStore } from '@entente/event-store';
import {
  openReadModelFile,
  openReadModels,
  relationTimelineProjection,
  type RunnerOptions,
} from '@entente/projections';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { NEVER } from 'rxjs';
import { join } from 'node:path';
import type { CaseContext, CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import { ensureHistory, projectionCodeHash, type History } from './history/cache';
import { readThroughStore, writeFloor } from './rebuild/write-floor';

export const HISTORY_SIZES: Record<Profile, number> = {
  full: 1_000_000,
  quick: 50_000,
  smoke: 2_000,
};
/** The read model already holds this share of the history when the backlog case catches up the rest. */
const BEFORE_BACKLOG = 0.1;
/** Events applied one at a time, live, at the end of each history of the live cases. */
const LIVE_EVENTS: Record<Profile, number> = { full: 2_000, quick: 1_000, smoke: 200 };
/** The small history the live cost per event is compared with. */
const SMALL_HISTORY: Record<Profile, number> = { full: 50_000, quick: 10_000, smoke: 1_000 };

const CASES = [
  'rebuild',
  'raw-read-parse',
  'store-read',
  'write-floor',
  'write-rows-floor',
  'backlog',
  'live',
  'live-small',
] as const;

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function runCase(name: string, context: CaseContext): Promise<CaseResult> {
  // As the API and the CLI run (a projection's catch-up runs in one of them).
  keepHeapNearLive();
  const size =
    name === 'live-small' ? SMALL_HISTORY[context.profile] : HISTORY_SIZES[context.profile];
  // Generated (once, in a process of its own) before anything here is measured.
  const history = await ensureHistory(size, context.log);
  switch (name) {
    case 'rebuild':
      return rebuild(history, context);
    case 'raw-read-parse':
      return rawReadParse(history, context);
    case 'store-read':
      return storeRead(history, context);
    case 'write-floor':
    case 'write-rows-floor':
      await readModelUpTo(history, history.manifest.events, context);
      return writeFloor(
        history.storeFile,
        join(context.dir, 'read-models.db'),
        context,
        name === 'write-floor' ? 'sqlite' : 'rows',
      );
    case 'backlog':
      return backlog(history, context);
    case 'live':
    case 'live-small':
      return live(history, context, name === 'live' ? 'live' : 'live.small');
    default:
      throw new Error(`unknown case ${name}`);
  }
}

/** The read models as the API opens them, over `store`, in `dir`: the timeline alone. */
function timelineOver(store: EventStore, dir: string, options: RunnerOptions = {}) {
  const file = join(dir, 'read-models.db');
  const db = openReadModelFile(file);
  const models = openReadModels(store, db, {
    definitions: [relationTimelineProjection],
    ...options,
  });
  return { file, db, manager: models.manager };
}

/**
 * The longest stretch the event loop ran no timer, up to now when stopped (a histogram of timer delays
 * sees nothing of a stretch that lasts until it is read).
 */
function loopWatch(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 2);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return longest;
    },
  };
}

/**
 * Runs the timeline from wherever its file stands to `head`; returns the seconds it took, and the
 * longest the event loop waited meanwhile (the API answers HTTP on that thread).
 */
async function catchUp(manager: ReturnType<typeof timelineOver>['manager'], head: number) {
  const loop = loopWatch();
  const started = performance.now();
  manager.start();
  const reached = await manager.waitFor(head, 3_600_000);
  // A one-pass catch-up's last commit reaches the head a moment before its subscription is live.
  const deadline = Date.now() + 600_000;
  while (reached && manager.statuses()[0].state !== 'live' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (performance.now() - started) / 1000;
  const blockedMs = loop.stop();
  const status = manager.statuses()[0];
  if (!reached || status.state !== 'live') {
    throw new Error(`the timeline did not go live: ${JSON.stringify(status)}`);
  }
  return { seconds, blockedMs };
}

/** The timeline projected from position zero on a fresh file, until it covers the head. */
async function rebuild(history: History, context: CaseContext): Promise<CaseResult> {
  const store = SqliteEventStore.open({ file: history.storeFile, durability: 'normal' });
  const { file, db, manager } = timelineOver(store, context.dir);
  const head = await store.headPosition();
  gc();
  const { seconds, blockedMs } = await catchUp(manager, head);
  const rows = db
    .prepare<[], number>(`SELECT count(*) FROM relation_timeline_g1_rows`)
    .pluck()
    .get();
  manager.stop();
  await store.close();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const readModelMb = statSync(file).size / 1e6;
  const logMb = statSync(history.storeFile).size / 1e6;
  const rate = head / seconds;
  context.log(
    `rebuilt ${head.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s: ` +
      `${Math.round(rate).toLocaleString('en-US')} events/s, ${rows} row versions, ` +
      `${readModelMb.toFixed(1)} MB of timeline for ${logMb.toFixed(1)} MB of log, peak RSS ${peakRssMb().toFixed(0)} MB, ` +
      `event loop blocked at most ${blockedMs.toFixed(0)} ms`,
  );
  return {
    values: {
      'rebuild.events-per-s': rate,
      'rebuild.peak-rss-mb': peakRssMb(),
      'rebuild.read-model-mb': readModelMb,
      'rebuild.loop-blocked-max-ms': blockedMs,
      'log.mb': logMb,
    },
  };
}

/** The read model projected up to `cut` (not timed), then caught up to the head, timed. */
async function catchUpFrom(
  history: History,
  cut: number,
  context: CaseContext,
  options: RunnerOptions = {},
) {
  await readModelUpTo(history, cut, context);
  const store = SqliteEventStore.open({ file: history.storeFile, durability: 'normal' });
  const { db, manager } = timelineOver(store, context.dir, options);
  gc();
  const caughtUp = await catchUp(manager, history.manifest.events);
  manager.stop();
  await store.close();
  db.close();
  return caughtUp;
}

/**
 * An import: the read model holds the first BEFORE_BACKLOG of the history (projected first, not
 * timed), then the rest arrives at once and is caught up, as after an import of that many events.
 */
async function backlog(history: History, context: CaseContext): Promise<CaseResult> {
  const head = history.manifest.events;
  const cut = Math.round(head * BEFORE_BACKLOG);
  const { seconds, blockedMs } = await catchUpFrom(history, cut, context);
  const rate = (head - cut) / seconds;
  context.log(
    `caught up ${(head - cut).toLocaleString('en-US')} events onto ${cut.toLocaleString('en-US')} ` +
      `in ${seconds.toFixed(1)} s: ${Math.round(rate).toLocaleString('en-US')} events/s, ` +
      `event loop blocked at most ${blockedMs.toFixed(0)} ms`,
  );
  return {
    values: {
      'backlog.events-per-s': rate,
      'backlog.peak-rss-mb': peakRssMb(),
      'backlog.loop-blocked-max-ms': blockedMs,
    },
  };
}

/**
 * The live path: the history but its last LIVE_EVENTS projected (not timed), then those caught up
 * event by event, each applied and committed alone as a live append is.
 */
async function live(history: History, context: CaseContext, key: string): Promise<CaseResult> {
  const head = history.manifest.events;
  const cut = head - LIVE_EVENTS[context.profile];
  const { seconds } = await catchUpFrom(history, cut, context, {
    onePassFrom: Infinity,
    catchUpBatch: 1,
  });
  const perEventUs = (seconds * 1e6) / (head - cut);
  context.log(
    `${(head - cut).toLocaleString('en-US')} events one at a time on ${cut.toLocaleString('en-US')}: ` +
      `${perEventUs.toFixed(0)} µs each`,
  );
  return { values: { [`${key}.us-per-event`]: perEventUs } };
}

/**
 * Puts into the case's directory a timeline read model holding the history up to `cut`, projected
 * once per version of the code and cached beside the history (never timed).
 */
async function readModelUpTo(history: History, cut: number, context: CaseContext): Promise<void> {
  const cached = join(history.dir, `timeline-up-to-${cut}-${projectionCodeHash()}.db`);
  if (!existsSync(cached)) {
    context.log(`projecting the timeline of ${history.dir} up to ${cut} (cached)`);
    const building = `${cached}.building-${process.pid}`;
    const store = SqliteEventStore.open({ file: history.storeFile, durability: 'normal' });
    const db = openReadModelFile(building);
    const { manager } = openReadModels(upTo(store, cut), db, {
      definitions: [relationTimelineProjection],
      onePassFrom: 1,
    });
    manager.start();
    if (!(await manager.waitFor(cut, 3_600_000))) throw new Error(`did not reach ${cut}`);
    manager.stop();
    await store.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(building, cached);
  }
  copyFileSync(cached, join(context.dir, 'read-models.db'));
}

/** The store as it was when its head was `last`: read only, and never anything more to follow. */
function upTo(store: SqliteEventStore, last: number): EventStore {
  return {
    append: () => Promise.reject(new Error('read-only')),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: async (options) =>
      (await store.readAll(options)).filter((event) => event.position <= last),
    subscribe: () => NEVER,
    headPosition: async () => Math.min(last, await store.headPosition()),
    close: () => Promise.resolve(),
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
  gc();
  const { seconds, events: count } = await readThroughStore(history.storeFile);
  context.log(`read ${count} events through the store in ${seconds.toFixed(2)} s`);
  return { values: { 'store.events-per-s': count / seconds } };
}

function figures(profile: Profile): FigureSpec[] {
  const raw = { name: 'raw better-sqlite3 read + JSON.parse', key: 'raw.events-per-s' };
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    {
      name: 'timeline rebuild from zero vs raw read-and-parse',
      metric: 'rebuild throughput',
      unit: 'events/s',
      key: 'rebuild.events-per-s',
      comparison: raw,
      target: { kind: 'ratio', op: '>=', value: 0.4 },
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
      name: 'timeline read model on disk vs the event log',
      metric: 'size on disk',
      unit: 'MB',
      key: 'rebuild.read-model-mb',
      comparison: { name: "the store's file (events and their indexes)", key: 'log.mb' },
      target: { kind: 'ratio', op: '<=', value: 0.3 },
    },
    {
      name: `catch-up of a backlog (${Math.round(100 * (1 - BEFORE_BACKLOG))}% of the history arriving at once) vs raw read-and-parse`,
      metric: 'catch-up throughput',
      unit: 'events/s',
      key: 'backlog.events-per-s',
      comparison: raw,
      target: { kind: 'ratio', op: '>=', value: 0.4 },
    },
    {
      // The API answers HTTP on the thread that rebuilds: this is what a request may wait for.
      name: 'timeline rebuild: longest the event loop is blocked',
      metric: 'event loop delay (max)',
      unit: 'ms',
      key: 'rebuild.loop-blocked-max-ms',
      target: { kind: 'absolute', op: '<', value: 50 },
    },
    {
      name: 'catch-up of a backlog: peak RSS of the process',
      metric: 'peak resident memory',
      unit: 'MB',
      key: 'backlog.peak-rss-mb',
      target: { kind: 'absolute', op: '<', value: 400 },
    },
    {
      name: `live: cost per event applied alone at the end of ${n(HISTORY_SIZES[profile])} events vs of ${n(SMALL_HISTORY[profile])}`,
      metric: 'live apply latency',
      unit: 'µs',
      key: 'live.us-per-event',
      comparison: {
        name: `the same on ${n(SMALL_HISTORY[profile])} events`,
        key: 'live.small.us-per-event',
      },
      target: { kind: 'ratio', op: '<=', value: 2 },
    },
    {
      // What a rebuild through the store into these tables cannot beat, on one thread.
      name: 'reference: floor, reading every event through the store and writing the finished read model by SQLite alone',
      metric: 'read + write throughput',
      unit: 'events/s',
      key: 'floor.events-per-s',
      comparison: raw,
      target: null,
    },
    {
      // The same, but the rows handed to SQLite one at a time, as a fold in JavaScript must: the rebuild
      // target cannot ask for more than this on one thread.
      name: 'reference: floor through JavaScript, reading every event through the store and writing the finished read model row by row (better-sqlite3 prepared statements)',
      metric: 'read + write throughput',
      unit: 'events/s',
      key: 'rows-floor.events-per-s',
      comparison: raw,
      target: null,
    },
    {
      name: 'reference: timeline rebuild from zero',
      metric: 'rebuild throughput',
      unit: 'events/s',
      key: 'rebuild.events-per-s',
      target: null,
    },
    {
      name: 'reference: raw better-sqlite3 read + JSON.parse',
      metric: 'read throughput',
      unit: 'events/s',
      key: 'raw.events-per-s',
      target: null,
    },
    {
      name: "reference: the store's readAll in pages of 512",
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
    'about 600 B of JSON per report. Rebuild: the read models opened as the API opens them ' +
    '(openReadModelFile and openReadModels: synchronous=NORMAL, a 16 MB page cache) with the timeline alone, on a fresh file, ' +
    'from start() until live: the one-pass catch-up. Size: the read-model file after a WAL checkpoint ' +
    "against the store's file. Backlog: the same on a file already holding the first " +
    `${Math.round(100 * BEFORE_BACKLOG)}% (projected first, not timed). Live: the last ` +
    `${LIVE_EVENTS[profile].toLocaleString('en-US')} events handed over one at a time and applied event by ` +
    `event on a file holding the rest, at ${n} and at ${SMALL_HISTORY[profile].toLocaleString('en-US')} ` +
    "events. Every case runs with V8's heap growth as the API and the CLI set it (--heap-growing-percent=50). " +
    "Peak RSS is the whole process's (process.resourceUsage().maxRSS). Raw: better-sqlite3 " +
    'iterating over the events table in position order and JSON.parse of each data column. Floor: the ' +
    "store's readAll over every event, then the finished read model's tables (and indexes) written into " +
    'a fresh file by INSERT ... SELECT, one transaction per table, no fold. Floor through JavaScript: ' +
    'the same rows read back untimed and inserted one at a time by prepared statements, in key order, ' +
    '10,000 per transaction (what any fold on one thread must at least pay). No warm-up: ' +
    'a rebuild runs in a cold process.' +
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
