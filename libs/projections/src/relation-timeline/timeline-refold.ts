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
  /** The fold state after the facts starting at validFrom, as JSON (see rowState). */
  readonly state: string;
}

/**
 * A fold state as a row stores it: the standing alone. Never the fold's bookkeeping for facts sharing a
 * start (`group`), which never carries over from one row to the next, since every row begins at a start
 * of its own; never the anomalies, which are kept apart, per start (see Refolded). Two rows hold the
 * same state exactly when these strings are equal.
 */
export function rowState(state: RelationState): string {
  const { group: _group, anomalies: _anomalies, ...standing } = state;
  return JSON.stringify(standing);
}

/** The rows from a point on, and the anomalies added at each of their starts. */
export interface Refolded {
  readonly rows: TimelineRow[];
  /** By valid start, as JSON arrays; starts whose facts add none are left out. */
  readonly anomalies: ReadonlyMap<number, string>;
}

/**
 * The rows of one key from a point on: the row in force before it (`base`, kept with a new end), then one
 * row per distinct valid start among the facts, each holding the state after all the facts sharing that
 * start. Facts come one group (sharing a start) at a time, in fold order, so that a caller can stop as soon
 * as a row comes out as it is stored. The same facts always give the same rows, byte for byte.
 */
export class Refolder {
  private readonly baseRow: { readonly validFrom: number; readonly state: string } | null;
  private readonly baseStatus: RelationStatus | null;
  private state: RelationState;
  private readonly starts: { validFrom: number; status: RelationStatus; state: string }[] = [];
  private readonly added = new Map<number, string>();

  constructor(base: { readonly validFrom: number; readonly state: string } | null) {
    this.baseRow = base;
    if (!base) this.state = initialRelationState;
    else {
      const stored = JSON.parse(base.state) as RelationState;
      // The fold only appends to the anomalies, and those before the base are not needed.
      this.state = { ...stored, anomalies: [], group: null };
    }
    this.baseStatus = base ? this.state.status : null;
  }

  /**
   * Folds the facts sharing one valid start, in fold order; returns the row state after them and the
   * anomalies they add (null for none).
   */
  fold(facts: readonly TimelineFact[]): { state: string; anomalies: string | null } {
    for (const fact of facts) this.state = evolveRelation(this.state, fact);
    const validFrom = facts[0].startMs;
    const state = rowState(this.state);
    this.starts.push({ validFrom, status: this.state.status, state });
    let anomalies: string | null = null;
    if (this.state.anomalies.length > 0) {
      anomalies = JSON.stringify(this.state.anomalies);
      this.added.set(validFrom, anomalies);
      this.state = { ...this.state, anomalies: [] };
    }
    return { state, anomalies };
  }

  /** The base row with its new end, then a row per group folded; the last ends at `lastValidTo`. */
  refolded(lastValidTo: number | null): Refolded {
    const rows: TimelineRow[] = [];
    const { baseRow, baseStatus, starts } = this;
    if (baseRow) {
      rows.push({
        validFrom: baseRow.validFrom,
        validTo: starts.length > 0 ? starts[0].validFrom : lastValidTo,
        status: baseStatus!,
        state: baseRow.state,
      });
    }
    starts.forEach(({ validFrom, status, state }, i) => {
      rows.push({
        validFrom,
        validTo: i + 1 < starts.length ? starts[i + 1].validFrom : lastValidTo,
        status,
        state,
      });
    });
    return { rows, anomalies: this.added };
  }
}

export function sameRow(a: TimelineRow, b: TimelineRow): boolean {
  return a.validFrom === b.validFrom && a.validTo === b.validTo && a.state === b.state;
}

/**
 * The earliest valid start at which two versions of a key's anomalies differ (null: none does):
 * from there on, the anomalies folded up to a valid time differ, since each version lists them in fold
 * order, start after start.
 */
export function firstAnomalyDifference(
  before: ReadonlyMap<number, string>,
  after: ReadonlyMap<number, string>,
): number | null {
  let first: number | null = null;
  for (const [validFrom, anomalies] of before) {
    if (after.get(validFrom) !== anomalies) first = Math.min(first ?? validFrom, validFrom);
  }
  for (const [validFrom, anomalies] of after) {
    if (before.get(validFrom) !== anomalies) first = Math.min(first ?? validFrom, validFrom);
  }
  return first;
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
