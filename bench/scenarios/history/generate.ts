import { ManualClock } from '@entente/common';
import {
  decideRecordEvent,
  initialReportState,
  isStateChangeType,
  pairsOf,
  EVENT_CATALOG,
  type EventCorrectedData,
  type RecordEventInput,
  type RelationStatus,
  type ReportData,
  type ReportState,
  type ReportType,
  type StateChangeType,
} from '@entente/domain';
import { SqliteEventStore, openSqliteDatabase, type SqliteDatabase } from '@entente/event-store';
import { randomInt, seededRandom, seededUuidV7, pick, type Random } from '../../support/random';
import { CHANNELS, keyIdOf, nextType, otherType, universe } from './universe';

/**
 * Bump when the generator's output changes: cached histories are keyed by it, so a stale one is never
 * measured by mistake.
 */
export const GENERATOR_VERSION = 2;

/** What a generated history holds, beside its store: written to manifest.json. */
export interface HistoryManifest {
  readonly generator: number;
  readonly seed: number;
  /** Events in the store (its head position). */
  readonly events: number;
  /** Record times: of the first and the last event. */
  readonly firstRecordMs: number;
  readonly lastRecordMs: number;
  /** Valid times: the earliest and latest start of any report. */
  readonly firstValidMs: number;
  readonly lastValidMs: number;
  /** Keys (actor, target, channel) with at least one state change in some version. */
  readonly keys: number;
  readonly counts: Readonly<Record<OpKind | 'mutual', number>>;
  readonly seconds: number;
}

export type OpKind = 'in-order' | 'late' | 'context' | 'retraction' | 'correction';

/**
 * The mix. In-order state changes are reported shortly after they happen; late ones happened up to three
 * years before the key's latest report, often with month or year precision ("since 2023"); retractions
 * withdraw a report (mostly a recent one); corrections amend a recent one (its date, conditions or type,
 * or turn it into a statement).
 */
const MIX: readonly (readonly [OpKind, number])[] = [
  ['in-order', 66],
  ['late', 10],
  ['context', 13],
  ['retraction', 6],
  ['correction', 5],
];

/** Share of state changes of any type of the channel's family, whatever the status. */
const NOISE = 0.03;
/** Share of state changes reported by both sides of a couple together (one fact, two keys). */
const MUTUAL = 0.1;
/** Reports that stay correctable; older ones can still be retracted. */
const RECENT = 2_000;

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const FIRST_RECORD_MS = Date.parse('2016-01-04T08:00:00.000Z');
const LAST_RECORD_MS = Date.parse('2025-10-31T18:00:00.000Z');
const EARLIEST_VALID_MS = Date.parse('2010-01-01T00:00:00.000Z');
const RECORDED_BY = 'bench-recorder';

const CONDITIONS = [
  'until the investigation concludes',
  'pending a review of the agreement',
  'while the strikes continue',
  'until an apology is issued',
  'pending talks in Geneva',
  'for ninety days',
];
const OUTLETS = ['Reuters', 'AP', 'AFP', 'El País', 'BBC', 'Le Monde', 'Al Jazeera', 'Kyodo'];
const KINDS = ['news-report', 'official-statement', 'social-media-post'] as const;

interface ReportMeta {
  readonly index: number;
  revision: number;
  type: ReportType;
  /** Content of the version in effect; dropped once the report leaves the recent window. */
  data: ReportData | null;
  retracted: boolean;
  /** Position of the report in `open`, for O(1) removal. */
  openSlot: number;
}

interface KeyState {
  status: RelationStatus;
  lastValidMs: number;
  /** Valid starts and statuses of the in-order reports, for late reports to fit what was true then. */
  readonly history: { validMs: number; status: RelationStatus }[];
}

interface Pending {
  readonly stream: string;
  readonly expectedRevision: 'no-stream' | number;
  readonly event: { eventId: string; type: string; schemaVersion: number; data: unknown };
  readonly report: ReportMeta;
  /** Key ids of the version written by this event (none for a retraction). */
  readonly keys: readonly number[];
}

export interface GenerateOptions {
  readonly storeFile: string;
  readonly keysFile: string;
  readonly events: number;
  readonly seed: number;
  readonly log?: (message: string) => void;
}

/**
 * Writes a history of `events` events through the embedded store's own append (one wave of appends, one
 * transaction, per record time) and, beside it, which events concern which key (keys.db), for the naive
 * fold of scenario 3 to read a key's events without a read model.
 */
export async function generateHistory(options: GenerateOptions): Promise<HistoryManifest> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const world = universe(options.seed);
  const clock = new ManualClock(new Date(FIRST_RECORD_MS));
  const store = SqliteEventStore.open({ file: options.storeFile, durability: 'normal', clock });
  const keysDb = openKeysDb(options.keysFile);
  const insertReportKey = keysDb.prepare(
    'INSERT OR IGNORE INTO report_keys (key_id, report) VALUES (?, ?)',
  );
  const insertReportEvent = keysDb.prepare(
    'INSERT INTO report_events (report, position) VALUES (?, ?)',
  );

  const reports = new Map<string, ReportMeta>();
  const open: string[] = [];
  const recent: string[] = [];
  const keys = new Map<number, KeyState>();
  const touched = new Set<number>();
  const counts = {
    'in-order': 0,
    late: 0,
    context: 0,
    retraction: 0,
    correction: 0,
    mutual: 0,
  };
  let firstValidMs = Infinity;
  let lastValidMs = -Infinity;
  let nextIndex = 0;

  const wave = Math.max(1, Math.min(100, Math.round(options.events / 10_000)));
  const waves = Math.ceil(options.events / wave);
  const step = (LAST_RECORD_MS - FIRST_RECORD_MS) / waves;
  let written = 0;
  let lastRecordMs = FIRST_RECORD_MS;

  const keyState = (keyId: number): KeyState => {
    let state = keys.get(keyId);
    if (!state) {
      state = { status: 'unknown', lastValidMs: -Infinity, history: [] };
      keys.set(keyId, state);
    }
    return state;
  };

  const noteValid = (data: ReportData) => {
    const ms = Date.parse(data.occurredAt.start);
    firstValidMs = Math.min(firstValidMs, ms);
    lastValidMs = Math.max(lastValidMs, ms);
  };

  const pairIndexes = new Map(world.pairs.map((p, i) => [`${p.actor}>${p.target}`, i]));
  const keyIdsOf = (data: ReportData): number[] =>
    pairsOf(data)
      .filter((p) => p.channel !== null)
      .map((p) =>
        keyIdOf(
          pairIndexes.get(`${p.actor}>${p.target}`)!,
          CHANNELS.indexOf(p.channel as (typeof CHANNELS)[number]),
        ),
      );

  const removeOpen = (id: string, meta: ReportMeta) => {
    const last = open.pop()!;
    if (last !== id) {
      open[meta.openSlot] = last;
      reports.get(last)!.openSlot = meta.openSlot;
    }
    meta.openSlot = -1;
  };

  const addRecent = (id: string) => {
    recent.push(id);
    if (recent.length > RECENT) {
      const old = reports.get(recent.shift()!);
      if (old) old.data = null;
    }
  };

  /** Decides one op at record time `nowMs`, or returns null when the op has nothing to act on. */
  let sequence = 0;
  const decide = (kind: OpKind, nowMs: number): Pending | null => {
    const now = new Date(nowMs);
    // Ids as the API assigns them when the client sends none: UUIDv7, in record order.
    const eventId = seededUuidV7(random, nowMs, sequence++);
    const context = { now, eventId, registeredActors: new Set<string>() };
    if (kind === 'retraction') {
      const pool = random() < 0.7 ? recent : open;
      const id = pool.length === 0 ? undefined : pool[randomInt(random, pool.length)];
      const meta = id === undefined ? undefined : reports.get(id);
      if (!id || !meta || meta.retracted) return null;
      const decision = decideRecordEvent(
        { type: 'EventRetracted', retracts: id, reason: pick(random, RETRACTION_REASONS) },
        stateOf(id, meta),
        context,
      );
      meta.retracted = true;
      removeOpen(id, meta);
      return pendingOf(decision, meta, []);
    }
    if (kind === 'correction') {
      if (recent.length === 0) return null;
      const id = recent[randomInt(random, recent.length)];
      const meta = reports.get(id)!;
      if (meta.retracted || !meta.data) return null;
      const input = correctionOf(random, id, meta.type, meta.data, nowMs);
      const decision = decideRecordEvent(input, stateOf(id, meta), context);
      const data = decision.events[0].data as EventCorrectedData;
      meta.type = data.replacementType;
      meta.data = data.replacement;
      noteValid(data.replacement);
      const ids = isStateChangeType(data.replacementType) ? keyIdsOf(data.replacement) : [];
      return pendingOf(decision, meta, ids);
    }
    const coupleIndex = world.couples.pick(random);
    const forward = random() < 0.5;
    const pairIndex = coupleIndex * 2 + (forward ? 0 : 1);
    const pair = world.pairs[pairIndex];
    const channelIndex = world.channels.pick(random);
    const channel = CHANNELS[channelIndex];
    let input: RecordEventInput;
    if (kind === 'context') {
      input = contextOf(random, pair.actor, pair.target, channel, nowMs);
    } else {
      const key = keyState(keyIdOf(pairIndex, channelIndex));
      const late = kind === 'late';
      const validMs = late
        ? Math.max(
            EARLIEST_VALID_MS,
            (Number.isFinite(key.lastValidMs) ? key.lastValidMs : nowMs) -
              DAY -
              Math.floor(random() * 3 * YEAR),
          )
        : nowMs - Math.floor(random() * 3 * DAY);
      const statusThen = late ? statusAt(key, validMs) : key.status;
      const type = nextType(random, channel, statusThen, NOISE);
      const mutual = random() < MUTUAL;
      if (mutual) counts.mutual++;
      input = stateChangeOf(random, type, pair.actor, pair.target, mutual, channel, {
        validMs,
        precision: late ? pick(random, LATE_PRECISIONS) : pick(random, RECENT_PRECISIONS),
        nowMs,
      });
      if (!late) {
        const status = EVENT_CATALOG[type].leadsTo!;
        key.status = status;
        key.lastValidMs = Math.max(key.lastValidMs, validMs);
        insertSorted(key.history, { validMs, status });
      }
    }
    const decision = decideRecordEvent(input, initialReportState, context);
    const event = decision.events[0];
    const data = event.data as ReportData;
    noteValid(data);
    const meta: ReportMeta = {
      index: nextIndex++,
      revision: 0,
      type: event.type as ReportType,
      data,
      retracted: false,
      openSlot: open.length,
    };
    reports.set(event.eventId, meta);
    open.push(event.eventId);
    addRecent(event.eventId);
    const ids = isStateChangeType(event.type) ? keyIdsOf(data) : [];
    return pendingOf(decision, meta, ids);
  };

  const kinds = MIX.map(([k]) => k);
  const weights = MIX.map(([, w]) => w);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const drawKind = (): OpKind => {
    let x = random() * totalWeight;
    for (let i = 0; i < kinds.length; i++) {
      x -= weights[i];
      if (x < 0) return kinds[i];
    }
    return kinds[kinds.length - 1];
  };

  for (let w = 0; w < waves && written < options.events; w++) {
    const nowMs = Math.round(FIRST_RECORD_MS + (w + 1) * step);
    clock.set(new Date(nowMs));
    lastRecordMs = nowMs;
    sequence = 0;
    const batch: Pending[] = [];
    while (batch.length < wave && written + batch.length < options.events) {
      const kind = drawKind();
      const pending = decide(kind, nowMs);
      if (!pending) continue;
      counts[kind]++;
      batch.push(pending);
    }
    // Submitted together: the store's group commit writes them in one transaction, in this order.
    const results = await Promise.all(
      batch.map((p) =>
        store.append(
          p.stream,
          [
            {
              ...p.event,
              metadata: { recordedBy: RECORDED_BY, correlationId: p.event.eventId },
            },
          ],
          { expectedRevision: p.expectedRevision },
        ),
      ),
    );
    keysDb.transaction(() => {
      results.forEach((result, i) => {
        const { report, keys: ids } = batch[i];
        insertReportEvent.run(report.index, result.position);
        for (const id of ids) {
          insertReportKey.run(id, report.index);
          touched.add(id);
        }
      });
    })();
    written += batch.length;
    if (options.log && options.events >= 100_000 && w % Math.floor(waves / 10) === 0 && w > 0) {
      options.log(`generated ${written.toLocaleString('en-US')} of ${options.events} events`);
    }
  }
  const head = await store.headPosition();
  await store.close();
  keysDb.exec(`CREATE TABLE lookup_keys (key_id INTEGER PRIMARY KEY) WITHOUT ROWID`);
  const insertLookupKey = keysDb.prepare('INSERT INTO lookup_keys (key_id) VALUES (?)');
  keysDb.transaction(() => {
    for (const id of [...touched].sort((a, b) => a - b)) insertLookupKey.run(id);
  })();
  keysDb.close();
  return {
    generator: GENERATOR_VERSION,
    seed: options.seed,
    events: head,
    firstRecordMs: FIRST_RECORD_MS + Math.round(step),
    lastRecordMs,
    firstValidMs,
    lastValidMs,
    keys: touched.size,
    counts,
    seconds: (Date.now() - started) / 1000,
  };
}

const RETRACTION_REASONS = [
  'the outlet withdrew the report',
  'misattributed: the statement was about another government',
  'duplicate of an earlier report',
];
const RECENT_PRECISIONS: readonly Precision[] = [
  'day',
  'day',
  'day',
  'day',
  'day',
  'day',
  'instant',
  'instant',
  'instant',
  'month',
];
const LATE_PRECISIONS: readonly Precision[] = [
  'day',
  'day',
  'day',
  'day',
  'day',
  'month',
  'month',
  'month',
  'year',
  'year',
];

type Precision = 'year' | 'month' | 'day' | 'instant';

function occurredAtOf(validMs: number, precision: Precision): string {
  const iso = new Date(validMs).toISOString();
  switch (precision) {
    case 'year':
      return iso.slice(0, 4);
    case 'month':
      return iso.slice(0, 7);
    case 'day':
      return iso.slice(0, 10);
    case 'instant':
      return `${iso.slice(0, 16)}:00Z`;
  }
}

function sourcesOf(random: Random, actor: string, nowMs: number) {
  const count = random() < 0.7 ? 1 : 2;
  return Array.from({ length: count }, (_, i) => {
    const outlet = pick(random, OUTLETS);
    return {
      kind: pick(random, KINDS),
      url: `https://news.example.org/${new Date(nowMs).toISOString().slice(0, 10)}/${actor.toLowerCase()}-${randomInt(random, 1e9).toString(36)}`,
      outlet,
      publishedAt: new Date(nowMs - i * DAY).toISOString().slice(0, 10),
      quote:
        i === 0
          ? `"We have taken this decision after careful consideration," the ${actor} foreign ministry said, according to ${outlet}.`
          : 'Officials confirmed the measure on condition of anonymity.',
    };
  });
}

const VERBS: Readonly<Record<StateChangeType, string>> = {
  CooperationEstablished: 'establishes',
  CooperationSuspended: 'suspends',
  CooperationRestricted: 'restricts',
  CooperationResumed: 'resumes',
  RelationsSevered: 'severs',
  RelationsRestored: 'restores',
  MembershipSuspended: 'suspends the membership of',
  MembershipRestored: 'restores the membership of',
};

export function stateChangeOf(
  random: Random,
  type: StateChangeType,
  actor: string,
  target: string,
  mutual: boolean,
  channel: string,
  when: { validMs: number; precision: Precision; nowMs: number },
): RecordEventInput {
  const conditions =
    random() < 0.3
      ? [pick(random, CONDITIONS), ...(random() < 0.2 ? [pick(random, CONDITIONS)] : [])]
      : [];
  return {
    type,
    ...(mutual ? { actors: [actor, target], targets: [actor, target] } : { actor, target }),
    channel,
    occurredAt: occurredAtOf(when.validMs, when.precision),
    summary: `${mutual ? `${actor} and ${target}` : actor} ${VERBS[type]} ${channel} cooperation ${mutual ? 'with each other' : `with ${target}`}, the ministry announced.`,
    conditions: [...new Set(conditions)],
    sources: sourcesOf(random, actor, when.nowMs),
  };
}

export function contextOf(
  random: Random,
  actor: string,
  target: string,
  channel: string,
  nowMs: number,
): RecordEventInput {
  const accusation = random() < 0.4;
  return {
    type: accusation ? 'AccusationMade' : 'StatementIssued',
    actor,
    target,
    channel: random() < 0.5 ? channel : null,
    occurredAt: occurredAtOf(nowMs - Math.floor(random() * 2 * DAY), 'day'),
    summary: accusation
      ? `${actor} accuses ${target} of undermining the ${channel} agreement.`
      : `${actor} comments on its ${channel} relationship with ${target}.`,
    speaker: { name: 'Foreign ministry spokesperson', office: 'Spokesperson', affiliation: actor },
    sources: sourcesOf(random, actor, nowMs),
  };
}

function correctionOf(
  random: Random,
  reportId: string,
  type: ReportType,
  data: ReportData,
  nowMs: number,
): RecordEventInput {
  const base = {
    type: 'EventCorrected',
    corrects: reportId,
    reason: 'better sources',
  } as const;
  if (!isStateChangeType(type)) return { ...base, summary: `${data.summary} (corrected)` };
  const x = random();
  if (x < 0.4) {
    const start = Date.parse(data.occurredAt.start);
    const shifted = Math.min(nowMs, start + (randomInt(random, 9) - 5) * DAY);
    return { ...base, occurredAt: occurredAtOf(shifted, 'day') };
  }
  if (x < 0.65) return { ...base, conditions: [pick(random, CONDITIONS)] };
  if (x < 0.9) {
    return { ...base, replacementType: otherType(random, data.channel ?? 'diplomatic', type) };
  }
  return {
    ...base,
    replacementType: 'StatementIssued',
    speaker: { name: 'Foreign ministry spokesperson', affiliation: data.actors[0] },
  };
}

function stateOf(id: string, meta: ReportMeta): ReportState {
  return {
    ...initialReportState,
    reportId: id,
    revision: meta.revision,
    type: meta.type,
    data: meta.data,
  };
}

function pendingOf(
  decision: ReturnType<typeof decideRecordEvent>,
  report: ReportMeta,
  keys: readonly number[],
): Pending {
  const event = decision.events[0];
  if (decision.expectedRevision !== 'no-stream') report.revision = decision.expectedRevision + 1;
  return {
    stream: decision.stream,
    expectedRevision: decision.expectedRevision,
    event: {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
    },
    report,
    keys,
  };
}

function insertSorted(
  history: { validMs: number; status: RelationStatus }[],
  entry: { validMs: number; status: RelationStatus },
): void {
  let i = history.length;
  while (i > 0 && history[i - 1].validMs > entry.validMs) i--;
  history.splice(i, 0, entry);
}

/** The status the generator's in-order reports gave the key at a valid time. */
function statusAt(key: KeyState, validMs: number): RelationStatus {
  const history = key.history;
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (history[mid].validMs <= validMs) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 'unknown' : history[lo - 1].status;
}

function openKeysDb(file: string): SqliteDatabase {
  const db = openSqliteDatabase(file, { durability: 'normal' });
  db.exec(`
    CREATE TABLE report_keys (
      key_id INTEGER NOT NULL,
      report INTEGER NOT NULL,
      PRIMARY KEY (key_id, report)
    ) WITHOUT ROWID;
    CREATE TABLE report_events (
      report   INTEGER NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (report, position)
    ) WITHOUT ROWID;
  `);
  return db;
}
