import { ManualClock } from '@entente/common';
import {
  decideRecordEvent,
  goldsteinOf,
  initialReportState,
  quadClassOf,
  type RecordEventInput,
  type ReportData,
  type ReportState,
  type ReportType,
} from '@entente/domain';
import { SqliteEventStore } from '@entente/event-store';
import { pick, randomInt, seededRandom, seededUuidV7, WeightedPicker } from '../../support/random';
import { universe } from '../history/universe';

/** Bump when the output changes: cached histories are keyed by it. */
export const CODED_GENERATOR_VERSION = 1;

/** CAMEO codes as an ICEWS file has them, with the type and channel the importer maps them to. */
const CODES: readonly (readonly [
  code: string,
  type: ReportType,
  channel: string | null,
  weight: number,
])[] = [
  ['010', 'StatementIssued', null, 14],
  ['012', 'StatementIssued', null, 3],
  ['016', 'StatementIssued', null, 2],
  ['020', 'RequestMade', null, 5],
  ['022', 'RequestMade', null, 2],
  ['036', 'PolicyAnnounced', null, 6],
  ['040', 'MeetingHeld', null, 12],
  ['042', 'MeetingHeld', null, 8],
  ['043', 'MeetingHeld', null, 6],
  ['057', 'AgreementSigned', null, 3],
  ['112', 'AccusationMade', null, 8],
  ['120', 'ProposalRejected', null, 3],
  ['130', 'ThreatIssued', null, 3],
  ['138', 'ThreatIssued', null, 1],
  ['140', 'ProtestLodged', null, 3],
  ['1621', 'CooperationRestricted', 'economic-aid', 2],
  ['163', 'CooperationSuspended', 'trade', 2],
  ['164', 'CooperationSuspended', 'negotiations', 1],
  ['064', 'CooperationEstablished', 'intelligence', 2],
  ['190', 'MilitaryActionReported', null, 2],
];
const CODE_PICKER = new WeightedPicker(CODES.map(([, , , w]) => w));

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const FIRST_RECORD_MS = Date.parse('2015-01-05T06:00:00.000Z');
const LAST_RECORD_MS = Date.parse('2025-01-05T06:00:00.000Z');
/** Per 100 events: 8 reported years late, 10 curated by hand, 3 retracted, 2 corrected. */
const LATE = 0.08;
const CURATED = 0.1;
const RETRACTED = 0.03;
const CORRECTED = 0.02;
const RECENT = 5_000;
const WAVE = 100;

export interface CodedManifest {
  readonly generator: number;
  readonly seed: number;
  readonly events: number;
  readonly firstRecordMs: number;
  readonly lastRecordMs: number;
  /** The busiest directed dyad (the series and the raw GROUP BY are timed on it). */
  readonly dyad: { readonly actor: string; readonly target: string };
  readonly seconds: number;
}

interface Open {
  readonly id: string;
  readonly type: ReportType;
  readonly data: ReportData;
}

/**
 * Ten years of ICEWS-like coded facts over the bench's universe of 2,000 directed dyads, in waves of
 * 100 appends per record time, through the domain's decide and the store's own append: mostly
 * machine-coded with CAMEO codes and ICEWS Goldstein scores, a share curated, late reports, retractions
 * and corrections.
 */
export async function generateCodedHistory(options: {
  storeFile: string;
  events: number;
  seed: number;
  log?: (message: string) => void;
}): Promise<CodedManifest> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const world = universe(options.seed);
  const clock = new ManualClock(new Date(FIRST_RECORD_MS));
  const store = SqliteEventStore.open({ file: options.storeFile, durability: 'normal', clock });
  const recent: Open[] = [];
  const waves = Math.ceil(options.events / WAVE);
  const step = (LAST_RECORD_MS - FIRST_RECORD_MS) / waves;
  let written = 0;
  let sequence = 0;
  let lastRecordMs = FIRST_RECORD_MS;

  const fact = (nowMs: number): RecordEventInput => {
    const [code, type, channel] = CODES[CODE_PICKER.pick(random)];
    const pair = world.pairs[world.couples.pick(random) * 2 + randomInt(random, 2)];
    const lag = random() < LATE ? DAY + random() * 3 * YEAR : random() * 3 * DAY;
    const validMs = Math.max(FIRST_RECORD_MS - YEAR, nowMs - lag);
    const day = new Date(validMs).toISOString().slice(0, 10);
    const curated = random() < CURATED;
    const base = {
      type,
      actor: pair.actor,
      target: pair.target,
      ...(channel && { channel }),
      occurredAt: random() < 0.05 ? day.slice(0, 7) : day,
      summary: `${type} (${code}) between ${pair.actor} and ${pair.target}`,
      reportedAt: new Date(Math.min(nowMs, validMs + DAY)).toISOString(),
    };
    if (curated) {
      return {
        ...base,
        sources: [
          {
            kind: 'news-report',
            outlet: pick(random, OUTLETS),
            url: `https://news.example.org/${randomInt(random, 1e9).toString(36)}`,
          },
        ],
        speaker: { name: 'Foreign ministry spokesperson', affiliation: pair.actor },
      };
    }
    return {
      ...base,
      evidence: 'machine-coded',
      coding: {
        dataset: 'icews',
        externalId: String(30_000_000 + written + sequence),
        scheme: 'CAMEO',
        code,
        goldstein: { value: goldsteinOf(code, 'icews')!, scale: 'icews' },
        quadClass: quadClassOf('CAMEO', code)!,
        mentions: 1 + randomInt(random, 5),
        sourcesCount: 1,
        sentence: {
          story: String(40_000_000 + randomInt(random, 9_000_000)),
          sentence: 1 + randomInt(random, 6),
        },
      },
      sources: [{ kind: 'document', outlet: 'ICEWS', url: 'https://doi.org/10.7910/DVN/28075' }],
    };
  };

  const amendment = (): { input: RecordEventInput; open: Open } | null => {
    if (recent.length === 0) return null;
    const slot = randomInt(random, recent.length);
    const open = recent[slot];
    recent[slot] = recent[recent.length - 1];
    recent.pop();
    if (random() < RETRACTED / (RETRACTED + CORRECTED)) {
      return {
        input: { type: 'EventRetracted', retracts: open.id, reason: 'duplicate story' },
        open,
      };
    }
    return {
      input: {
        type: 'EventCorrected',
        corrects: open.id,
        reason: 'recoded',
        summary: `${open.data.summary} (recoded)`,
      },
      open,
    };
  };

  for (let w = 0; w < waves && written < options.events; w++) {
    const nowMs = Math.round(FIRST_RECORD_MS + (w + 1) * step);
    clock.set(new Date(nowMs));
    lastRecordMs = nowMs;
    sequence = 0;
    const appends: Promise<unknown>[] = [];
    const count = Math.min(WAVE, options.events - written);
    for (let i = 0; i < count; i++) {
      const context = {
        now: new Date(nowMs),
        eventId: seededUuidV7(random, nowMs, sequence++),
        registeredActors: new Set<string>(),
      };
      const amend = random() < RETRACTED + CORRECTED ? amendment() : null;
      const state: ReportState = amend
        ? {
            ...initialReportState,
            reportId: amend.open.id,
            revision: 0,
            type: amend.open.type,
            data: amend.open.data,
          }
        : initialReportState;
      const decision = decideRecordEvent(amend?.input ?? fact(nowMs), state, context);
      const event = decision.events[0];
      if (!amend) {
        recent.push({
          id: event.eventId,
          type: event.type as ReportType,
          data: event.data as ReportData,
        });
        if (recent.length > RECENT) recent.splice(randomInt(random, RECENT), 1);
      }
      appends.push(
        store.append(
          decision.stream,
          [{ ...event, metadata: { recordedBy: 'bench-importer', correlationId: event.eventId } }],
          { expectedRevision: decision.expectedRevision },
        ),
      );
    }
    await Promise.all(appends);
    written += count;
    if (options.log && w % Math.max(1, Math.floor(waves / 10)) === 0 && w > 0) {
      options.log(`generated ${written.toLocaleString('en-US')} of ${options.events} coded events`);
    }
  }
  const events = await store.headPosition();
  await store.close();
  return {
    generator: CODED_GENERATOR_VERSION,
    seed: options.seed,
    events,
    firstRecordMs: FIRST_RECORD_MS,
    lastRecordMs,
    dyad: world.pairs[0],
    seconds: (Date.now() - started) / 1000,
  };
}

const OUTLETS = ['Reuters', 'AP', 'AFP', 'BBC', 'Kyodo'];
