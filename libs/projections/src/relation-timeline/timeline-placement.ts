import {
  isStateChangeType,
  upcast,
  type EventCorrectedData,
  type EventRetractedData,
  type RelationKey,
  type ReportData,
  type ReportType,
} from '@entente/domain';
import type { RecordedEvent } from '@entente/event-store';
import { timelineFactOf } from './timeline-facts';
import type { Placement, TimelineFact } from './timeline-model';

/** A report in effect (not retracted): where it is, and whether its version in effect is a state change. */
export interface ReportInEffect {
  readonly position: number;
  readonly stateChange: boolean;
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
  keyIdOf(key: RelationKey): number;
}

/**
 * Places an event on the timeline: updates the facts and reports it changes and returns, for each key
 * whose rows change, from where. A report adds its facts (each later in record order than every fact
 * of its key); a retraction removes its report's; a correction replaces them, in its report's place.
 */
export function placeEvent(event: RecordedEvent, store: PlacementStore): Placement[] {
  const { data } = upcast(event.type, event.schemaVersion, event.data);
  if (event.type === 'EventRetracted') {
    const reportId = (data as EventRetractedData).retracts;
    const report = store.reportOf(reportId);
    if (!report) return [];
    const removed = removedFrom(store, report.position);
    store.deleteReport(reportId);
    return mergePlacements(removed);
  }
  if (event.type === 'EventCorrected') {
    const correction = data as EventCorrectedData;
    const report = store.reportOf(correction.corrects);
    if (!report) return [];
    const placements = removedFrom(store, report.position);
    const stateChange = isStateChangeType(correction.replacementType);
    store.saveReport(correction.corrects, { position: report.position, stateChange });
    if (stateChange) {
      const replacement = { type: correction.replacementType, data: correction.replacement };
      placements.push(...added(store, event.eventId, report.position, replacement, false));
    }
    return mergePlacements(placements);
  }
  const type = event.type as ReportType;
  const stateChange = isStateChangeType(type);
  store.saveReport(event.eventId, { position: event.position, stateChange });
  if (!stateChange) return [];
  return added(store, event.eventId, event.position, { type, data: data as ReportData }, true);
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
  eventId: string,
  position: number,
  version: { readonly type: ReportType; readonly data: ReportData },
  appended: boolean,
): Placement[] {
  const { fact, keys } = timelineFactOf(eventId, position, version.type, version.data);
  return keys.map((key) => {
    const keyId = store.keyIdOf(key);
    store.insertFact(keyId, fact);
    return { keyId, fromMs: fact.startMs, toMs: fact.startMs, added: appended ? fact : null };
  });
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
