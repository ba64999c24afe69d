import type {
  AnomalyKind,
  FoldedStanding,
  RelationFact,
  RelationStatus,
  SharedList,
  StateChangeType,
} from '@entente/domain';

/** A state change as the timeline keeps it: enough to fold, and its place in fold order. */
export interface TimelineFact extends RelationFact {
  readonly startMs: number;
  /** Its report's position: a correction takes the place of what it corrects. */
  readonly position: number;
}

export type Standing = FoldedStanding<RelationFact>;

/** A row holds from its start until the next row's (the last holds on). */
export interface TimelineRow {
  readonly validFrom: number;
  /** The standing after every fact starting at validFrom. */
  readonly standing: Standing;
  /** The ids of those facts, in fold order. */
  readonly group: SharedList<string>;
}

/**
 * When an event became known: recorded here (never going back along the log) and first publicly
 * reported (never after its record time).
 */
export interface KnownSince {
  readonly recordMs: number;
  readonly reportMs: number;
}

/** A version as stored: when it began, on both axes (the event that wrote it). */
export interface Versioned {
  readonly recordedFrom: number;
  readonly reportedFrom: number;
}

/** A current row version as stored. */
export interface StoredRow extends TimelineRow, Versioned {}

/** An anomaly raised by a fact starting at validFrom, numbered in fold order among that start's. */
export interface TimelineAnomaly {
  readonly validFrom: number;
  readonly seq: number;
  readonly kind: AnomalyKind;
  readonly eventId: string;
  readonly type: StateChangeType;
  readonly from: RelationStatus;
  readonly to: RelationStatus;
  /** For a conflict: how many facts of its group came before it (the ones it conflicts with). */
  readonly conflicts: number | null;
}

export interface StoredAnomaly extends TimelineAnomaly, Versioned {}

/** Where one key's rows change because of one event. */
export interface Placement {
  readonly keyId: number;
  /** The earliest valid start whose facts the event changed on this key. */
  readonly fromMs: number;
  /** The latest: past it, a row changes only if the standing it starts from does. */
  readonly toMs: number;
  /** The fact a report adds to the key, when adding it is all the event does there. */
  readonly added: TimelineFact | null;
}

/**
 * What a refold reads and writes of the current timeline: the SQLite tables for the incremental writer,
 * memory for a one-pass catch-up. Every method concerns one key; rows and facts come in valid-time order.
 */
export interface TimelineStore {
  /** The current row starting latest before `ms`. */
  rowBefore(keyId: number, ms: number): StoredRow | null;
  /** The current rows starting at or after `ms`. */
  rowsFrom(keyId: number, ms: number): Iterable<StoredRow>;
  /** The key's last current row. */
  lastRow(keyId: number): StoredRow | null;
  /** The refold has just written the key's last row (null: it has none). */
  rememberLast(keyId: number, row: StoredRow | null): void;
  /** The current facts starting at or after `ms`, in fold order, one group (sharing a start) at a time. */
  factGroupsFrom(keyId: number, ms: number): Iterable<TimelineFact[]>;
  /** The current anomalies at one start, from `fromSeq` on. */
  anomaliesAt(keyId: number, ms: number, fromSeq: number): StoredAnomaly[];
  /** The current anomalies at the starts in (afterMs, toMs], in order. */
  anomaliesBetween(keyId: number, afterMs: number, toMs: number): StoredAnomaly[];
  /** How many anomalies the facts at one start raise now. */
  anomalyCount(keyId: number, ms: number): number;
  /** Ends a version at `at` (dropping it if it began then on both axes, so that it was never seen). */
  closeRow(keyId: number, row: StoredRow, at: KnownSince): void;
  insertRow(keyId: number, row: TimelineRow, at: KnownSince): StoredRow;
  closeAnomaly(keyId: number, anomaly: StoredAnomaly, at: KnownSince): void;
  insertAnomaly(keyId: number, anomaly: TimelineAnomaly, at: KnownSince): void;
  /**
   * An event placed on the key (whatever it changed): its report time keeps or breaks the key's order.
   * Returns when the event is known as the key's versions keep it: once out of order, by record time
   * alone (the rows no longer say what was reported when).
   */
  placed(keyId: number, at: KnownSince): KnownSince;
}

/**
 * Whether a key's events have come in report order so far: `reportedUntil` is the latest report time of
 * an event placed on it; `unorderedFrom` the record time of the first one reported before that (null:
 * none). While they do, what was reported by any R is a prefix of the key's events.
 */
export interface ReportOrder {
  readonly reportedUntil: number | null;
  readonly unorderedFrom: number | null;
}

/** What a key's versions keep of when an event was known: both times while in report order. */
export function knownBy(order: ReportOrder, at: KnownSince): KnownSince {
  const unordered = order.unorderedFrom !== null && order.unorderedFrom <= at.recordMs;
  return unordered ? { recordMs: at.recordMs, reportMs: at.recordMs } : at;
}

export function orderAfter(order: ReportOrder, at: KnownSince): ReportOrder {
  const { reportedUntil, unorderedFrom } = order;
  const late = reportedUntil !== null && at.reportMs < reportedUntil;
  return {
    reportedUntil: reportedUntil === null ? at.reportMs : Math.max(reportedUntil, at.reportMs),
    unorderedFrom: unorderedFrom ?? (late ? at.recordMs : null),
  };
}

/**
 * One version of a report (its original, a correction, a retraction) as one key of view 0 keeps it, so
 * that the key can be folded as known at any K and R without the log: which version is in effect then
 * depends on when each was known, not on the order they came in.
 */
export interface ReportVersion {
  /** The event's own position. */
  readonly position: number;
  /** Its report's position, which every version of the report shares. */
  readonly report: number;
  readonly at: KnownSince;
  /** The retraction of the report. */
  readonly retraction: boolean;
  /** The report's fact on this key as of this version; null: none here (another key, no state change). */
  readonly fact: TimelineFact | null;
  readonly machineCoded: boolean;
}
