import fc from 'fast-check';
import { countsAt, knowledgeTerms, type KnowledgePoint } from './knowledge-terms';

/** The rule factsKnownAt applies: a known retraction removes all; else the latest known version counts. */
function inEffect(
  versions: readonly KnowledgePoint[],
  retractions: readonly KnowledgePoint[],
  knownAt: number,
  reportedBy: number,
): number | null {
  const known = (p: KnowledgePoint) => p.recordedMs <= knownAt && p.reportedMs <= reportedBy;
  if (retractions.some(known)) return null;
  for (let i = versions.length - 1; i >= 0; i--) if (known(versions[i])) return i;
  return null;
}

// Report time never after record time; small ranges so that ties and equal corners are common.
const point = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }))
  .map(([recordedMs, back]) => ({ recordedMs, reportedMs: recordedMs - back }));

describe('knowledge terms: where a version counts, as signed quadrants', () => {
  it('given a report with no amendment, then one term: from its record and report time on', () => {
    expect(knowledgeTerms([{ recordedMs: 10, reportedMs: 4 }], [])).toEqual([
      { version: 0, sign: 1, recordedMs: 10, reportedMs: 4 },
    ]);
  });

  it('given a retraction recorded later, then the fact counts from its own record time until the retraction is known', () => {
    const terms = knowledgeTerms(
      [{ recordedMs: 10, reportedMs: 10 }],
      [{ recordedMs: 20, reportedMs: 15 }],
    );
    expect(countsAt(terms, 0, 9, Infinity)).toBe(0);
    expect(countsAt(terms, 0, 19, Infinity)).toBe(1);
    expect(countsAt(terms, 0, 20, 14)).toBe(1);
    expect(countsAt(terms, 0, 20, 15)).toBe(0);
  });

  it('given any versions and retractions, when read at any (K, R), then exactly the version factsKnownAt keeps counts', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 4 }),
        fc.array(point, { maxLength: 2 }),
        fc.integer({ min: -1, max: 13 }),
        fc.integer({ min: -13, max: 13 }),
        (versions, retractions, knownAt, reportedBy) => {
          const terms = knowledgeTerms(versions, retractions);
          const expected = inEffect(versions, retractions, knownAt, reportedBy);
          versions.forEach((_, i) =>
            expect(countsAt(terms, i, knownAt, reportedBy)).toBe(i === expected ? 1 : 0),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
