import { isStateChangeType, type ReportType } from '../events/event-catalog';
import type { Source } from '../events/event-data.types';
import { isApproximate, type OccurredAt } from '../events/occurred-at.value';
import { touches, type RelationKey } from '../events/pairs-of';
import type { RelationStatus } from '../events/relation-status.value';
import { classifyFacts, type ExcludedFact } from './facts-known-at';
import { toMillis, type Instant, type RecordedFact } from './recorded-fact';
import { startsBy, stateChangesFor } from './relation-fold';
import {
  evolveRelation,
  initialRelationState,
  type Anomaly,
  type RelationState,
} from './relation-state.evolve';
import type { RelationStateAt } from './relation-state-at.query';

export interface ExplainStep {
  /** The version applied: the original, or the correction in effect (then `corrects` is set). */
  readonly eventId: string;
  readonly reportId: string;
  readonly corrects: string | null;
  readonly type: ReportType;
  readonly occurredAt: OccurredAt;
  readonly approximate: boolean;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly summary: string;
  readonly conditions: readonly string[];
  readonly sources: readonly Source[];
  readonly statusAfter: RelationStatus;
  /** Anomalies this step raised. */
  readonly anomalies: readonly Anomaly[];
}

export interface Explanation extends RelationStateAt {
  readonly key: RelationKey;
  readonly at: string;
  readonly knownAt: string | null;
  readonly steps: readonly ExplainStep[];
  /** State changes on this key (and amendments of them) left out, in record order, with why. */
  readonly excluded: readonly ExcludedFact[];
}

/** Why `key` stands where it does at valid time T as known at K: the fold, step by step. */
export function explain(
  facts: readonly RecordedFact[],
  key: RelationKey,
  at: Instant,
  knownAt?: Instant,
): Explanation {
  const atMillis = toMillis(at);
  const classified = classifyFacts(facts, knownAt);
  const changes = stateChangesFor(classified.effective, key);
  const steps: ExplainStep[] = [];
  let state: RelationState = initialRelationState;
  for (const fact of changes.filter((f) => startsBy(f, atMillis))) {
    const before = state.anomalies.length;
    state = evolveRelation(state, fact);
    steps.push({
      eventId: fact.eventId,
      reportId: fact.reportId,
      corrects: fact.corrects,
      type: fact.type,
      occurredAt: fact.data.occurredAt,
      approximate: isApproximate(fact.data.occurredAt),
      recordedAt: fact.recordedAt,
      recordedBy: fact.recordedBy,
      summary: fact.data.summary,
      conditions: fact.data.conditions,
      sources: fact.data.sources,
      statusAfter: state.status,
      anomalies: state.anomalies.slice(before),
    });
  }
  const excluded: ExcludedFact[] = [
    ...classified.excluded
      .filter((e) => e.contents.some((c) => isStateChangeType(c.type) && touches(c.data, key)))
      .map(({ contents: _contents, ...entry }) => entry),
    ...changes
      .filter((fact) => !startsBy(fact, atMillis))
      .map((fact) => ({
        eventId: fact.eventId,
        reportId: fact.reportId,
        type: fact.type,
        reason: 'after-at' as const,
        by: null,
        recordedAt: fact.recordedAt,
        position: fact.position,
      })),
  ].sort((a, b) => a.position - b.position);
  const { group: _group, ...standing } = state;
  return {
    ...standing,
    key,
    at: new Date(atMillis).toISOString(),
    knownAt: knownAt === undefined ? null : new Date(toMillis(knownAt)).toISOString(),
    steps,
    excluded,
  };
}
