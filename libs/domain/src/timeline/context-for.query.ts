import { isContextType, isStateChangeType } from '../events/event-catalog';
import type { ReportData } from '../events/event-data.types';
import { formatPairKey, pairsOf, type RelationKey } from '../events/pairs-of';
import { classifyFacts, type KnowledgeLimit } from './facts-known-at';
import type { FactInEffect, RecordedFact } from './recorded-fact';

/** Which context to list: an actor's, towards one target, on one channel; each part optional but the actor. */
export interface ContextQuery {
  readonly actor: string;
  readonly target?: string;
  readonly channel?: string;
  /** Also list context from target to actor: what a view of the relationship in both directions wants. */
  readonly eitherDirection?: boolean;
}

/**
 * Context facts (statements, accusations, figures...) in effect at K that concern the pair, in fold order.
 * A context fact without a channel concerns the pair as a whole and so every channel of it; a query
 * without a target also lists the actor's context facts that name no target.
 */
export function contextFor(
  facts: readonly RecordedFact[],
  query: ContextQuery,
  limit?: KnowledgeLimit,
): FactInEffect[] {
  return classifyFacts(facts, limit).effective.filter((fact) => contextConcerns(fact, query));
}

/** Whether a fact in effect is context that `query` asks for. */
export function contextConcerns(
  { type, data }: { readonly type: string; readonly data: ReportData },
  query: ContextQuery,
): boolean {
  const concerns = (actor: string, target: string | undefined): boolean =>
    data.actors.includes(actor) &&
    (target === undefined || (target !== actor && data.targets.includes(target)));
  return (
    isContextType(type) &&
    (concerns(query.actor, query.target) ||
      (query.eitherDirection === true &&
        query.target !== undefined &&
        concerns(query.target, query.actor))) &&
    (query.channel === undefined || data.channel === null || data.channel === query.channel)
  );
}

/** Every key some state change in effect at K touches, sorted: what a timeline can be asked for. */
export function knownRelationKeys(
  facts: readonly RecordedFact[],
  limit?: KnowledgeLimit,
): RelationKey[] {
  const keys = new Map<string, RelationKey>();
  for (const { type, data } of classifyFacts(facts, limit).effective) {
    if (!isStateChangeType(type)) continue;
    for (const pair of pairsOf(data)) keys.set(formatPairKey(pair), pair as RelationKey);
  }
  return [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, key]) => key);
}
