import {
  evolveRelation,
  initialRelationState,
  type RelationFact,
  type RelationState,
  type RelationStatus,
} from '@entente/domain';

/** A state change as the timeline stores it: enough to fold, and its place in fold order. */
export interface TimelineFact extends RelationFact {
  readonly startMs: number;
}

export interface TimelineRow {
  readonly validFrom: number;
  /** Exclusive; null for the last row, whose state holds on. */
  readonly validTo: number | null;
  readonly status: RelationStatus;
  /** The fold state after the facts starting at validFrom, as JSON: compared to tell a change. */
  readonly state: string;
}

/**
 * The rows of one key from a point on: the row in force before it (`base`, kept with a new end), then one
 * row per distinct valid start among `facts` (already in fold order), each holding the state after all the
 * facts sharing that start. The same facts always give the same rows, byte for byte.
 */
export function refold(
  base: { readonly validFrom: number; readonly state: string } | null,
  facts: readonly TimelineFact[],
): TimelineRow[] {
  const starts: { validFrom: number; state: RelationState }[] = [];
  let state: RelationState = base
    ? (JSON.parse(base.state) as RelationState)
    : initialRelationState;
  facts.forEach((fact, i) => {
    state = evolveRelation(state, fact);
    if (facts[i + 1]?.startMs !== fact.startMs) starts.push({ validFrom: fact.startMs, state });
  });
  const rows: TimelineRow[] = [];
  if (base) {
    const { status } = JSON.parse(base.state) as RelationState;
    rows.push({
      validFrom: base.validFrom,
      validTo: starts[0]?.validFrom ?? null,
      status,
      state: base.state,
    });
  }
  starts.forEach(({ validFrom, state: after }, i) => {
    rows.push({
      validFrom,
      validTo: starts[i + 1]?.validFrom ?? null,
      status: after.status,
      state: JSON.stringify(after),
    });
  });
  return rows;
}

export function sameRow(a: TimelineRow, b: TimelineRow): boolean {
  return a.validFrom === b.validFrom && a.validTo === b.validTo && a.state === b.state;
}

/**
 * The earliest valid time at which two versions of a key's rows (each covering valid time without gaps
 * from its first row on, unknown before it) disagree on the state; null when they agree everywhere.
 * States only change where a row begins or ends, so those are the only times to compare.
 */
export function firstDifference(
  before: readonly TimelineRow[],
  after: readonly TimelineRow[],
): number | null {
  const times = new Set<number>();
  for (const row of [...before, ...after]) {
    times.add(row.validFrom);
    if (row.validTo !== null) times.add(row.validTo);
  }
  for (const at of [...times].sort((a, b) => a - b)) {
    if (stateAt(before, at) !== stateAt(after, at)) return at;
  }
  return null;
}

function stateAt(rows: readonly TimelineRow[], at: number): string | null {
  const row = rows.find((r) => r.validFrom <= at && (r.validTo === null || at < r.validTo));
  return row?.state ?? null;
}
