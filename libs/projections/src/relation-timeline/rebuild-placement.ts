import type { RelationKey } from '@entente/domain';
import type { RecordedEvent } from '@entente/event-store';
import type { TimelineParts } from './relation-timeline.writer';
import { HeldReports } from './held-reports';
import { CURATED_BY_RECORD_TIME } from './timeline-dictionaries';
import type { KnownSince, Placement, ReportVersion, TimelineFact } from './timeline-model';
import type { PlacementStore, ReportInEffect } from './timeline-placement';

/**
 * What one event does to one key, in the order the incremental writer does it: its curated view opened
 * (a copy of the key it comes from), its order broken, its facts at a position removed, facts added,
 * then the key refolded from the placement. Short names: a rebuild writes one of these per event and key.
 */
export interface KeyStep {
  /** The event's ordinal among those the pass placed: the order steps are applied in. */
  readonly s: number;
  /** The event's position and id, for the change feed. */
  readonly p: number;
  readonly e: string;
  /** When the event became known (record and report time). */
  r: number;
  q: number;
  /** The key is a curated view opened now, as a copy of this key. */
  c?: number;
  /** Its events are out of report order from this record time on. */
  u?: number;
  /** The facts of the report at this position are removed. */
  x?: number;
  f?: TimelineFact[];
  /** A version of the report at this position kept on the key: whether the retraction, whether
   * machine-coded; its fact, if any, is the one in `f`. */
  v?: [report: number, retraction: 0 | 1, machineCoded: 0 | 1];
  /** The refold: from and to which valid start, and whether its first fact is alone appended. */
  pl?: [fromMs: number, toMs: number, appended: 0 | 1];
}

/**
 * The first half of a rebuild from zero: every event placed in log order, as the incremental writer
 * places it (key and condition ids given in the same order, reports kept the same way), but nothing
 * folded. What each event does to each key is handed out as steps instead, to be folded key by key.
 * Which keys hold the facts of each report is kept in typed arrays by the report's ordinal, a few bytes
 * an event, so that a retraction finds them without the tables.
 */
export class RebuildPlacement implements PlacementStore {
  private readonly facts = new FactPlaces();
  /** Keys that have a curated view, with its id and the ordinal of the event that opened it. */
  private readonly curated = new Map<number, { readonly id: number; readonly openedAt: number }>();
  /** Curated views, by the key they were copied from. */
  private readonly origins = new Map<number, number>();
  private readonly reports: HeldReports;
  private steps = new Map<number, KeyStep>();
  private event: { readonly s: number; readonly p: number; readonly e: string } | null = null;
  private at: KnownSince = { recordMs: 0, reportMs: 0 };

  constructor(private readonly parts: TimelineParts) {
    this.reports = new HeldReports(parts.sql);
  }

  /** Reports held in memory since the last flush. */
  get heldReports(): number {
    return this.reports.size;
  }

  /** The key whose steps a key's are folded with: a curated view goes with the key it was copied from. */
  familyOf(keyId: number): number {
    return this.origins.get(keyId) ?? keyId;
  }

  /** The next event to place; its ordinal orders its steps. */
  begin(event: RecordedEvent, at: KnownSince): void {
    const s = this.facts.register(event.position);
    this.event = { s, p: event.position, e: event.eventId };
    this.at = at;
    this.steps = new Map();
  }

  /** The event's steps, by key, once placed. */
  finish(placements: readonly Placement[]): Map<number, KeyStep> {
    for (const { keyId, fromMs, toMs, added } of placements) {
      this.stepOf(keyId).pl = [fromMs, toMs, added ? 1 : 0];
    }
    return this.steps;
  }

  /** Writes the reports changed since the last flush, in the caller's transaction. */
  flushReports(): void {
    this.reports.write();
  }

  reportOf(reportId: string): ReportInEffect | undefined {
    return this.reports.get(reportId);
  }

  saveReport(reportId: string, report: ReportInEffect): void {
    this.reports.save(reportId, report);
  }

  deleteReport(reportId: string): void {
    this.reports.delete(reportId);
  }

  removeFactsAt(position: number): { readonly keyId: number; readonly startMs: number }[] {
    const index = this.facts.indexOf(position);
    if (index < 0) return [];
    const held = this.facts.keysAt(index);
    const placedAt = this.facts.placedAt(index);
    const startMs = this.facts.startOf(index);
    // A curated view opened after the facts were placed holds them too: it began as a copy.
    const keyIds = [...held];
    for (const keyId of held) {
      const view = this.curated.get(keyId);
      if (view && view.openedAt > placedAt && !keyIds.includes(view.id)) keyIds.push(view.id);
    }
    this.facts.clear(index);
    for (const keyId of keyIds) this.stepOf(keyId).x = position;
    return keyIds.map((keyId) => ({ keyId, startMs }));
  }

  insertFact(keyId: number, fact: TimelineFact): void {
    // Its conditions get their ids now, in log order, as the incremental writer gives them.
    this.parts.conditions.idsOf(fact.data.conditions);
    const index = this.facts.indexOf(fact.position);
    if (index < 0) throw new Error(`no report at position ${fact.position} in this rebuild`);
    this.facts.add(index, keyId, fact.startMs, this.current.s);
    (this.stepOf(keyId).f ??= []).push(fact);
  }

  addVersion(keyId: number, version: ReportVersion): void {
    this.stepOf(keyId).v = [
      version.report,
      version.retraction ? 1 : 0,
      version.machineCoded ? 1 : 0,
    ];
  }

  keyIdOf(key: RelationKey): number {
    return this.parts.keys.idOf(key);
  }

  keyOf(keyId: number): RelationKey {
    return this.parts.keys.keyOf(keyId);
  }

  unorder(keyId: number, recordMs: number): void {
    this.stepOf(keyId).u ??= recordMs;
  }

  curatedKeyOf(key: RelationKey): number | undefined {
    return this.parts.keys.find(key, CURATED_BY_RECORD_TIME);
  }

  openCuratedKey(key: RelationKey): number {
    const from = this.parts.keys.idOf(key);
    const to = this.parts.keys.idOf(key, CURATED_BY_RECORD_TIME);
    this.curated.set(from, { id: to, openedAt: this.current.s });
    this.origins.set(to, from);
    this.stepOf(to).c = from;
    return to;
  }

  private get current() {
    if (!this.event) throw new Error('no event is being placed');
    return this.event;
  }

  private stepOf(keyId: number): KeyStep {
    let step = this.steps.get(keyId);
    if (!step) {
      step = { ...this.current, r: this.at.recordMs, q: this.at.reportMs };
      this.steps.set(keyId, step);
    }
    return step;
  }
}

/**
 * Where the facts of each report are, by the report's ordinal: its position, its facts' valid start (one
 * fact per report, on one or more keys), the keys holding it and the ordinal of the event that placed it.
 */
class FactPlaces {
  private positions = new Float64Array(1024);
  private starts = new Float64Array(1024);
  private placed = new Int32Array(1024);
  /** The first key holding the report's facts; 0: none (key ids start at 1). */
  private firstKeys = new Int32Array(1024);
  private readonly otherKeys = new Map<number, number[]>();
  private count = 0;

  /** The next event's ordinal; positions only grow along the log. */
  register(position: number): number {
    if (this.count === this.positions.length) this.grow();
    this.positions[this.count] = position;
    this.firstKeys[this.count] = 0;
    return this.count++;
  }

  indexOf(position: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.positions[middle];
      if (at === position) return middle;
      if (at < position) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  add(index: number, keyId: number, startMs: number, placedAt: number): void {
    if (this.firstKeys[index] === 0) {
      this.firstKeys[index] = keyId;
      this.starts[index] = startMs;
      this.placed[index] = placedAt;
      return;
    }
    const others = this.otherKeys.get(index);
    if (others) others.push(keyId);
    else this.otherKeys.set(index, [keyId]);
  }

  keysAt(index: number): readonly number[] {
    const first = this.firstKeys[index];
    return first === 0 ? [] : [first, ...(this.otherKeys.get(index) ?? [])];
  }

  startOf(index: number): number {
    return this.starts[index];
  }

  placedAt(index: number): number {
    return this.placed[index];
  }

  clear(index: number): void {
    this.firstKeys[index] = 0;
    this.otherKeys.delete(index);
  }

  private grow(): void {
    const size = this.positions.length * 2;
    this.positions = copied(new Float64Array(size), this.positions);
    this.starts = copied(new Float64Array(size), this.starts);
    this.placed = copied(new Int32Array(size), this.placed);
    this.firstKeys = copied(new Int32Array(size), this.firstKeys);
  }
}

function copied<T extends Float64Array | Int32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
