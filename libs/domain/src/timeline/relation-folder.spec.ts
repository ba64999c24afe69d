import {
  RelationFolder,
  STATE_CHANGE_TYPES,
  evolveRelation,
  initialRelationState,
  materializeState,
  parseOccurredAt,
  type FoldedAnomaly,
  type RelationFact,
  type RelationState,
} from '@entente/domain';
import fc from 'fast-check';

const NOW = new Date('2026-01-01T00:00:00Z');
const STARTS = ['2020', '2020-07', '2020-07-01', '2021-03-04T10:00:00Z'].map((value) =>
  parseOccurredAt(value, NOW),
);
const CONDITIONS = ['until talks resume', 'for ninety days', 'while the strikes continue'];

/** Facts in fold order: by start, then as drawn (record order within a start). */
const factsArb: fc.Arbitrary<RelationFact[]> = fc
  .array(
    fc.record({
      type: fc.constantFrom(...STATE_CHANGE_TYPES, 'StatementIssued'),
      start: fc.nat({ max: STARTS.length - 1 }),
      conditions: fc.subarray(CONDITIONS),
    }),
    { maxLength: 40 },
  )
  .map((drawn) =>
    drawn
      .map((d, i) => ({ ...d, i }))
      .sort((a, b) => a.start - b.start || a.i - b.i)
      .map(({ type, start, conditions, i }) => ({
        eventId: `e${i}`,
        type,
        data: { occurredAt: STARTS[start], conditions },
      })),
  );

describe('RelationFolder: evolveRelation without copies', () => {
  it('given random facts in fold order, when folded one at a time, then after every fact the state is exactly evolveRelation’s', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const folder = new RelationFolder();
        const anomalies: FoldedAnomaly[] = [];
        let expected: RelationState = initialRelationState;
        for (const fact of facts) {
          anomalies.push(...folder.fold(fact));
          expected = evolveRelation(expected, fact);
          expect(materializeState(folder, anomalies)).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('given a fold stopped after any fact, when a new folder resumes from its standing and group, then it goes on exactly as the first would have', () => {
    fc.assert(
      fc.property(factsArb, fc.nat(), (facts, cut) => {
        const at = facts.length === 0 ? 0 : cut % facts.length;
        const whole = new RelationFolder();
        const anomalies: FoldedAnomaly[] = [];
        facts.forEach((fact) => anomalies.push(...whole.fold(fact)));
        const first = new RelationFolder();
        const resumedAnomalies: FoldedAnomaly[] = [];
        facts.slice(0, at).forEach((fact) => resumedAnomalies.push(...first.fold(fact)));
        const resumed = new RelationFolder(first.standing, first.group);
        facts.slice(at).forEach((fact) => resumedAnomalies.push(...resumed.fold(fact)));
        expect(materializeState(resumed, resumedAnomalies)).toEqual(
          materializeState(whole, anomalies),
        );
      }),
    );
  });

  it('given 4,000 reports of one suspension at one valid start, when folded, then each shares the basis before it instead of copying it', () => {
    const folder = new RelationFolder();
    const occurredAt = STARTS[2];
    const before = folder.standing;
    for (let i = 0; i < 4_000; i++) {
      folder.fold({
        eventId: `s${i}`,
        type: 'CooperationSuspended',
        data: { occurredAt, conditions: [] },
      });
    }
    expect(before.basis).toBeNull();
    expect(folder.standing.basis?.length).toBe(4_000);
    expect(folder.standing.basis?.before?.before?.last).toBe('s3997');
    expect(folder.group?.eventIds.length).toBe(4_000);
  });
});
