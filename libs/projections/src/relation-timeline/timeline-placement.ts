import {
  isStateChangeType,
  pairsOf,
  reportedAtOf,
  upcast,
  type EventCorrectedData,
  type EventRetractedData,
  type RelationKey,
  type ReportData,
  type ReportType,
} from '@entente/domain';
import type { RecordedEvent } from '@entente/event-store';
import { timelineFactOf } from './timeline-facts';
import type { KnownSince, Placement, ReportVersion, TimelineFact } from './timeline-model';

/** An event's data as the timeline reads it: upcast to the current schema. */
export function timelineData(event: RecordedEvent): unknown {
  return upcast(event.type, event.schemaVersion, event.data).data;
}

/**
 * When an event became known on both axes: `recordMs`, the record time as the writer keeps it (never
 * going back), and the event's report time, which is never after its own record time.
 */
export function knownSince(event: RecordedEvent, data: unknown, recordMs: number): KnownSince {
  const reportMs = Date.parse(reportedAtOf({ recordedAt: event.metadata.recordedAt, data }));
  return { recordMs, reportMs: Math.min(reportMs, recordMs) };
}

/**
 * A report in effect (not retracted): where it is, whether its version in effect is a state change,
 * the latest report time of its versions, and every key its versions were placed on.
 */
export interface ReportInEffect {
  readonly position: number;
  readonly stateChange: boolean;
  readonly reportedUntil: number;
  readonly keyIds: readonly number[];
}

/**
 * The facts and reports an event changes, wherever they are kept: the tables for the incremental
 * writer, memory for a one-pass catch-up.
 */
export interface PlacementStore {
  reportOf(reportId: string): ReportInEffect | undefined;
  saveReport(reportId: string, report: ReportInEffect): void;
  deleteReport(reportId: string): void;
  /** Removes the facts of the report at `position`, from every key; returns where they were. */
  removeFactsAt(position: number): { readonly keyId: number; readonly startMs: number }[];
  insertFact(keyId: number, fact: TimelineFact): void;
  /** Keeps a version of a report on a key of view 0. */
  addVersion(keyId: number, version: ReportVersion): void;
  /** The key's id in view 0 (every fact), given now if it has none. */
  keyIdOf(key: RelationKey): number;
  keyOf(keyId: number): RelationKey;
  /** The key's id in the curated view, if it has one: only keys that ever met a machine-coded fact do. */
  curatedKeyOf(key: RelationKey): number | undefined;
  /**
   * Gives the key a curated view, a copy of everything its view 0 holds (every fact so far is curated):
   * from now on the two differ by the machine-coded facts.
   */
  openCuratedKey(key: RelationKey): number;
  /** From `recordMs` on, the key's events are not in report order (see ReportOrder). */
  unorder(keyId: number, recordMs: number): void;
}

/**
 * Places an event on the timeline: updates the facts and reports it changes and returns, for each key
 * whose rows change, from where. A report adds its facts (each later in record order than every fact
 * of its key); a retraction removes its report's; a correction replaces them, in its report's place.
 *
 * An amendment reported before a version it follows puts its report's keys out of report order: what
 * was reported by R is then no prefix of their events (a correction known before its original stands
 * in for it), whichever keys the amendment itself touches.
 */
export function placeEvent(
  event: RecordedEvent,
  data: unknown,
  at: KnownSince,
  store: PlacementStore,
): Placement[] {
  openCuratedKeys(event, data, store);
  if (event.type === 'EventRetracted') {
    const reportId = (data as EventRetractedData).retracts;
    const report = store.reportOf(reportId);
    if (!report) return [];
    keepReportOrder(store, report, at);
    const removed = removedFrom(store, report.position);
    const version = { event, report: report.position, at };
    addVersionsWithout(store, report.keyIds, new Set(), { ...version, retraction: true });
    store.deleteReport(reportId);
    return mergePlacements(removed);
  }
  if (event.type === 'EventCorrected') {
    const correction = data as EventCorrectedData;
    const report = store.reportOf(correction.corrects);
    if (!report) return [];
    keepReportOrder(store, report, at);
    const placements = removedFrom(store, report.position);
    const stateChange = isStateChangeType(correction.replacementType);
    const version = { event, report: report.position, at };
    const withFact = new Set<number>();
    if (stateChange) {
      const replacement = { type: correction.replacementType, data: correction.replacement };
      const placed = added(store, version, replacement, false);
      for (const { keyId } of placed) withFact.add(store.keyIdOf(store.keyOf(keyId)));
      placements.push(...placed);
    }
    addVersionsWithout(store, report.keyIds, withFact, { ...version, retraction: false });
    store.saveReport(correction.corrects, {
      position: report.position,
      stateChange,
      reportedUntil: Math.max(report.reportedUntil, at.reportMs),
      keyIds: keySet([...report.keyIds, ...placements.map((p) => p.keyId)]),
    });
    return mergePlacements(placements);
  }
  const type = event.type as ReportType;
  const stateChange = isStateChangeType(type);
  const version = { event, report: event.position, at };
  const placements = stateChange
    ? added(store, version, { type, data: data as ReportData }, true)
    : [];
  store.saveReport(event.eventId, {
    position: event.position,
    stateChange,
    reportedUntil: at.reportMs,
    keyIds: keySet(placements.map((p) => p.keyId)),
  });
  return placements;
}

/**
 * A report's keys as a set, in ascending order: the ways to place it (event by event, one pass, sorted
 * rebuild) meet its keys in different orders, and must store the same row.
 */
function keySet(keyIds: readonly number[]): number[] {
  return [...new Set(keyIds)].sort((a, b) => a - b);
}

function keepReportOrder(store: PlacementStore, report: ReportInEffect, at: KnownSince): void {
  if (at.reportMs >= report.reportedUntil) return;
  for (const keyId of report.keyIds) {
    store.unorder(keyId, at.recordMs);
    // A curated view made after the report's facts were placed holds them too.
    const curated = store.curatedKeyOf(store.keyOf(keyId));
    if (curated !== undefined) store.unorder(curated, at.recordMs);
  }
}

/** A machine-coded version's keys get their curated view before anything of the event is placed. */
function openCuratedKeys(event: RecordedEvent, data: unknown, store: PlacementStore): void {
  if (event.type === 'EventRetracted') return;
  const correction = event.type === 'EventCorrected' ? (data as EventCorrectedData) : null;
  const type = correction ? correction.replacementType : event.type;
  const version = correction ? correction.replacement : (data as ReportData);
  if (!isStateChangeType(type) || version.evidence !== 'machine-coded') return;
  if (correction && !store.reportOf(correction.corrects)) return;
  for (const key of pairsOf(version) as RelationKey[]) {
    if (store.curatedKeyOf(key) === undefined) store.openCuratedKey(key);
  }
}

function removedFrom(store: PlacementStore, position: number): Placement[] {
  return store.removeFactsAt(position).map(({ keyId, startMs }) => ({
    keyId,
    fromMs: startMs,
    toMs: startMs,
    added: null,
  }));
}

/**
 * `appended`: the facts are a new report's, later in record order than every fact of their keys, so
 * that each is folded alone onto what its key holds (a correction's take its original's place).
 */
function added(
  store: PlacementStore,
  { event, report, at }: VersionOf,
  version: { readonly type: ReportType; readonly data: ReportData },
  appended: boolean,
): Placement[] {
  const { fact, keys } = timelineFactOf(event.eventId, report, version.type, version.data);
  const curated = version.data.evidence !== 'machine-coded';
  return keys.flatMap((key) => {
    const keyId = store.keyIdOf(key);
    store.addVersion(keyId, {
      position: event.position,
      report,
      at,
      retraction: false,
      fact,
      machineCoded: !curated,
    });
    const curatedId = curated ? store.curatedKeyOf(key) : undefined;
    return [keyId, ...(curatedId === undefined ? [] : [curatedId])].map((id) => {
      store.insertFact(id, fact);
      return { keyId: id, fromMs: fact.startMs, toMs: fact.startMs, added: appended ? fact : null };
    });
  });
}

/** The event whose version of a report is being placed, and when it was known. */
interface VersionOf {
  readonly event: RecordedEvent;
  readonly report: number;
  readonly at: KnownSince;
}

/**
 * The version on every other key of view 0 the report was placed on: its fact is not there (or it is
 * the retraction), which still matters, since as the latest version known it leaves the key nothing.
 */
function addVersionsWithout(
  store: PlacementStore,
  keyIds: readonly number[],
  withFact: ReadonlySet<number>,
  { event, report, at, retraction }: VersionOf & { readonly retraction: boolean },
): void {
  const others = new Set(keyIds.map((keyId) => store.keyIdOf(store.keyOf(keyId))));
  for (const keyId of [...others].filter((id) => !withFact.has(id)).sort((a, b) => a - b)) {
    const version = { position: event.position, report, at, fact: null, machineCoded: false };
    store.addVersion(keyId, { ...version, retraction });
  }
}

/** One placement per key, over every valid start any of its facts touches. */
function mergePlacements(placements: readonly Placement[]): Placement[] {
  const byKey = new Map<number, Placement>();
  for (const p of placements) {
    const seen = byKey.get(p.keyId);
    byKey.set(
      p.keyId,
      seen
        ? {
            keyId: p.keyId,
            fromMs: Math.min(seen.fromMs, p.fromMs),
            toMs: Math.max(seen.toMs, p.toMs),
            added: null,
          }
        : p,
    );
  }
  return [...byKey.values()];
}
