import { isReportData } from '../events/pairs-of';
import type { RecordedFact } from './recorded-fact';

/**
 * The valid time a fact sorts by: the start of its occurredAt period. Facts without one (retractions,
 * corrections, registrations) sort by their record time, which is when they took effect.
 */
export function validStartOf(fact: Pick<RecordedFact, 'data' | 'recordedAt'>): string {
  const data = fact.data;
  if (isReportData(data) && data.occurredAt) return data.occurredAt.start;
  return new Date(Date.parse(fact.recordedAt)).toISOString();
}

/**
 * The fold's order: valid time, then record order (position), then event id so that the order is total
 * even for malformed input. Starts are compared as instants, so any ISO spelling sorts right.
 */
export function compareFacts(
  a: Pick<RecordedFact, 'data' | 'recordedAt' | 'position' | 'eventId'>,
  b: Pick<RecordedFact, 'data' | 'recordedAt' | 'position' | 'eventId'>,
): number {
  const byValidTime = Date.parse(validStartOf(a)) - Date.parse(validStartOf(b));
  if (byValidTime !== 0) return byValidTime;
  if (a.position !== b.position) return a.position - b.position;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
