/**
 * The pair's recorded facts placed on valid time, as known at a record time: what the markers show.
 * The bands come from the API's timeline; this only decides which version of each fact was on record.
 */
import type { StateChangeType } from '@entente/domain';
import {
  isCorrection,
  isReport,
  isRetraction,
  type EventView,
  type ReportView,
  type Status,
} from '../api/types';

export type FactKind = 'state-change' | 'context' | 'corrected' | 'retracted';

/** The status each state change leads to (the domain's EVENT_CATALOG; a spec keeps them equal). */
export const LEADS_TO: Readonly<Record<StateChangeType, Status>> = {
  CooperationEstablished: 'active',
  CooperationSuspended: 'suspended',
  CooperationRestricted: 'restricted',
  CooperationResumed: 'active',
  RelationsSevered: 'severed',
  RelationsRestored: 'active',
  MembershipSuspended: 'suspended',
  MembershipRestored: 'active',
};

export function leadsTo(type: string): Status | null {
  return (LEADS_TO as Record<string, Status>)[type] ?? null;
}

export interface Fact {
  /** The report: what the audit opens. */
  readonly reportId: string;
  /** The version on record at the known-at: the report, or its latest correction. */
  readonly versionId: string;
  readonly kind: FactKind;
  /** The type of the version on record (a correction may change it). */
  readonly type: string;
  readonly data: ReportView;
  /** Null: about the pair as a whole. */
  readonly channel: string | null;
  readonly start: string;
  readonly leadsTo: Status | null;
  readonly recordedAt: string;
  readonly position: number;
}

export const byPosition = (a: EventView, b: EventView) => a.position - b.position;

/** A version counts once it is recorded, at or before `knownAt` (null: everything recorded). */
export function factsKnownAt(events: Iterable<EventView>, knownAt: string | null): Fact[] {
  const limit = knownAt === null ? Infinity : Date.parse(knownAt);
  const known = [...events].filter((e) => Date.parse(e.recordedAt) <= limit).sort(byPosition);
  const retracted = new Set(known.filter(isRetraction).map((e) => e.data.retracts));
  const latestCorrection = new Map<string, EventView>();
  for (const event of known)
    if (isCorrection(event)) latestCorrection.set(event.data.corrects, event);
  const facts: Fact[] = [];
  for (const report of known) {
    if (!isReport(report)) continue;
    const correction = latestCorrection.get(report.eventId);
    const [type, data] =
      correction && isCorrection(correction)
        ? [correction.data.replacementType, correction.data.replacement]
        : [report.type, report.data];
    const kind: FactKind = retracted.has(report.eventId)
      ? 'retracted'
      : correction
        ? 'corrected'
        : leadsTo(type)
          ? 'state-change'
          : 'context';
    facts.push({
      reportId: report.eventId,
      versionId: correction?.eventId ?? report.eventId,
      kind,
      type,
      data,
      channel: data.channel,
      start: data.occurredAt.start,
      leadsTo: leadsTo(type),
      recordedAt: report.recordedAt,
      position: report.position,
    });
  }
  return facts.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.position - b.position);
}

/** The distinct record times of a pair's events, in order: the stops of the known-at slider. */
export function recordTimes(events: Iterable<EventView>): string[] {
  return [...new Set([...events].map((e) => e.recordedAt))].sort(
    (a, b) => Date.parse(a) - Date.parse(b),
  );
}

/**
 * Slider stops: 0 is before the first record, i is as of the i-th record time, times.length + 1 is now
 * (following new records live).
 */
export function stopOf(times: readonly string[], knownAt: string | null): number {
  if (knownAt === null) return times.length + 1;
  const limit = Date.parse(knownAt);
  let stop = 0;
  while (stop < times.length && Date.parse(times[stop]) <= limit) stop++;
  return stop;
}

export function knownAtOfStop(times: readonly string[], stop: number): string | null {
  if (stop > times.length || times.length === 0) return null;
  if (stop === 0) return new Date(Date.parse(times[0]) - 1).toISOString();
  return times[stop - 1];
}
