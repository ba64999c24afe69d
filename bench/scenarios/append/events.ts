import {
  decideRecordEvent,
  initialReportState,
  STORY_ACTORS,
  STORY_EVENTS,
  type ReportData,
} from '@entente/domain';
import type { EventToAppend } from '@entente/event-store';
import { seededRandom } from '../../support/random';

/** A fact as the API appends it: its own stream, `report-<eventId>`, opened with `no-stream`. */
export interface BenchFact {
  readonly stream: string;
  readonly event: EventToAppend<ReportData>;
}

export const RECORDED_BY = 'bench-recorder';

/** The story's pairs, and more governments for the generated facts to involve. */
const GOVERNMENTS = [
  'COL', 'USA', 'GBR', 'NLD', 'FRA', 'DEU', 'ESP', 'ITA', 'CAN', 'MEX', 'BRA', 'VEN', 'ECU', 'PER',
  'CHL', 'ARG', 'PAN', 'CUB', 'RUS', 'CHN', 'IND', 'JPN', 'KOR', 'TUR', 'ISR', 'EGY', 'ZAF', 'NGA',
  'SAU', 'IRN', 'UKR', 'POL',
]; // prettier-ignore

/**
 * The story fixture's 17 facts, decided by the domain exactly as the API would store them (schema v2
 * ReportData, 458 to 959 bytes of JSON each): the templates of the generated facts.
 */
function templates(): EventToAppend<ReportData>[] {
  const registered = new Set(STORY_ACTORS.map((a) => a.code));
  const now = new Date('2025-11-13T09:00:00.000Z');
  return STORY_EVENTS.map((input) => {
    const decision = decideRecordEvent(input, initialReportState, {
      now,
      eventId: '00000000-0000-4000-8000-000000000000',
      registeredActors: registered,
    });
    const [event] = decision.events;
    return {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data as ReportData,
      metadata: { recordedBy: RECORDED_BY, correlationId: event.eventId },
    };
  });
}

/**
 * `count` facts, the same for every competitor given the same seed: the story's facts in turn, each with
 * fresh ids, and a bilateral fact moved to another pair of governments, so that no two rows are equal.
 */
export function benchFacts(count: number, seed: number): BenchFact[] {
  const random = seededRandom(seed);
  const base = templates();
  const facts: BenchFact[] = [];
  for (let i = 0; i < count; i++) {
    const template = base[i % base.length];
    const eventId = uuid(random);
    const bilateral = template.data.actors.length === 1 && template.data.targets.length === 1;
    let data = template.data;
    if (bilateral) {
      const actor = GOVERNMENTS[Math.floor(random() * GOVERNMENTS.length)];
      let target = GOVERNMENTS[Math.floor(random() * GOVERNMENTS.length)];
      if (target === actor) target = actor === 'USA' ? 'COL' : 'USA';
      data = { ...data, actors: [actor], targets: [target] };
    }
    facts.push({
      stream: `report-${eventId}`,
      event: {
        eventId,
        type: template.type,
        schemaVersion: template.schemaVersion,
        data,
        metadata: { recordedBy: RECORDED_BY, correlationId: uuid(random) },
      },
    });
  }
  return facts;
}

/** Mean length of the facts' JSON data, in bytes. */
export function meanDataBytes(facts: readonly BenchFact[]): number {
  if (facts.length === 0) return 0;
  const total = facts.reduce((sum, f) => sum + Buffer.byteLength(JSON.stringify(f.event.data)), 0);
  return total / facts.length;
}

/** A version-4 UUID from the seeded generator, lowercase as the store keeps them. */
function uuid(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
