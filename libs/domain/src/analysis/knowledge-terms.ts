/**
 * When a version of a report counts, as signed corners on the two knowledge axes.
 *
 * A version (the original or a correction) is known from the quadrant where record time K >= its
 * record time and report time R >= its report time, and counts there unless a later version or any
 * retraction is known too. Each of those is a quadrant, so where a version counts is a quadrant minus a
 * staircase of quadrants, which inclusion-exclusion writes as a short signed sum of quadrants: a version
 * counts at (K, R) exactly when the signs of its terms with `recordedMs <= K` and `reportedMs <= R` add
 * up to 1 (else to 0). A read model keeps one row per term and answers "as known at (K, R)" with a sum
 * over the rows below both limits, the rule `factsKnownAt` applies fact by fact.
 */
export interface KnowledgePoint {
  readonly recordedMs: number;
  readonly reportedMs: number;
}

export interface KnowledgeTerm extends KnowledgePoint {
  /** Which version the term counts: an index into the versions given. */
  readonly version: number;
  readonly sign: number;
}

/**
 * The terms of every version of one report. `versions` in position order (the original first);
 * `retractions` in any order: one known retraction removes every version.
 */
export function knowledgeTerms(
  versions: readonly KnowledgePoint[],
  retractions: readonly KnowledgePoint[],
): KnowledgeTerm[] {
  const terms = new Map<string, KnowledgeTerm>();
  const add = (version: number, sign: number, recordedMs: number, reportedMs: number): void => {
    const key = `${version}:${recordedMs}:${reportedMs}`;
    const seen = terms.get(key);
    const total = (seen?.sign ?? 0) + sign;
    if (total === 0) terms.delete(key);
    else terms.set(key, { version, sign: total, recordedMs, reportedMs });
  };
  versions.forEach((own, version) => {
    add(version, 1, own.recordedMs, own.reportedMs);
    const blockers = [...versions.slice(version + 1), ...retractions].map((other) => ({
      recordedMs: Math.max(own.recordedMs, other.recordedMs),
      reportedMs: Math.max(own.reportedMs, other.reportedMs),
    }));
    const steps = staircase(blockers);
    steps.forEach((step, k) => {
      add(version, -1, step.recordedMs, step.reportedMs);
      const next = steps[k + 1];
      if (next) add(version, 1, next.recordedMs, step.reportedMs);
    });
  });
  return [...terms.values()];
}

/** The corners no other corner lies below on both axes, by record time (report times then fall). */
function staircase(corners: readonly KnowledgePoint[]): KnowledgePoint[] {
  const sorted = [...corners].sort(
    (a, b) => a.recordedMs - b.recordedMs || a.reportedMs - b.reportedMs,
  );
  const steps: KnowledgePoint[] = [];
  for (const corner of sorted) {
    const last = steps.at(-1);
    if (!last || corner.reportedMs < last.reportedMs) steps.push(corner);
  }
  return steps;
}

/** The sign sum of a version's terms at (K, R): 1 where it counts, 0 elsewhere. */
export function countsAt(
  terms: readonly KnowledgeTerm[],
  version: number,
  knownAtMs: number,
  reportedByMs: number,
): number {
  let sum = 0;
  for (const term of terms) {
    if (term.version === version && term.recordedMs <= knownAtMs && term.reportedMs <= reportedByMs)
      sum += term.sign;
  }
  return sum;
}
