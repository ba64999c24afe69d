import { pairsOf, type RelationKey, type ReportData, type ReportType } from '@entente/domain';
import type { TimelineFact } from './timeline-model';

/**
 * The fact a state change (an original or a correction's replacement) puts on the timeline, and the
 * keys it goes on. `position` is its report's: a correction takes the place of what it corrects.
 */
export function timelineFactOf(
  eventId: string,
  position: number,
  type: ReportType,
  data: ReportData,
): { readonly fact: TimelineFact; readonly keys: readonly RelationKey[] } {
  const start: unknown = data.occurredAt?.start;
  const startMs = typeof start === 'string' ? Date.parse(start) : NaN;
  if (Number.isNaN(startMs)) {
    throw new Error(
      `${type} ${eventId} has no valid time to place it on the timeline ` +
        `(occurredAt.start is ${JSON.stringify(start) ?? 'missing'})`,
    );
  }
  const fact: TimelineFact = {
    eventId,
    type,
    startMs,
    position,
    data: { occurredAt: data.occurredAt, conditions: data.conditions },
  };
  return { fact, keys: pairsOf(data) as RelationKey[] };
}
