import type { Coding } from '../coding/coding.types';
import { isStateChangeType, type ReportType } from '../events/event-catalog';
import type { ActorRole, Agent, Evidence, Source } from '../events/event-data.types';
import { isApproximate, type OccurredAt } from '../events/occurred-at.value';
import { touches, type RelationKey } from '../events/pairs-of';
import type { RelationStatus } from '../events/relation-status.value';
import { contextConcerns } from './context-for.query';
import {
  classifyFacts,
  knowledgeOf,
  type ExcludedFact,
  type KnowledgeLimit,
} from './facts-known-at';
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
  /** When the version applied was first publicly reported (its record time if it says nothing). */
  readonly reportedAt: string;
  readonly evidence: Evidence;
  readonly coding: Coding | null;
  readonly actorRole: ActorRole | null;
  readonly actorAgent: Agent | null;
  readonly targetRole: ActorRole | null;
  readonly targetAgent: Agent | null;
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
  readonly reportedBy: string | null;
  /** `curated` when machine-coded facts were left out; null when every fact counted. */
  readonly evidence: 'curated' | null;
  readonly steps: readonly ExplainStep[];
  /** State changes on this key (and amendments of them) left out, in record order, with why. */
  readonly excluded: readonly ExcludedFact[];
  /**
   * Context facts (statements, accusations, meetings...) in effect on the pair and channel by T: they change
   * no status, so they are neither steps nor exclusions, but an audit says that they exist.
   */
  readonly contextFacts: number;
}

/** Why `key` stands where it does at valid time T as known at K: the fold, step by step. */
export function explain(
  facts: readonly RecordedFact[],
  key: RelationKey,
  at: Instant,
  limit?: KnowledgeLimit,
): Explanation {
  const atMillis = toMillis(at);
  const knowledge = knowledgeOf(limit);
  const classified = classifyFacts(facts, knowledge);
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
      reportedAt: fact.reportedAt,
      evidence: fact.data.evidence,
      coding: fact.data.coding,
      actorRole: fact.data.actorRole,
      actorAgent: fact.data.actorAgent,
      targetRole: fact.data.targetRole,
      targetAgent: fact.data.targetAgent,
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
  const isoOf = (instant: Instant | undefined) =>
    instant === undefined ? null : new Date(toMillis(instant)).toISOString();
  return {
    ...standing,
    key,
    at: new Date(atMillis).toISOString(),
    knownAt: isoOf(knowledge.knownAt),
    reportedBy: isoOf(knowledge.reportedBy),
    evidence: knowledge.evidence ?? null,
    steps,
    excluded,
    contextFacts: classified.effective.filter(
      (fact) => contextConcerns(fact, { ...key }) && startsBy(fact, atMillis),
    ).length,
  };
}
