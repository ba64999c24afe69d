import type { RelationKey } from '../events/pairs-of';
import { classifyFacts, type KnowledgeLimit } from './facts-known-at';
import { toMillis, type Instant, type RecordedFact } from './recorded-fact';
import { startsBy, stateChangesFor } from './relation-fold';
import {
  evolveRelation,
  initialRelationState,
  type Anomaly,
  type RelationStanding,
} from './relation-state.evolve';

export interface RelationStateAt extends RelationStanding {
  /** The anomalies among the facts folded, i.e. those in effect at K and starting by T. */
  readonly anomalies: readonly Anomaly[];
}

/**
 * The state of `key` at valid time T as known at record time K (omitted: everything recorded): the fold of
 * the state changes in effect at K that touch the key and start at or before T.
 */
export function relationStateAt(
  facts: readonly RecordedFact[],
  key: RelationKey,
  at: Instant,
  limit?: KnowledgeLimit,
): RelationStateAt {
  const atMillis = toMillis(at);
  const { effective } = classifyFacts(facts, limit);
  const state = stateChangesFor(effective, key)
    .filter((fact) => startsBy(fact, atMillis))
    .reduce(evolveRelation, initialRelationState);
  const { group: _group, ...result } = state;
  return result;
}
