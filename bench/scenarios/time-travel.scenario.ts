/**
 * Scenario 3, time travel: random (pair, channel, T, K) lookups through the timeline's indexed stateAt,
 * at three sizes of history, against the naive answer (fold the key's events up to T as known at K), and
 * the same question over HTTP at 200 concurrent requests.
 */
import {
  relationStateAt,
  type KnowledgeLimit,
  type RecordedFact,
  type RelationKey,
} from '@entente/domain';
import { toRecordedEvent, type EventRow } from '@entente/event-store';
import {
  openReadModelFile,
  RELATION_TIMELINE,
  RelationTimelineQueries,
  tableNamer,
  toFact,
  type StateAt,
} from '@entente/projections';
import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { percentile } from '../harness/stats';
import type { CaseContext, CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import { seededRandom, randomInt, type Random } from '../support/random';
import { ensureHistory, ensureProjected, HISTORY_SEED, type History } from './history/cache';
import { keyOfId, universe } from './history/universe';
import { HTTP_SIZE, httpDescription, httpFigures, overHttp } from './time-travel/over-http';
import { rawPointLookups } from './time-travel/raw-point-lookup';

/** History sizes of the lookups; the last is compared with the first ("within 2x"). */
const SIZES: Record<Profile, readonly number[]> = {
  full: [1_000, 100_000, 1_000_000],
  quick: [1_000, 10_000, 50_000],
  smoke: [200, 2_000],
};
const LOOKUPS: Record<Profile, number> = { full: 10_000, quick: 10_000, smoke: 500 };
const WARMUP_LOOKUPS = 1_000;
/** Lookups also answered by the naive fold, and compared. */
const NAIVE_SAMPLE: Record<Profile, number> = { full: 200, quick: 200, smoke: 50 };
const HTTP_PATHS = 5_000;
const LOOKUP_SEED = 314_159;
const DAY = 86_400_000;

interface Lookup {
  readonly key: RelationKey;
  readonly at: number;
  readonly knownAt: number;
  /** The report axis, asked apart: as publicly reported by then, of everything recorded. */
  readonly reportedBy: number;
}

/** Keys with a state change in some version, with T over the valid times and K over the record times. */
function lookupsOf(history: History, count: number, random: Random): Lookup[] {
  const world = universe(HISTORY_SEED);
  const keysDb = new Database(history.keysFile, { readonly: true });
  const keyIds = keysDb.prepare<[], number>('SELECT key_id FROM lookup_keys').pluck().all();
  keysDb.close();
  const m = history.manifest;
  return Array.from({ length: count }, () => ({
    key: keyOfId(world, keyIds[randomInt(random, keyIds.length)]),
    at: m.firstValidMs + Math.floor(random() * (m.lastRecordMs - m.firstValidMs)),
    knownAt:
      m.firstRecordMs -
      30 * DAY +
      Math.floor(random() * (m.lastRecordMs - m.firstRecordMs + 31 * DAY)),
    reportedBy:
      m.firstRecordMs -
      30 * DAY +
      Math.floor(random() * (m.lastRecordMs - m.firstRecordMs + 31 * DAY)),
  }));
}

function caseNames(profile: Profile): string[] {
  return [...SIZES[profile].map((n) => `lookups-${n}`), `http-${HTTP_SIZE[profile]}`];
}

async function runCase(name: string, context: CaseContext): Promise<CaseResult> {
  const [kind, size] = name.split('-');
  const events = Number(size);
  const history = await ensureHistory(events, context.log);
  if (kind === 'lookups') return lookups(history, events, context);
  if (kind === 'http') return overHttpCase(history, context);
  throw new Error(`unknown case ${name}`);
}

async function lookups(history: History, size: number, context: CaseContext): Promise<CaseResult> {
  const projected = await ensureProjected(history, 'timeline', context.log);
  const db = openReadModelFile(projected.readModelFile);
  const generation = db
    .prepare<[string], number>('SELECT generation FROM projection_live WHERE name = ?')
    .pluck()
    .get(RELATION_TIMELINE)!;
  // The naive answer: the key's events read from the store and folded, for a sample of the same lookups.
  const store = new Database(history.storeFile, { readonly: true });
  const keysDb = new Database(history.keysFile, { readonly: true });
  const byPosition = store.prepare<[number], EventRow>('SELECT * FROM events WHERE position = ?');
  const positionsOf = keysDb
    .prepare<[number], number>(
      `SELECT re.position FROM report_keys rk JOIN report_events re ON re.report = rk.report
       WHERE rk.key_id = ? ORDER BY re.position`,
    )
    .pluck();
  const world = universe(HISTORY_SEED);
  const keyIds = new Map(
    keysDb
      .prepare<[], number>('SELECT key_id FROM lookup_keys')
      .pluck()
      .all()
      .map((id) => [JSON.stringify(keyOfId(world, id)), id]),
  );
  const factsOfKey = (key: RelationKey): RecordedFact[] =>
    positionsOf
      .all(keyIds.get(JSON.stringify(key))!)
      .map((position) => toFact(toRecordedEvent(byPosition.get(position)!)));
  const naive = (lookup: Lookup, limit: KnowledgeLimit = new Date(lookup.knownAt)) => {
    const facts = factsOfKey(lookup.key);
    return {
      answer: relationStateAt(facts, lookup.key, new Date(lookup.at), limit),
      facts: facts.length,
    };
  };
  const queries = new RelationTimelineQueries(db, () => ({
    generation,
    tables: tableNamer(RELATION_TIMELINE, generation),
  }));
  // The lookups the rows cannot answer (the report axis of a key whose events came out of report order
  // by K) fold the key's versions of reports instead: counted from the keys' own flag.
  const unorderedFrom = db
    .prepare<[string, string, string], number | null>(
      `SELECT unordered_from FROM ${tableNamer(RELATION_TIMELINE, generation)('keys')}
       WHERE actor = ? AND target = ? AND channel = ? AND view = 0`,
    )
    .pluck();
  const folds = ({
    key,
    knownAt,
    reportedBy,
  }: {
    key: RelationKey;
    knownAt: number;
    reportedBy: number;
  }) => {
    const from = unorderedFrom.get(key.actor, key.target, key.channel) ?? null;
    return reportedBy < knownAt && from !== null && from <= knownAt;
  };
  const random = seededRandom(LOOKUP_SEED + size);
  const warmup = lookupsOf(history, WARMUP_LOOKUPS, random);
  const measured = lookupsOf(history, LOOKUPS[context.profile], random);

  // Everything recorded (the history's last record time), as reported by R.
  const byReport = (lookup: Lookup) => ({
    knownAt: history.manifest.lastRecordMs,
    reportedBy: lookup.reportedBy,
  });
  for (const lookup of warmup) {
    queries.stateAt(lookup.key, lookup.at, lookup.knownAt);
    queries.stateAt(lookup.key, lookup.at, byReport(lookup));
  }
  (globalThis as { gc?: () => void }).gc?.();
  const ours: number[] = [];
  const answers: StateAt[] = [];
  for (const { key, at, knownAt } of measured) {
    const started = performance.now();
    const answer = queries.stateAt(key, at, knownAt);
    ours.push((performance.now() - started) * 1000);
    answers.push(answer);
  }
  const oursReported: number[] = [];
  const answersReported: StateAt[] = [];
  for (const lookup of measured) {
    const started = performance.now();
    const answer = queries.stateAt(lookup.key, lookup.at, byReport(lookup));
    oursReported.push((performance.now() - started) * 1000);
    answersReported.push(answer);
  }
  const folded = measured.filter((lookup) =>
    folds({ ...byReport(lookup), key: lookup.key }),
  ).length;
  const foldedShare = (100 * folded) / measured.length;
  const t = tableNamer(RELATION_TIMELINE, generation);
  const count = (table: string) =>
    db
      .prepare<[], number>(`SELECT count(*) FROM ${t(table)}`)
      .pluck()
      .get()!;
  const raw = rawPointLookups(
    context.dir,
    count('rows'),
    count('keys'),
    LOOKUPS[context.profile],
    seededRandom(LOOKUP_SEED * 2 + size),
  );
  const sample = Math.min(NAIVE_SAMPLE[context.profile], measured.length);
  for (const lookup of warmup.slice(0, 20)) naive(lookup);
  const naiveTimes: number[] = [];
  const factsRead: number[] = [];
  let mismatches = 0;
  let reportedMismatches = 0;
  for (let i = 0; i < sample; i++) {
    const started = performance.now();
    const { answer, facts } = naive(measured[i]);
    naiveTimes.push((performance.now() - started) * 1000);
    factsRead.push(facts);
    if (!isDeepStrictEqual(answer, answers[i])) mismatches++;
    const reported = naive(measured[i], { reportedBy: new Date(measured[i].reportedBy) });
    if (!isDeepStrictEqual(reported.answer, answersReported[i])) reportedMismatches++;
  }
  store.close();
  keysDb.close();
  db.close();
  const k = (what: string) => `${what}.${size}`;
  const median = (values: number[]) => percentile(values, 50);
  // A lookup before anything is known of its key stops at the first index probe; one that finds a state
  // reads the row and its anomalies. The mix differs with the size (few facts per key at 1,000 events),
  // so each kind is also timed apart: the same question, at two sizes.
  const answered = ours.filter((_, i) => answers[i].basis.length > 0);
  const unanswered = ours.filter((_, i) => answers[i].basis.length === 0);
  context.log(
    `${size} events: indexed median ${median(ours)?.toFixed(1)} us, p99 ${percentile(ours, 99)?.toFixed(1)} us; ` +
      `naive median ${median(naiveTimes)?.toFixed(0)} us over ${median(factsRead)} events per key; ${mismatches} differ; ` +
      `report axis median ${median(oursReported)?.toFixed(1)} us, p99 ${percentile(oursReported, 99)?.toFixed(1)} us, ` +
      `${reportedMismatches} differ, ${foldedShare.toFixed(1)}% folded; raw point lookup median ${raw.medianUs.toFixed(1)} us, p99 ${raw.p99Us.toFixed(1)} us`,
  );
  return {
    values: {
      [k('ours.median-us')]: median(ours),
      [k('ours.p99-us')]: percentile(ours, 99),
      [k('ours.answered.median-us')]: median(answered),
      [k('ours.answered.percent')]: (100 * answered.length) / ours.length,
      [k('ours.unanswered.median-us')]: median(unanswered),
      [k('naive.median-us')]: median(naiveTimes),
      [k('naive.p99-us')]: percentile(naiveTimes, 99),
      [k('naive.events-per-key')]: median(factsRead),
      [k('mismatches')]: mismatches,
      [k('reported.median-us')]: median(oursReported),
      [k('reported.p99-us')]: percentile(oursReported, 99),
      [k('reported.mismatches')]: reportedMismatches,
      [k('reported.folded.percent')]: foldedShare,
      [k('raw.median-us')]: raw.medianUs,
      [k('raw.p99-us')]: raw.p99Us,
    },
  };
}

async function overHttpCase(history: History, context: CaseContext): Promise<CaseResult> {
  const projected = await ensureProjected(history, 'all', context.log);
  const random = seededRandom(LOOKUP_SEED - HTTP_SIZE[context.profile]);
  const paths = lookupsOf(history, HTTP_PATHS, random).map(
    ({ key, at, knownAt }) =>
      `/v1/relations/${key.actor}/${key.target}?at=${new Date(at).toISOString()}` +
      `&knownAt=${new Date(knownAt).toISOString()}`,
  );
  return overHttp(projected.dataDir, paths, context);
}

function figures(profile: Profile): FigureSpec[] {
  const sizes = SIZES[profile];
  const n = (x: number) => x.toLocaleString('en-US');
  const list: FigureSpec[] = [];
  for (const size of sizes) {
    list.push(
      {
        name: `[${n(size)} events] median lookup, indexed stateAt vs naive fold`,
        metric: 'lookup latency (median)',
        unit: 'µs',
        key: `ours.median-us.${size}`,
        comparison: {
          name: 'naive: fold the key’s events from the store',
          key: `naive.median-us.${size}`,
        },
        target: null,
      },
      {
        name: `[${n(size)} events] p99 lookup, in process`,
        metric: 'lookup latency (p99)',
        unit: 'µs',
        key: `ours.p99-us.${size}`,
        comparison: { name: 'naive fold, p99', key: `naive.p99-us.${size}` },
        target: { kind: 'absolute', op: '<', value: 1000 },
      },
      {
        name: `[${n(size)} events] indexed answers differing from the naive fold (of ${NAIVE_SAMPLE[profile]})`,
        metric: 'correctness',
        unit: 'lookups',
        key: `mismatches.${size}`,
        target: { kind: 'absolute', op: '<=', value: 0 },
      },
      {
        name: `[${n(size)} events] p99 lookup on the report axis (reportedBy), in process`,
        metric: 'lookup latency (p99)',
        unit: 'µs',
        key: `reported.p99-us.${size}`,
        target: { kind: 'absolute', op: '<', value: 1000 },
      },
      {
        name: `[${n(size)} events] report-axis answers differing from the naive fold (of ${NAIVE_SAMPLE[profile]})`,
        metric: 'correctness',
        unit: 'lookups',
        key: `reported.mismatches.${size}`,
        target: { kind: 'absolute', op: '<=', value: 0 },
      },
      {
        name: `[${n(size)} events] share of report-axis lookups the rows cannot answer (the key's facts folded)`,
        metric: 'share',
        unit: '%',
        key: `reported.folded.percent.${size}`,
        target: null,
      },
      {
        name: `[${n(size)} events] median lookup answered with a state (resting on facts)`,
        metric: 'lookup latency (median)',
        unit: 'µs',
        key: `ours.answered.median-us.${size}`,
        comparison: {
          name: 'median lookup before anything is known of the key',
          key: `ours.unanswered.median-us.${size}`,
        },
        target: null,
      },
      {
        name: `[${n(size)} events] share of lookups answered with a state`,
        metric: 'share',
        unit: '%',
        key: `ours.answered.percent.${size}`,
        target: null,
      },
      {
        name: `[${n(size)} events] reference: events the naive fold reads per key (median)`,
        metric: 'events per key',
        unit: 'events',
        key: `naive.events-per-key.${size}`,
        target: null,
      },
    );
  }
  const top = sizes[sizes.length - 1];
  list.push(
    ...(['record', 'report'] as const).map((axis): FigureSpec => ({
      name: `median lookup at ${n(top)} events, ${axis} axis, vs a raw SQLite indexed point lookup`,
      metric: 'lookup latency (median)',
      unit: 'µs',
      key: `${axis === 'record' ? 'ours' : 'reported'}.median-us.${top}`,
      comparison: {
        name: 'better-sqlite3: the version in effect at T of a key, same row count, same run',
        key: `raw.median-us.${top}`,
      },
      target: { kind: 'ratio', op: '<=', value: 3 },
      ...(profile === 'full'
        ? {}
        : { note: `top size ${n(top)} events in this profile, not the issue’s 1,000,000` }),
    })),
    {
      name: `median lookup at ${n(top)} events vs at ${n(sizes[0])}`,
      metric: 'lookup latency (median)',
      unit: 'µs',
      key: `ours.median-us.${top}`,
      comparison: { name: `median at ${n(sizes[0])} events`, key: `ours.median-us.${sizes[0]}` },
      target: null,
    },
    {
      name: `median lookup answered with a state at ${n(top)} events vs at ${n(sizes[0])}`,
      metric: 'lookup latency (median)',
      unit: 'µs',
      key: `ours.answered.median-us.${top}`,
      comparison: {
        name: `the same at ${n(sizes[0])} events`,
        key: `ours.answered.median-us.${sizes[0]}`,
      },
      target: null,
    },
    ...httpFigures(profile),
  );
  return list;
}

function describe(profile: Profile): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const sizes = SIZES[profile].map(n).join(', ');
  return [
    `Histories of ${sizes} events from the scenario-2 generator (cached), the timeline projected once.`,
    `${n(LOOKUPS[profile])} lookups per size (after ${n(WARMUP_LOOKUPS)} warm-up ones), each a key drawn`,
    'among those with a state change, T uniform over the valid times and K uniform over the record times',
    '(from a month before the first); each timed alone with performance.now() through',
    'RelationTimelineQueries.stateAt (index lookups on the read-model file). Naive: for the first',
    `${NAIVE_SAMPLE[profile]} of the same lookups, the key's events read from the store file by position`,
    '(the generator keeps which events concern which key: streams are per fact, so no stream read finds',
    "them), mapped with the store's row mapper and folded with the domain's relationStateAt; answers",
    'compared.',
    httpDescription(profile),
  ].join(' ');
}

export const scenario: Scenario = {
  name: 'time-travel',
  title: '3. Time travel',
  order: 3,
  runs: { full: 5, quick: 3, smoke: 1 },
  caseTimeoutSeconds: { full: 3600, quick: 300, smoke: 120 },
  cases: caseNames,
  runCase,
  figures,
  describe,
};
