import type { RelationKey } from '../events/pairs-of';
import type { RelationStatus } from '../events/relation-status.value';
import { classifyFacts, type KnowledgeLimit } from './facts-known-at';
import type { RecordedFact } from './recorded-fact';
import { stateChangesFor } from './relation-fold';
import { evolveRelation, initialRelationState, type RelationState } from './relation-state.evolve';

/** One stretch of valid time with one status: [from, to). */
export interface RelationInterval {
  readonly channel: string;
  readonly status: RelationStatus;
  readonly from: string;
  /** Exclusive; null while the status still holds. */
  readonly to: string | null;
  /** The fact that began the interval (the first of its basis). */
  readonly eventId: string;
  readonly approximate: boolean;
  readonly conditions: readonly string[];
  readonly basis: readonly string[];
}

/**
 * The whole valid-time history of `key` as known at K, in valid-time order. Before the first interval the
 * status is unknown. Facts sharing a valid start are applied together, so a report undone at the same
 * start leaves no zero-length interval: for every T, the interval containing T agrees with relationStateAt.
 */
export function relationTimeline(
  facts: readonly RecordedFact[],
  key: RelationKey,
  limit?: KnowledgeLimit,
): RelationInterval[] {
  const changes = stateChangesFor(classifyFacts(facts, limit).effective, key);
  const intervals: RelationInterval[] = [];
  let state: RelationState = initialRelationState;
  changes.forEach((fact, i) => {
    state = evolveRelation(state, fact);
    const next = changes[i + 1];
    if (next && next.data.occurredAt.start === fact.data.occurredAt.start) return;
    const open = intervals.at(-1);
    if (open && open.from === state.since && open.status === state.status) {
      intervals[intervals.length - 1] = {
        ...open,
        conditions: state.conditions,
        basis: state.basis,
      };
      return;
    }
    if (open) intervals[intervals.length - 1] = { ...open, to: state.since };
    intervals.push({
      channel: key.channel,
      status: state.status,
      from: state.since as string,
      to: null,
      eventId: state.basis[0],
      approximate: state.approximate,
      conditions: state.conditions,
      basis: state.basis,
    });
  });
  return intervals;
}
