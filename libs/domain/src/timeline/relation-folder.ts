import { EVENT_CATALOG, isStateChangeType, type StateChangeType } from '../events/event-catalog';
import { isApproximate } from '../events/occurred-at.value';
import type { RelationStatus } from '../events/relation-status.value';
import type {
  Anomaly,
  RelationFact,
  RelationStanding,
  RelationState,
} from './relation-state.evolve';
import {
  EXPECTED_FROM,
  anomalyMessage,
  unexpectedKind,
  type AnomalyKind,
} from './relation-transitions';

/**
 * A list that shares everything before its last item with the list it was made from: appending copies
 * nothing, so a fold extends a basis of n facts in constant time and a thousand standings that share a
 * prefix hold it once.
 */
export interface SharedList<T> {
  readonly last: T;
  readonly before: SharedList<T> | null;
  readonly length: number;
}

export function append<T>(list: SharedList<T> | null, item: T): SharedList<T> {
  return { last: item, before: list, length: (list?.length ?? 0) + 1 };
}

export function toArray<T>(list: SharedList<T> | null): T[] {
  const items = new Array<T>(list?.length ?? 0);
  for (let cell = list, i = items.length - 1; cell; cell = cell.before, i--) items[i] = cell.last;
  return items;
}

/** A standing as the folder keeps it: the fact that set `since` instead of its copies. */
export interface FoldedStanding<F extends RelationFact = RelationFact> {
  readonly status: RelationStatus;
  /** The first fact of the basis, which set `since`; null while the status is unknown. */
  readonly since: F | null;
  /** Shared with the standing it came from until a fact brings a condition it does not hold. */
  readonly conditions: readonly string[];
  readonly basis: SharedList<string> | null;
}

/** An anomaly as the folder raises it: the facts it conflicts with as a list shared with its group. */
export interface FoldedAnomaly {
  readonly kind: AnomalyKind;
  readonly eventId: string;
  readonly type: StateChangeType;
  readonly from: RelationStatus;
  readonly to: RelationStatus;
  /** For conflicting reports: the facts of its group folded before it; null otherwise. */
  readonly conflictsWith: SharedList<string> | null;
}

/** The facts folded so far at one valid start, and the standing before the first of them. */
export interface FoldedGroup<F extends RelationFact = RelationFact> {
  readonly start: string;
  readonly before: FoldedStanding<F>;
  readonly eventIds: SharedList<string>;
}

export const UNKNOWN_STANDING: FoldedStanding<never> = {
  status: 'unknown',
  since: null,
  conditions: [],
  basis: null,
};

const NO_ANOMALIES: readonly FoldedAnomaly[] = [];

/**
 * evolveRelation without its copies: the same fold, one fact at a time, into a standing that shares its
 * lists with the standings before it, so that a fact costs the same whatever the length of the basis or
 * of its group. It may start from any point of a fold (a standing and the group in progress), which lets a
 * caller that stored those points fold one more fact onto a group of thousands. What it gives, turned
 * into arrays (see materialize), is exactly evolveRelation's state after the same facts.
 */
export class RelationFolder<F extends RelationFact = RelationFact> {
  constructor(
    public standing: FoldedStanding<F> = UNKNOWN_STANDING,
    public group: FoldedGroup<F> | null = null,
  ) {}

  /** Folds one fact (in compareFacts order); returns the anomalies it raises. */
  fold(fact: F): readonly FoldedAnomaly[] {
    if (!isStateChangeType(fact.type)) return NO_ANOMALIES;
    const type = fact.type;
    const to = EVENT_CATALOG[type].leadsTo as RelationStatus;
    const start = fact.data.occurredAt.start;
    const previous = this.standing;
    const group = this.group;
    const sameStart = group !== null && group.start === start;
    const anomalies = anomaliesOf(
      previous.status,
      type,
      fact.eventId,
      to,
      sameStart ? group : null,
    );
    this.group = sameStart
      ? { start, before: group.before, eventIds: append(group.eventIds, fact.eventId) }
      : { start, before: previous, eventIds: append(null, fact.eventId) };
    if (to === previous.status) this.standing = extend(previous, fact);
    // A later report at the same valid start undoing an earlier one: the status never changed then.
    else if (sameStart && to === group.before.status) this.standing = extend(group.before, fact);
    else {
      this.standing = {
        status: to,
        since: fact,
        conditions: unique(fact.data.conditions),
        basis: append(null, fact.eventId),
      };
    }
    return anomalies;
  }
}

function extend<F extends RelationFact>(standing: FoldedStanding<F>, fact: F): FoldedStanding<F> {
  return {
    status: standing.status,
    since: standing.since,
    conditions: withConditions(standing.conditions, fact.data.conditions),
    basis: append(standing.basis, fact.eventId),
  };
}

function anomaliesOf(
  from: RelationStatus,
  type: StateChangeType,
  eventId: string,
  to: RelationStatus,
  group: FoldedGroup<RelationFact> | null,
): readonly FoldedAnomaly[] {
  const conflicting = group !== null && to !== from;
  const unexpected = !EXPECTED_FROM[type].includes(from);
  if (!conflicting && !unexpected) return NO_ANOMALIES;
  const found: FoldedAnomaly[] = [];
  if (conflicting) {
    found.push({
      kind: 'conflicting-reports',
      eventId,
      type,
      from,
      to,
      conflictsWith: group.eventIds,
    });
  }
  if (unexpected) {
    found.push({ kind: unexpectedKind(type, from), eventId, type, from, to, conflictsWith: null });
  }
  return found;
}

/** The conditions after adding some: the same array when it holds them all already. */
function withConditions(held: readonly string[], added: readonly string[]): readonly string[] {
  let result: string[] | null = null;
  for (const condition of added) {
    if ((result ?? held).includes(condition)) continue;
    result ??= [...held];
    result.push(condition);
  }
  return result ?? held;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The standing as the domain states it (RelationStanding). */
export function materializeStanding(standing: FoldedStanding): RelationStanding {
  const since = standing.since?.data.occurredAt ?? null;
  return {
    status: standing.status,
    since: since?.start ?? null,
    sinceOccurredAt: since,
    approximate: since ? isApproximate(since) : false,
    conditions: [...standing.conditions],
    basis: toArray(standing.basis),
  };
}

/** The anomaly as the domain states it, message included. */
export function materializeAnomaly(anomaly: FoldedAnomaly): Anomaly {
  const { kind, eventId, type, from, to } = anomaly;
  return {
    kind,
    eventId,
    type,
    from,
    to,
    conflictsWith: toArray(anomaly.conflictsWith),
    message: anomalyMessage(kind, type, from, to),
  };
}

/** The state evolveRelation would hold after the same facts, with every anomaly met on the way. */
export function materializeState(
  folder: RelationFolder,
  anomalies: readonly FoldedAnomaly[],
): RelationState {
  const group = folder.group;
  return {
    ...materializeStanding(folder.standing),
    anomalies: anomalies.map(materializeAnomaly),
    group: group && {
      start: group.start,
      before: materializeStanding(group.before),
      eventIds: toArray(group.eventIds),
    },
  };
}
