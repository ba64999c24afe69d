import { EVENT_CATALOG, isStateChangeType, type StateChangeType } from '../events/event-catalog';
import type { ReportData } from '../events/event-data.types';
import { isApproximate, type OccurredAt } from '../events/occurred-at.value';
import type { RelationStatus } from '../events/relation-status.value';
import {
  EXPECTED_FROM,
  anomalyMessage,
  unexpectedKind,
  type AnomalyKind,
} from './relation-transitions';

export type { AnomalyKind } from './relation-transitions';

/** A report that does not fit what was known before it; recorded and applied anyway, and flagged. */
export interface Anomaly {
  readonly kind: AnomalyKind;
  readonly eventId: string;
  readonly type: string;
  readonly from: RelationStatus;
  readonly to: RelationStatus;
  /** For conflicting reports: the facts with the same valid start that it contradicts. */
  readonly conflictsWith: readonly string[];
  readonly message: string;
}

/** Where a relationship stands, and on what. */
export interface RelationStanding {
  readonly status: RelationStatus;
  /**
   * The valid time (ISO instant) from which the current status has held without interruption: the start of
   * the earliest fact after which the status, read at every later valid time up to now, was this status.
   * Null while the status is unknown.
   */
  readonly since: string | null;
  /** The occurredAt of the fact that set `since`, for display at its precision ("since 2024"). */
  readonly sinceOccurredAt: OccurredAt | null;
  /** True when `since` comes from a year or month: the status may have begun later in that period. */
  readonly approximate: boolean;
  /** The conditions stated by the facts in `basis`, in order, without repeats. */
  readonly conditions: readonly string[];
  /**
   * The state changes the status rests on: the fact that set `since`, then every later fact (in fold order)
   * that led to this same status while it held, such as a second report of the same suspension.
   */
  readonly basis: readonly string[];
}

export interface RelationState extends RelationStanding {
  /** Every anomaly met so far in the fold. */
  readonly anomalies: readonly Anomaly[];
  /**
   * Fold bookkeeping for facts that share a valid start (ordered among themselves only by record order):
   * the standing before the first of them, so that `since` reflects the status after the whole group.
   */
  readonly group: {
    readonly start: string;
    readonly before: RelationStanding;
    readonly eventIds: readonly string[];
  } | null;
}

/** What the fold needs of a fact: a FactInEffect fits. */
export interface RelationFact {
  readonly eventId: string;
  readonly type: string;
  readonly data: Pick<ReportData, 'occurredAt' | 'conditions'>;
}

export const initialRelationState: RelationState = {
  status: 'unknown',
  since: null,
  sinceOccurredAt: null,
  approximate: false,
  conditions: [],
  basis: [],
  anomalies: [],
  group: null,
};

/**
 * Applies one fact to the state of one (actor, target, channel) key. Facts must come in compareFacts order
 * and touch the key (see pairsOf); context facts leave the state as it is.
 */
export function evolveRelation(state: RelationState, fact: RelationFact): RelationState {
  if (!isStateChangeType(fact.type)) return state;
  const to = EVENT_CATALOG[fact.type].leadsTo as RelationStatus;
  const start = fact.data.occurredAt.start;
  const sameStart = state.group !== null && state.group.start === start;
  const group = sameStart
    ? { ...state.group!, eventIds: [...state.group!.eventIds, fact.eventId] }
    : { start, before: standingOf(state), eventIds: [fact.eventId] };
  const anomalies = [
    ...state.anomalies,
    ...anomaliesOf(state, fact.type, fact.eventId, to, sameStart),
  ];
  return { ...standingAfter(state, group.before, fact, to, sameStart), anomalies, group };
}

function standingAfter(
  state: RelationState,
  before: RelationStanding,
  fact: RelationFact,
  to: RelationStatus,
  sameStart: boolean,
): RelationStanding {
  if (to === state.status) return extend(standingOf(state), fact);
  // A later report at the same valid start undoing an earlier one: the status never changed at that time.
  if (sameStart && to === before.status) return extend(before, fact);
  return {
    status: to,
    since: fact.data.occurredAt.start,
    sinceOccurredAt: fact.data.occurredAt,
    approximate: isApproximate(fact.data.occurredAt),
    conditions: unique(fact.data.conditions),
    basis: [fact.eventId],
  };
}

function extend(standing: RelationStanding, fact: RelationFact): RelationStanding {
  return {
    ...standing,
    conditions: unique([...standing.conditions, ...fact.data.conditions]),
    basis: [...standing.basis, fact.eventId],
  };
}

function anomaliesOf(
  state: RelationState,
  type: StateChangeType,
  eventId: string,
  to: RelationStatus,
  sameStart: boolean,
): Anomaly[] {
  const from = state.status;
  const found: Anomaly[] = [];
  if (sameStart && to !== from) {
    const kind = 'conflicting-reports';
    const conflictsWith = state.group!.eventIds;
    found.push({
      kind,
      eventId,
      type,
      from,
      to,
      conflictsWith,
      message: anomalyMessage(kind, type, from, to),
    });
  }
  if (!EXPECTED_FROM[type].includes(from)) {
    const kind = unexpectedKind(type, from);
    found.push({
      kind,
      eventId,
      type,
      from,
      to,
      conflictsWith: [],
      message: anomalyMessage(kind, type, from, to),
    });
  }
  return found;
}

function standingOf(state: RelationStanding): RelationStanding {
  const { status, since, sinceOccurredAt, approximate, conditions, basis } = state;
  return { status, since, sinceOccurredAt, approximate, conditions, basis };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
