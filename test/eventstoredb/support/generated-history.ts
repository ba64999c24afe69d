import {
  STATE_CHANGE_TYPES,
  type RecordedFact,
  type RecordEventInput,
  type RegisterActorInput,
} from '@entente/domain';
import { recordStory, replay, type ReplayCommand } from '@entente/domain/testing';

const CHANNELS = ['intelligence', 'military', 'counter-narcotics'];
/** Few pairs, so that most keys get many reports, and most reports land among earlier ones. */
const PAIRS = [
  ['COL', 'USA'],
  ['USA', 'COL'],
  ['USA', 'VEN'],
  ['GBR', 'USA'],
  ['MEX', 'USA'],
];
const COOPERATION = STATE_CHANGE_TYPES.filter((t) => !t.startsWith('Membership'));
const ORGANIZATIONS: readonly RegisterActorInput[] = [
  { code: 'OAS', name: 'Organization of American States', kind: 'organization' },
  { code: 'UNODC', name: 'United Nations Office on Drugs and Crime', kind: 'organization' },
  { code: 'MERCOSUR', name: 'Southern Common Market', kind: 'organization' },
];
const SOURCES = [{ kind: 'news-report', outlet: 'Test Wire', quote: 'as reported' }];
const SPEAKER = { name: 'A spokesperson' };
/** Between two record times: often none or a millisecond (ties), usually minutes, sometimes a day. */
const GAPS_MS = [0, 0, 1, 7 * 60_000, 7 * 60_000, 7 * 60_000, 86_400_000];

/** Deterministic (mulberry32): the same seed gives the same history on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const idOf = (n: number): string => `e0e0e0e0-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export interface GeneratedHistory {
  readonly facts: RecordedFact[];
  /** How many of the facts are the story's, at the start. */
  readonly storyFacts: number;
  readonly retractions: number;
  readonly corrections: number;
  /** Reports on a key recorded after a report on it that happened later: refolds, not appends. */
  readonly late: number;
  /** Facts recorded at the same instant as the one before them. */
  readonly ties: number;
  /** Steps the deciders refused, left out. */
  readonly refused: number;
}

/**
 * The November 2025 story, then `count` generated facts recorded in 2026: state changes on a handful of
 * keys at every precision, often by several actors or on several targets at once, most of them late (they
 * happened before facts already recorded on their key), several at one record instant, statements,
 * organisations registered and suspending memberships, retractions, and corrections of the type (a state
 * change into a statement and back), the valid time, or both. Each step goes through the domain's
 * deciders (`replay`); the rare one they refuse is left out, as the API would refuse it.
 */
export function generatedHistory(count = 300, seed = 20251113): GeneratedHistory {
  let facts = recordStory();
  const storyFacts = facts.length;
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const reports: { id: string; stateChange: boolean }[] = [];
  const retracted = new Set<string>();
  const latestStart = new Map<string, number>();
  const counts = { retractions: 0, corrections: 0, late: 0, ties: 0, refused: 0 };
  let recordMs = Date.parse('2026-01-05T08:00:00Z');

  const occurredAt = (): string => {
    // Anywhere in the last thirty years, or the day before it is recorded.
    const from = Date.parse('1995-01-01T00:00:00Z');
    const ms =
      next() < 0.2 ? recordMs - 86_400_000 : from + next() * (recordMs - from - 86_400_000);
    const iso = new Date(ms).toISOString();
    const precision = next();
    if (precision < 0.15) return iso.slice(0, 4);
    if (precision < 0.35) return iso.slice(0, 7);
    if (precision < 0.9) return iso.slice(0, 10);
    return iso;
  };

  for (let i = 0; facts.length < storyFacts + count; i++) {
    const gap = i === 0 ? 0 : pick(GAPS_MS);
    recordMs += i === 0 ? 0 : gap;
    const eventId = idOf(i + 1);
    const roll = next();
    const live = reports.filter((r) => !retracted.has(r.id));
    let command: ReplayCommand;
    let report: { id: string; stateChange: boolean; keys: string[]; startMs: number } | null = null;
    let amends: { retracts: string } | { corrects: string; stateChange: boolean } | null = null;
    if (i < ORGANIZATIONS.length) {
      command = { register: ORGANIZATIONS[i] };
    } else if (roll < 0.12 && live.length > 5) {
      const target = pick(live);
      amends = { retracts: target.id };
      command = {
        record: { type: 'EventRetracted', eventId, retracts: target.id, reason: 'withdrawn' },
      };
    } else if (roll < 0.22 && live.length > 0) {
      const target = pick(live);
      const replacementType =
        next() < 0.15 ? 'StatementIssued' : next() < 0.6 ? pick(COOPERATION) : null;
      const toContext =
        replacementType === 'StatementIssued' || (!replacementType && !target.stateChange);
      amends = { corrects: target.id, stateChange: !toContext };
      command = {
        record: {
          type: 'EventCorrected',
          eventId,
          corrects: target.id,
          reason: 'a better source',
          ...(replacementType ? { replacementType } : {}),
          ...(next() < 0.5 ? { occurredAt: occurredAt() } : {}),
          ...(toContext ? { speaker: SPEAKER } : { sources: SOURCES }),
        },
      };
    } else if (roll < 0.3) {
      const [actor, target] = pick(PAIRS);
      command = {
        record: {
          type: 'StatementIssued',
          eventId,
          actor,
          target,
          channel: pick(CHANNELS),
          occurredAt: occurredAt(),
          summary: `statement ${i}`,
          speaker: SPEAKER,
        },
      };
      report = { id: eventId, stateChange: false, keys: [], startMs: 0 };
    } else {
      const membership = roll < 0.36;
      const input: RecordEventInput = membership
        ? {
            type: pick(['MembershipSuspended', 'MembershipRestored']),
            actor: pick(ORGANIZATIONS).code,
            target: pick(['COL', 'VEN']),
            channel: 'membership',
          }
        : next() < 0.2
          ? {
              type: pick(COOPERATION),
              actors: ['GBR', 'MEX'],
              targets: ['USA', 'COL'],
              channel: pick(CHANNELS),
            }
          : (([actor, target]) => ({
              type: pick(COOPERATION),
              actor,
              target,
              channel: pick(CHANNELS),
            }))(pick(PAIRS));
      const when = occurredAt();
      const actors = input.actors ?? [input.actor!];
      const targets = input.targets ?? [input.target!];
      report = {
        id: eventId,
        stateChange: true,
        keys: actors.flatMap((a) =>
          targets.filter((t) => t !== a).map((t) => `${a}>${t}:${input.channel}`),
        ),
        startMs: Date.parse(when.length === 4 ? `${when}-01-01` : when),
      };
      command = {
        record: {
          ...input,
          eventId,
          occurredAt: when,
          summary: `${input.type} ${i}`,
          conditions: next() < 0.2 ? ['until the talks resume'] : [],
          sources: SOURCES,
        },
      };
    }
    try {
      facts = replay(
        [
          {
            command,
            recordedAt: new Date(recordMs).toISOString(),
            recordedBy: i % 3 === 0 ? 'editor-a' : 'editor-b',
          },
        ],
        facts,
      );
    } catch {
      counts.refused++;
      continue;
    }
    if (gap === 0 && i > 0) counts.ties++;
    if (amends && 'retracts' in amends) {
      retracted.add(amends.retracts);
      counts.retractions++;
    }
    if (amends && 'corrects' in amends) {
      reports.find((r) => r.id === amends.corrects)!.stateChange = amends.stateChange;
      counts.corrections++;
    }
    if (report) {
      reports.push({ id: report.id, stateChange: report.stateChange });
      for (const key of report.keys) {
        if (report.startMs < (latestStart.get(key) ?? -Infinity)) counts.late++;
        latestStart.set(key, Math.max(report.startMs, latestStart.get(key) ?? -Infinity));
      }
    }
  }
  return { facts, storyFacts, ...counts };
}
