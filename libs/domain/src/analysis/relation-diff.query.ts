import type { RelationKey } from '../events/pairs-of';
import { classifyFacts, type ExclusionReason, type Knowledge } from '../timeline/facts-known-at';
import {
  toMillis,
  type FactInEffect,
  type Instant,
  type RecordedFact,
} from '../timeline/recorded-fact';
import { startsBy, stateChangesFor } from '../timeline/relation-fold';
import { relationStateAt, type RelationStateAt } from '../timeline/relation-state-at.query';

/** One side of a diff: a valid time, as known. */
export interface DiffSide {
  readonly at: Instant;
  readonly knowledge: Knowledge;
}

/**
 * How a fact differs from side A to side B: `added` (B knows it, A did not), `later-in-valid-time` (A
 * knew it, but it starts after A's valid time), `retracted` (B knows a retraction), `corrected` (both
 * count it, in different versions), and the reverse of the first two when B knows less or looks
 * earlier: `removed`, `earlier-in-valid-time`.
 */
export type DiffChange =
  'added' | 'later-in-valid-time' | 'retracted' | 'corrected' | 'removed' | 'earlier-in-valid-time';

export interface DiffEntry {
  readonly reportId: string;
  readonly change: DiffChange;
  /** Why the side without it left it out (the fold's reason), or `superseded` for a correction. */
  readonly reason: ExclusionReason;
  /** The retraction or correction behind the change, if one is. */
  readonly by: string | null;
  /** The version each side counts (null: that side does not). */
  readonly a: FactInEffect | null;
  readonly b: FactInEffect | null;
}

export interface RelationDiff {
  readonly a: RelationStateAt;
  readonly b: RelationStateAt;
  /** The state changes that make the difference, in fold order of the version B (else A) counts. */
  readonly facts: readonly DiffEntry[];
}

interface Side {
  /** On the key and starting by the side's valid time. */
  readonly counted: Map<string, FactInEffect>;
  /** On the key, whenever it starts. */
  readonly onKey: Map<string, FactInEffect>;
  readonly effective: Map<string, FactInEffect>;
  readonly excluded: Map<string, { reason: ExclusionReason; by: string | null }>;
}

/** The state of one key on two sides, and the facts that make the difference, with why. */
export function relationDiff(
  facts: readonly RecordedFact[],
  key: RelationKey,
  a: DiffSide,
  b: DiffSide,
): RelationDiff {
  const sideA = sideOf(facts, key, a);
  const sideB = sideOf(facts, key, b);
  const entries: DiffEntry[] = [];
  const order: FactInEffect[] = [...sideB.counted.values()];
  for (const fact of sideA.counted.values())
    if (!sideB.counted.has(fact.reportId)) order.push(fact);
  for (const fact of order) {
    const inA = sideA.counted.get(fact.reportId) ?? null;
    const inB = sideB.counted.get(fact.reportId) ?? null;
    if (inA && inB) {
      if (inA.eventId !== inB.eventId) {
        entries.push({
          reportId: fact.reportId,
          change: 'corrected',
          reason: 'superseded',
          by: inB.eventId,
          a: inA,
          b: inB,
        });
      }
      continue;
    }
    const missing = whyMissing(inA ? sideB : sideA, fact.reportId);
    const change: DiffChange = inB
      ? missing.reason === 'after-at'
        ? 'later-in-valid-time'
        : 'added'
      : missing.reason === 'after-at'
        ? 'earlier-in-valid-time'
        : missing.reason === 'retracted'
          ? 'retracted'
          : 'removed';
    entries.push({ reportId: fact.reportId, change, ...missing, a: inA, b: inB });
  }
  return {
    a: relationStateAt(facts, key, a.at, a.knowledge),
    b: relationStateAt(facts, key, b.at, b.knowledge),
    facts: entries,
  };
}

function sideOf(facts: readonly RecordedFact[], key: RelationKey, side: DiffSide): Side {
  const { effective, excluded } = classifyFacts(facts, side.knowledge);
  const atMillis = toMillis(side.at);
  const onKey = stateChangesFor(effective, key);
  const reasons = new Map<string, { reason: ExclusionReason; by: string | null }>();
  for (const entry of excluded) {
    // A retraction outweighs whatever else kept a version out; otherwise the latest version's reason.
    if (reasons.get(entry.reportId)?.reason === 'retracted') continue;
    reasons.set(entry.reportId, { reason: entry.reason, by: entry.by });
  }
  return {
    counted: new Map(onKey.filter((f) => startsBy(f, atMillis)).map((f) => [f.reportId, f])),
    onKey: new Map(onKey.map((f) => [f.reportId, f])),
    effective: new Map(effective.map((f) => [f.reportId, f])),
    excluded: reasons,
  };
}

function whyMissing(side: Side, reportId: string): { reason: ExclusionReason; by: string | null } {
  if (side.onKey.has(reportId)) return { reason: 'after-at', by: null };
  // In effect there in a version that is not a state change of this key.
  const effective = side.effective.get(reportId);
  if (effective) return { reason: 'superseded', by: effective.eventId };
  return side.excluded.get(reportId) ?? { reason: 'recorded-after-known-at', by: null };
}
