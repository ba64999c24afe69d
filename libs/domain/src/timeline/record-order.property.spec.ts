import fc from 'fast-check';
import {
  explain,
  relationStateAt,
  relationTimeline,
  STATE_CHANGE_TYPES,
  type RecordedFact,
  type RecordEventInput,
  type RelationKey,
} from '@entente/domain';
import { aStateChange, replay, type ReplayStep } from '../testing';

/** Occurred-at values at every precision, with pairwise distinct starts (ties are record-order ties). */
const WHEN = [
  ...['2000', '2001', '2002', '2003'],
  ...['2010-02', '2010-05', '2010-09', '2011-01'],
  ...['2012-03-04', '2012-03-05', '2013-07-14', '2014-12-31'],
  ...['2015-06-01T12:00:00Z', '2015-06-01T13:30:00+02:00', '2016-02-29T23:59:59.999Z'],
];
const KEYS: readonly RelationKey[] = [
  { actor: 'COL', target: 'USA', channel: 'intelligence' },
  { actor: 'USA', target: 'COL', channel: 'intelligence' },
  { actor: 'COL', target: 'USA', channel: 'military' },
];
const PROBES = [
  '1999-12-31T00:00:00Z',
  '2002-06-01T00:00:00Z',
  '2012-03-04T10:00:00Z',
  '2030-01-01T00:00:00Z',
];
const RECORD_FROM = Date.parse('2026-01-01T00:00:00Z');

const id = (n: number): string => `b0b0b0b0-0000-4000-8000-${n.toString().padStart(12, '0')}`;

interface Scenario {
  /** Commands in a causal base order; `after` names the command each amendment must follow. */
  commands: { input: RecordEventInput; after: number | null }[];
}

/** `distinctStarts: false` lets facts share a valid start, so that record order breaks the tie. */
const scenarioOf = (distinctStarts: boolean): fc.Arbitrary<Scenario> =>
  (distinctStarts
    ? fc.uniqueArray(fc.constantFrom(...WHEN), { minLength: 1, maxLength: 8 })
    : fc.array(fc.constantFrom(...WHEN.slice(0, 4)), { minLength: 1, maxLength: 8 })
  )
    .chain((whens) =>
      fc.record({
        whens: fc.constant(whens),
        reports: fc.array(
          fc.record({
            type: fc.constantFrom(...STATE_CHANGE_TYPES),
            key: fc.constantFrom(...KEYS),
            conditions: fc.subarray(['while strikes continue', 'until talks resume']),
            amend: fc.constantFrom('none', 'retract', 'correct', 'correct-then-retract'),
            correctedType: fc.constantFrom(...STATE_CHANGE_TYPES),
          }),
          { minLength: whens.length, maxLength: whens.length },
        ),
      }),
    )
    .map(({ whens, reports }) => {
      const commands: Scenario['commands'] = [];
      reports.forEach((report, i) => {
        const reportId = id(i + 1);
        commands.push({
          input: aStateChange(report.type, {
            eventId: reportId,
            actor: report.key.actor,
            target: report.key.target,
            channel: report.key.channel,
            occurredAt: whens[i],
            conditions: report.conditions,
          }),
          after: null,
        });
        const reportIndex = commands.length - 1;
        if (report.amend === 'correct' || report.amend === 'correct-then-retract') {
          commands.push({
            input: {
              type: 'EventCorrected',
              eventId: id(100 + i),
              corrects: reportId,
              replacementType: report.correctedType,
            },
            after: reportIndex,
          });
        }
        if (report.amend === 'retract' || report.amend === 'correct-then-retract') {
          commands.push({
            input: {
              type: 'EventRetracted',
              eventId: id(200 + i),
              retracts: reportId,
              reason: 'wrong',
            },
            after: commands.length - 1,
          });
        }
      });
      return { commands };
    });

const scenario = scenarioOf(true);
const scenarioWithTies = scenarioOf(false);

/** A record order: any permutation in which each amendment still follows what it amends. */
function recordOrder(s: Scenario, priorities: number[]): number[] {
  const rank: number[] = [];
  s.commands.forEach((c, i) => {
    rank[i] = c.after === null ? priorities[i] : rank[c.after] + 1 + priorities[i];
  });
  return s.commands.map((_, i) => i).sort((a, b) => rank[a] - rank[b] || a - b);
}

function record(s: Scenario, order: number[]): RecordedFact[] {
  const steps: ReplayStep[] = order.map((index, n) => ({
    command: { record: s.commands[index].input },
    recordedAt: new Date(RECORD_FROM + n * 60_000).toISOString(),
  }));
  return replay(steps);
}

/** The as-of-now answers for every key: what a reader (and the projection) sees. */
function asOfNow(facts: RecordedFact[]) {
  return KEYS.map((key) => ({
    timeline: relationTimeline(facts, key),
    states: PROBES.map((at) => relationStateAt(facts, key, at)),
    steps: explain(facts, key, '2030-01-01T00:00:00Z').steps.map((s) => [s.eventId, s.statusAfter]),
  }));
}

const priorities = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 40, maxLength: 40 });

describe('record order does not change what is known now', () => {
  it('given the same facts with distinct valid starts, when recorded in any causal order, then the as-of-now timelines, states and explanations are the same', () => {
    fc.assert(
      fc.property(scenario, priorities, (s, p) => {
        const natural = record(
          s,
          s.commands.map((_, i) => i),
        );
        const shuffled = record(s, recordOrder(s, p));
        expect(asOfNow(shuffled)).toEqual(asOfNow(natural));
      }),
      { numRuns: 150 },
    );
  });

  it('given any recorded history, ties included, when read as known at K, then it equals reading only the facts recorded by K', () => {
    fc.assert(
      fc.property(scenarioWithTies, priorities, fc.integer({ min: 0, max: 40 }), (s, p, cut) => {
        const facts = record(s, recordOrder(s, p));
        const knownAt = new Date(RECORD_FROM + cut * 60_000).toISOString();
        const recordedByK = facts.filter((f) => Date.parse(f.recordedAt) <= Date.parse(knownAt));
        for (const key of KEYS) {
          expect(relationTimeline(facts, key, knownAt)).toEqual(relationTimeline(recordedByK, key));
          for (const at of PROBES) {
            expect(relationStateAt(facts, key, at, knownAt)).toEqual(
              relationStateAt(recordedByK, key, at),
            );
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('given any history, ties included, when T is probed, then the timeline interval containing T has the status relationStateAt gives', () => {
    fc.assert(
      fc.property(
        scenarioWithTies,
        priorities,
        fc.constantFrom(...WHEN, ...PROBES),
        (s, p, when) => {
          const facts = record(s, recordOrder(s, p));
          const at = new Date(
            Date.parse(when.length === 4 ? `${when}-01-01T00:00:00Z` : when),
          ).toISOString();
          for (const key of KEYS) {
            const interval = relationTimeline(facts, key).find(
              (i) =>
                Date.parse(i.from) <= Date.parse(at) &&
                (i.to === null || Date.parse(at) < Date.parse(i.to)),
            );
            const state = relationStateAt(facts, key, at);
            expect(interval?.status ?? 'unknown').toBe(state.status);
            expect(interval?.from ?? null).toBe(state.since);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('given any history, ties included, when since is read at T, then the status holds from since on and differs just before it', () => {
    fc.assert(
      fc.property(scenarioWithTies, priorities, (s, p) => {
        const facts = record(s, recordOrder(s, p));
        for (const key of KEYS) {
          const state = relationStateAt(facts, key, '2030-01-01T00:00:00Z');
          if (state.since === null) continue;
          const justBefore = new Date(Date.parse(state.since) - 1).toISOString();
          expect(relationStateAt(facts, key, state.since).status).toBe(state.status);
          expect(relationStateAt(facts, key, justBefore).status).not.toBe(state.status);
        }
      }),
      { numRuns: 100 },
    );
  });
});
