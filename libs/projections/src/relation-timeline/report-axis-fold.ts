import {
  materializeAnomaly,
  materializeStanding,
  RelationFolder,
  type FoldedAnomaly,
  type RelationStanding,
  type RelationStateAt,
} from '@entente/domain';
import type { TimelineFact } from './timeline-model';

/*
 * A key folded from its versions of reports: what a lookup does when the rows cannot say what was
 * reported by R. The facts come in effect and in fold order (see RelationTimelineQueries' factsKnown).
 */

/** The state after the facts, in fold order: relationStateAt's answer when they are those starting by T. */
export function stateAfter(facts: readonly TimelineFact[]): RelationStateAt {
  const folder = new RelationFolder();
  const anomalies: FoldedAnomaly[] = [];
  for (const fact of facts) anomalies.push(...folder.fold(fact));
  return { ...materializeStanding(folder.standing), anomalies: anomalies.map(materializeAnomaly) };
}

/** The standing after each valid start's facts, start by start: what the rows hold. */
export function standingsAfter(
  facts: readonly TimelineFact[],
): { readonly validFrom: number; readonly standing: RelationStanding }[] {
  const folder = new RelationFolder();
  const standings: { validFrom: number; standing: RelationStanding }[] = [];
  facts.forEach((fact, i) => {
    folder.fold(fact);
    if (facts[i + 1]?.startMs === fact.startMs) return;
    standings.push({ validFrom: fact.startMs, standing: materializeStanding(folder.standing) });
  });
  return standings;
}
