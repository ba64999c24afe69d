import { firstIndex } from './first-index';
import { KeyRows } from './key-rows';
import type { KeyTables } from './key-tables';
import { neverSeen } from './sql-timeline-store';
import {
  knownBy,
  orderAfter,
  type KnownSince,
  type ReportOrder,
  type StoredAnomaly,
  type StoredRow,
  type TimelineAnomaly,
  type TimelineFact,
  type TimelineRow,
  type TimelineStore,
  type Versioned,
} from './timeline-model';

/** A version that began and ended since the last commit: written once, closed. */
export interface EndedVersion<T> {
  readonly version: T;
  readonly ended: KnownSince;
}

/** A version the tables hold, ended since the last commit. */
export interface StoredVersionEnd<T> {
  readonly version: T;
  readonly at: KnownSince;
}

/** What the keys in memory hold and owe the tables, in all, kept as they change. */
export class Residency {
  /** Rows, facts and anomalies held. */
  held = 0;
  /** Versions begun, ended or removed since the last commit: about what the commit will write. */
  owed = 0;
}

/**
 * One key's current timeline in memory, for a one-pass catch-up: the refold reads and writes it as it
 * would the tables, and what it did is written to the tables at the catch-up's next commit. Versions
 * that begin and end between two commits are written once, already closed; those begun and replaced at
 * one record time are not written at all.
 *
 * What is new since the last commit is tracked as it happens, so that a commit costs what changed, not
 * what the key holds: a busy key may hold thousands of facts. For the same reason a key met again is not
 * read whole: the common event (a fact starting after every row) needs the last row alone, so rows and
 * facts are read from the end back only as far as a refold asks, and anomalies only when it reads them.
 * (Reading whole keys back made a 1,000,000-event catch-up read every key's history once per event
 * that met it out of memory: most of its time.)
 */
export class KeyInMemory implements TimelineStore {
  private readonly rows: KeyRows;
  /**
   * The key's facts in effect, in fold order: every one starting at or after `factsKnownFrom`, and those
   * added since the last commit before it.
   */
  private facts: TimelineFact[] = [];
  private factsKnownFrom: number;
  /** Current anomalies in fold order; until read, only those raised since the last commit. */
  private anomalies: StoredAnomaly[] = [];
  private anomaliesRead: boolean;
  /** Current versions not in the tables yet; every other one it holds was read from them. */
  private readonly fresh = {
    rows: new Set<StoredRow>(),
    facts: new Set<TimelineFact>(),
    anomalies: new Set<StoredAnomaly>(),
  };
  readonly ended = {
    rows: [] as EndedVersion<StoredRow>[],
    anomalies: [] as EndedVersion<StoredAnomaly>[],
  };
  readonly endedStored = {
    rows: [] as StoredVersionEnd<StoredRow>[],
    anomalies: [] as StoredVersionEnd<StoredAnomaly>[],
  };
  readonly factsRemoved: TimelineFact[] = [];
  orderChanged = false;

  /** `tables` null: the tables hold nothing of the key (it is new to them). */
  constructor(
    readonly keyId: number,
    private readonly tables: KeyTables | null,
    /** The key's report order, and whether it changed since the last commit. */
    public order: ReportOrder,
    private readonly residency: Residency,
  ) {
    this.rows = new KeyRows(keyId, tables, residency);
    this.factsKnownFrom = tables ? Infinity : -Infinity;
    this.anomaliesRead = tables === null;
  }

  /** The current versions not in the tables yet, in the key's order: written open. */
  get unwritten() {
    return {
      rows: [...this.fresh.rows].sort((a, b) => a.validFrom - b.validFrom),
      anomalies: [...this.fresh.anomalies].sort(
        (a, b) => a.validFrom - b.validFrom || a.seq - b.seq,
      ),
      facts: [...this.fresh.facts].sort(compare),
    };
  }

  /** Every fact in effect, in fold order. */
  allFacts(): readonly TimelineFact[] {
    this.readFactsFrom(-Infinity);
    return this.facts;
  }

  /** Everything it holds is in the tables now. */
  written(): void {
    // What was not read yet stays unread: the tables hold the whole of it now.
    const unknown = firstIndex(this.facts, (f) => f.startMs >= this.factsKnownFrom);
    this.forget(this.facts.splice(0, unknown));
    if (!this.anomaliesRead) this.forget(this.anomalies.splice(0));
    this.fresh.rows.clear();
    this.fresh.facts.clear();
    this.fresh.anomalies.clear();
    this.ended.rows.length = 0;
    this.ended.anomalies.length = 0;
    this.endedStored.rows.length = 0;
    this.endedStored.anomalies.length = 0;
    this.factsRemoved.length = 0;
    this.orderChanged = false;
  }

  /** Lets go of the key: what it holds no longer counts. */
  evicted(): void {
    this.residency.held -= this.size;
  }

  unorder(recordMs: number): void {
    if (this.order.unorderedFrom !== null) return;
    this.order = { ...this.order, unorderedFrom: recordMs };
    this.orderChanged = true;
  }

  placed(_keyId: number, at: KnownSince): KnownSince {
    const next = orderAfter(this.order, at);
    const { reportedUntil, unorderedFrom } = this.order;
    if (next.reportedUntil !== reportedUntil || next.unorderedFrom !== unorderedFrom) {
      this.order = next;
      this.orderChanged = true;
    }
    return knownBy(next, at);
  }

  /** What it holds, to bound how many keys stay in memory. */
  get size(): number {
    return this.rows.length + this.facts.length + this.anomalies.length;
  }

  /** Removes the facts of the report at `position`; returns them. */
  removeFactsAt(position: number): TimelineFact[] {
    const removed: TimelineFact[] = [];
    for (let i = this.facts.length - 1; i >= 0; i--) {
      if (this.facts[i].position !== position) continue;
      const [fact] = this.facts.splice(i, 1);
      this.dropFact(fact);
      removed.push(fact);
    }
    // Those before the facts read are in the tables alone: to delete there.
    const unread =
      this.factsKnownFrom === -Infinity ? [] : this.tables!.factsAt(this.keyId, position);
    for (const fact of unread.filter((f) => f.startMs < this.factsKnownFrom && !this.removed(f))) {
      this.factsRemoved.push(fact);
      this.residency.owed++;
      removed.push(fact);
    }
    return removed.sort((a, b) => compare(b, a));
  }

  addFact(fact: TimelineFact): void {
    // One it replaces may be in the tables alone (a rare case: read them then).
    if (
      fact.startMs < this.factsKnownFrom &&
      this.tables!.hasFact(this.keyId, fact.startMs, fact.position)
    ) {
      this.readFactsFrom(fact.startMs);
    }
    const at = firstIndex(this.facts, (f) => compare(f, fact) >= 0);
    if (at < this.facts.length && compare(this.facts[at], fact) === 0) {
      this.dropFact(this.facts.splice(at, 1)[0]);
    }
    this.facts.splice(at, 0, fact);
    this.fresh.facts.add(fact);
    this.residency.held++;
    this.residency.owed++;
  }

  /** A fact no longer in effect: deleted from the tables if they hold it. */
  private dropFact(fact: TimelineFact): void {
    if (!this.fresh.facts.delete(fact)) this.factsRemoved.push(fact);
    this.residency.held--;
    this.residency.owed++;
  }

  rowBefore(_keyId: number, ms: number): StoredRow | null {
    return this.rows.before(ms);
  }

  rowsFrom(_keyId: number, ms: number): Iterable<StoredRow> {
    return this.rows.from(ms);
  }

  lastRow(_keyId: number): StoredRow | null {
    return this.rows.before(Infinity);
  }

  rememberLast(): void {}

  *factGroupsFrom(_keyId: number, ms: number): Generator<TimelineFact[], void, undefined> {
    this.readFactsFrom(ms);
    const facts = this.facts;
    for (let i = firstIndex(facts, (f) => f.startMs >= ms); i < facts.length;) {
      let j = i + 1;
      while (j < facts.length && facts[j].startMs === facts[i].startMs) j++;
      yield facts.slice(i, j);
      i = j;
    }
  }

  anomaliesAt(_keyId: number, ms: number, fromSeq: number): StoredAnomaly[] {
    return this.anomaliesIn(ms - 1, ms).filter((a) => a.seq >= fromSeq);
  }

  anomaliesBetween(_keyId: number, afterMs: number, toMs: number): StoredAnomaly[] {
    return this.anomaliesIn(afterMs, toMs);
  }

  anomalyCount(_keyId: number, ms: number): number {
    return this.anomaliesIn(ms - 1, ms).length;
  }

  closeRow(_keyId: number, row: StoredRow, at: KnownSince): void {
    this.rows.remove(row);
    this.end(row, at, this.fresh.rows, this.ended.rows, this.endedStored.rows);
  }

  insertRow(_keyId: number, row: TimelineRow, at: KnownSince): StoredRow {
    const stored = { ...row, recordedFrom: at.recordMs, reportedFrom: at.reportMs };
    this.rows.insert(stored);
    this.fresh.rows.add(stored);
    this.residency.held++;
    this.residency.owed++;
    return stored;
  }

  closeAnomaly(_keyId: number, anomaly: StoredAnomaly, at: KnownSince): void {
    this.anomalies.splice(this.anomalies.indexOf(anomaly), 1);
    this.end(anomaly, at, this.fresh.anomalies, this.ended.anomalies, this.endedStored.anomalies);
  }

  insertAnomaly(_keyId: number, anomaly: TimelineAnomaly, at: KnownSince): void {
    const stored = { ...anomaly, recordedFrom: at.recordMs, reportedFrom: at.reportMs };
    this.anomalies.splice(anomalyIndex(this.anomalies, anomaly), 0, stored);
    this.fresh.anomalies.add(stored);
    this.residency.held++;
    this.residency.owed++;
  }

  private end<T extends Versioned>(
    version: T,
    at: KnownSince,
    fresh: Set<T>,
    ended: EndedVersion<T>[],
    endedStored: StoredVersionEnd<T>[],
  ): void {
    this.residency.held--;
    this.residency.owed++;
    if (!fresh.delete(version)) endedStored.push({ version, at });
    else if (!neverSeen(version, at)) ended.push({ version, ended: at });
  }

  /** Current anomalies at the starts in (afterMs, toMs], in order. */
  private anomaliesIn(afterMs: number, toMs: number): StoredAnomaly[] {
    this.readAnomalies();
    const from = firstIndex(this.anomalies, (a) => a.validFrom > afterMs);
    const to = firstIndex(this.anomalies, (a) => a.validFrom > toMs);
    return this.anomalies.slice(from, to);
  }

  /** Makes the facts complete from `ms` on. */
  private readFactsFrom(ms: number): void {
    if (ms >= this.factsKnownFrom) return;
    // What was removed since the last commit is still in the tables until the commit deletes it.
    const stored = this.tables!.factsBetween(this.keyId, ms, this.factsKnownFrom);
    const inEffect = stored.filter((fact) => !this.removed(fact));
    this.factsKnownFrom = ms;
    // Checked against the tables when added: none of those held replaces a stored one.
    this.hold(inEffect, (read) => {
      for (const fact of read) {
        this.facts.splice(
          firstIndex(this.facts, (f) => compare(f, fact) > 0),
          0,
          fact,
        );
      }
    });
  }

  /** A stored fact removed since the last commit. */
  private removed(fact: TimelineFact): boolean {
    return this.factsRemoved.some((f) => compare(f, fact) === 0);
  }

  private readAnomalies(): void {
    if (this.anomaliesRead) return;
    this.anomaliesRead = true;
    const raised = this.anomalies;
    this.hold(this.tables!.anomalies(this.keyId), (stored) => (this.anomalies = [...stored]));
    for (const anomaly of raised)
      this.anomalies.splice(anomalyIndex(this.anomalies, anomaly), 0, anomaly);
  }

  private hold<T>(items: readonly T[], keep: (items: readonly T[]) => void): void {
    keep(items);
    this.residency.held += items.length;
  }

  private forget(items: readonly unknown[]): void {
    this.residency.held -= items.length;
  }
}

/** Where an anomaly goes among a key's, in fold order: after those at its start and number. */
function anomalyIndex(anomalies: readonly StoredAnomaly[], anomaly: TimelineAnomaly): number {
  return firstIndex(
    anomalies,
    (a) =>
      a.validFrom > anomaly.validFrom || (a.validFrom === anomaly.validFrom && a.seq > anomaly.seq),
  );
}

function compare(a: TimelineFact, b: TimelineFact): number {
  return a.startMs - b.startMs || a.position - b.position;
}
