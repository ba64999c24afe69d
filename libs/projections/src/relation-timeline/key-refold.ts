import { RelationFolder, UNKNOWN_STANDING, type SharedList } from '@entente/domain';
import type { ListCodec } from './timeline-lists';
import type {
  KnownSince,
  Placement,
  Standing,
  StoredAnomaly,
  StoredRow,
  TimelineAnomaly,
  TimelineFact,
  TimelineRow,
  TimelineStore,
} from './timeline-model';

/** What refolding one key for one event did. */
export interface KeyRefold {
  /** The earliest valid time whose state changed; null when none did. */
  readonly changedFrom: number | null;
  /** Where the key stands after the event (its last row's standing; null: nothing is known). */
  readonly current: Standing | null;
}

/** Where a refold starts: the state it folds from, and the facts it folds first. */
interface Plan {
  /** The row in force before the first start folded, kept with a possibly new end. */
  readonly base: StoredRow | null;
  readonly folder: RelationFolder;
  /** A fact joining (or starting) one group, folded alone onto the state of the facts before it. */
  readonly first: {
    readonly fact: TimelineFact;
    /** The stored row at its start, which the group's new row replaces. */
    readonly replaces: StoredRow | null;
    /** Anomalies already raised at its start: the fact's own are numbered after them. */
    readonly firstSeq: number;
  } | null;
  /** Stored facts and rows are read from this valid time on; null: there are none to read. */
  readonly readFrom: number | null;
}

interface FoldedStart {
  readonly validFrom: number;
  readonly standing: Standing;
  readonly group: SharedList<string>;
  readonly anomalies: readonly TimelineAnomaly[];
}

const MAX_MS = Number.MAX_SAFE_INTEGER;

/**
 * Rewrites the rows of one key from the placement's start on, touching only those that change: the rows
 * are refolded group by group of facts, up to the first one past `toMs` that comes out as stored (every
 * later one would too), and only the rows and anomalies that differ are closed (as of `at`) and
 * written anew. A report folds its fact alone onto the stored state of the facts before it, however
 * many share its start, so that recording costs the same on a busy day as on a quiet one; a retraction
 * or correction refolds the groups it touches whole.
 */
export function refoldKey(
  store: TimelineStore,
  lists: ListCodec,
  placement: Placement,
  at: KnownSince,
): KeyRefold {
  const keyId = placement.keyId;
  const plan = planOf(store, placement);
  if (plan.first && !plan.first.replaces && plan.readFrom === null) {
    return appendAfterLast(store, keyId, plan.folder, plan.first.fact, at);
  }
  const previous: StoredRow[] = plan.base ? [plan.base] : [];
  const starts: FoldedStart[] = [];
  const foldGroup = (facts: readonly TimelineFact[], firstSeq: number): FoldedStart => {
    const folded = foldedStart(plan.folder, facts, firstSeq);
    starts.push(folded);
    return folded;
  };

  if (plan.first) {
    foldGroup([plan.first.fact], plan.first.firstSeq);
    if (plan.first.replaces) previous.push(plan.first.replaces);
  }
  let stop: StoredRow | null = null;
  if (plan.readFrom !== null) {
    const stored = store.rowsFrom(keyId, plan.readFrom)[Symbol.iterator]();
    let pending = stored.next();
    for (const group of store.factGroupsFrom(keyId, plan.readFrom)) {
      const folded = foldGroup(group, 0);
      while (!pending.done && pending.value.validFrom <= folded.validFrom) {
        previous.push(pending.value);
        pending = stored.next();
      }
      const same = previous.at(-1);
      if (
        folded.validFrom >= placement.toMs &&
        same?.validFrom === folded.validFrom &&
        sameStanding(lists, same.standing, folded.standing) &&
        lists.same(same.group, folded.group)
      ) {
        stop = same;
        break;
      }
    }
    if (!stop) for (; !pending.done; pending = stored.next()) previous.push(pending.value);
  }

  const rows = rowsOf(plan.base, starts);
  let changedFrom = writeRows(store, lists, keyId, previous, rows, at, stop === null);
  const anomaliesFrom = writeAnomalies(store, keyId, plan, starts, stop, at);
  if (anomaliesFrom !== null) changedFrom = Math.min(changedFrom ?? anomaliesFrom, anomaliesFrom);
  if (changedFrom === null) return { changedFrom: null, current: null };
  // A row rewritten only because a later one begins now changed no state before that later start.
  const differs = [firstDifference(lists, previous, rows), anomaliesFrom].filter((t) => t !== null);
  if (differs.length > 0) changedFrom = Math.min(...differs);
  const last = stop ? store.lastRow(keyId) : (rows.at(-1) ?? null);
  return { changedFrom, current: last?.standing ?? null };
}

/**
 * The common case, a fact starting after every row of its key: one row more, nothing to compare. (What
 * the general refold would do: the last row comes out as stored, a new one follows it.)
 */
function appendAfterLast(
  store: TimelineStore,
  keyId: number,
  folder: RelationFolder,
  fact: TimelineFact,
  at: KnownSince,
): KeyRefold {
  const { validFrom, standing, group, anomalies } = foldedStart(folder, [fact], 0);
  store.rememberLast(keyId, store.insertRow(keyId, { validFrom, standing, group }, at));
  for (const anomaly of anomalies) store.insertAnomaly(keyId, anomaly, at);
  return { changedFrom: validFrom, current: standing };
}

/** Folds the facts sharing one start; their anomalies are numbered from `firstSeq`. */
function foldedStart(
  folder: RelationFolder,
  facts: readonly TimelineFact[],
  firstSeq: number,
): FoldedStart {
  const anomalies: TimelineAnomaly[] = [];
  const validFrom = facts[0].startMs;
  let seq = firstSeq;
  for (const fact of facts) {
    for (const found of folder.fold(fact)) {
      const { kind, eventId, type, from, to } = found;
      const conflicts = found.conflictsWith?.length ?? null;
      anomalies.push({ validFrom, seq: seq++, kind, eventId, type, from, to, conflicts });
    }
  }
  return { validFrom, standing: folder.standing, group: folder.group!.eventIds, anomalies };
}

function planOf(store: TimelineStore, placement: Placement): Plan {
  const { keyId, added } = placement;
  if (!added) {
    const base = store.rowBefore(keyId, placement.fromMs);
    return { base, folder: folderAfter(base), first: null, readFrom: placement.fromMs };
  }
  const startMs = added.startMs;
  const last = store.lastRow(keyId);
  // After every row: the last one gets an end, and one row follows; nothing else to read.
  if (last === null || startMs > last.validFrom) {
    const first = { fact: added, replaces: null, firstSeq: 0 };
    return { base: last, folder: folderAfter(last), first, readFrom: null };
  }
  const at = last.validFrom === startMs ? last : store.rowBefore(keyId, startMs + 1);
  if (at?.validFrom !== startMs) {
    const base = store.rowBefore(keyId, startMs);
    const first = { fact: added, replaces: null, firstSeq: 0 };
    return { base, folder: folderAfter(base), first, readFrom: startMs + 1 };
  }
  // Joining a group: its facts' fold is the stored row, and the standing before them the row before.
  const base = store.rowBefore(keyId, startMs);
  const group = {
    start: added.data.occurredAt.start,
    before: base?.standing ?? UNKNOWN_STANDING,
    eventIds: at.group,
  };
  const first = { fact: added, replaces: at, firstSeq: store.anomalyCount(keyId, startMs) };
  return {
    base,
    folder: new RelationFolder(at.standing, group),
    first,
    readFrom: startMs + 1,
  };
}

function folderAfter(row: StoredRow | null): RelationFolder {
  return new RelationFolder(row?.standing ?? UNKNOWN_STANDING);
}

/** The base row, then one row per start folded. */
function rowsOf(base: StoredRow | null, starts: readonly FoldedStart[]): TimelineRow[] {
  const rows: TimelineRow[] = base ? [base] : [];
  for (const { validFrom, standing, group } of starts) rows.push({ validFrom, standing, group });
  return rows;
}

/**
 * Closes the stored rows that changed and writes their new versions; the key's last row is remembered
 * when the rows run to it (`complete`). Returns the earliest start rewritten (null: none was).
 */
function writeRows(
  store: TimelineStore,
  lists: ListCodec,
  keyId: number,
  previous: readonly StoredRow[],
  rows: readonly TimelineRow[],
  at: KnownSince,
  complete: boolean,
): number | null {
  const byStart = new Map<number, number>();
  rows.forEach((row, i) => byStart.set(row.validFrom, i));
  const kept = new Map<number, StoredRow>();
  let changedFrom: number | null = null;
  for (const old of previous) {
    const match = byStart.get(old.validFrom);
    if (match !== undefined && sameRow(lists, rows[match], old)) {
      kept.set(match, old);
      continue;
    }
    changedFrom = Math.min(changedFrom ?? old.validFrom, old.validFrom);
    store.closeRow(keyId, old, at);
  }
  let last: StoredRow | null = null;
  rows.forEach((row, i) => {
    last = kept.get(i) ?? null;
    if (last) return;
    changedFrom = Math.min(changedFrom ?? row.validFrom, row.validFrom);
    last = store.insertRow(keyId, row, at);
  });
  if (complete) store.rememberLast(keyId, last);
  return changedFrom;
}

/**
 * Closes the stored anomalies that changed over the starts refolded and writes their new versions;
 * returns the earliest start whose anomalies changed (null: none did).
 */
function writeAnomalies(
  store: TimelineStore,
  keyId: number,
  plan: Plan,
  starts: readonly FoldedStart[],
  stop: StoredRow | null,
  at: KnownSince,
): number | null {
  const toMs = stop?.validFrom ?? MAX_MS;
  const stored: StoredAnomaly[] = [];
  if (plan.first) {
    const { startMs } = plan.first.fact;
    // A fact starting a group of its own finds no anomalies there.
    if (plan.first.replaces) stored.push(...store.anomaliesAt(keyId, startMs, plan.first.firstSeq));
    if (plan.readFrom !== null) stored.push(...store.anomaliesBetween(keyId, startMs, toMs));
  } else {
    stored.push(...store.anomaliesBetween(keyId, plan.readFrom! - 1, toMs));
  }
  const folded = starts.flatMap((start) => start.anomalies);
  if (stored.length === 0 && folded.length === 0) return null;
  const slot = (a: TimelineAnomaly) => `${a.validFrom}:${a.seq}`;
  const storedBySlot = new Map(stored.map((a) => [slot(a), a]));
  let first: number | null = null;
  const changed = (validFrom: number) => (first = Math.min(first ?? validFrom, validFrom));
  for (const anomaly of folded) {
    const old = storedBySlot.get(slot(anomaly));
    if (old && sameAnomaly(old, anomaly)) {
      storedBySlot.delete(slot(anomaly));
      continue;
    }
    if (old) {
      store.closeAnomaly(keyId, old, at);
      storedBySlot.delete(slot(anomaly));
    }
    store.insertAnomaly(keyId, anomaly, at);
    changed(anomaly.validFrom);
  }
  for (const old of storedBySlot.values()) {
    store.closeAnomaly(keyId, old, at);
    changed(old.validFrom);
  }
  return first;
}

function sameAnomaly(a: TimelineAnomaly, b: TimelineAnomaly): boolean {
  return (
    a.kind === b.kind &&
    a.eventId === b.eventId &&
    a.type === b.type &&
    a.from === b.from &&
    a.to === b.to &&
    a.conflicts === b.conflicts
  );
}

/** Two standings agree when their bases do: the basis decides the status, since and conditions. */
function sameStanding(lists: ListCodec, a: Standing | null, b: Standing | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return a.status === b.status && lists.same(a.basis, b.basis);
}

/** A row holds until the next one begins: its own content is its start, standing and group. */
function sameRow(lists: ListCodec, a: TimelineRow, b: TimelineRow): boolean {
  return (
    a.validFrom === b.validFrom &&
    sameStanding(lists, a.standing, b.standing) &&
    lists.same(a.group, b.group)
  );
}

/**
 * The earliest valid time at which two versions of a key's rows disagree on the standing; null when they
 * agree everywhere. Each list covers valid time from its first row on, each row up to the next (the last
 * holds on), unknown before the first. Standings only change where a row begins, so those are the only
 * times to compare.
 */
function firstDifference(
  lists: ListCodec,
  before: readonly TimelineRow[],
  after: readonly TimelineRow[],
): number | null {
  const times = [...new Set([...before, ...after].map((row) => row.validFrom))].sort(
    (a, b) => a - b,
  );
  let i = -1;
  let j = -1;
  for (const at of times) {
    while (i + 1 < before.length && before[i + 1].validFrom <= at) i++;
    while (j + 1 < after.length && after[j + 1].validFrom <= at) j++;
    const a = i < 0 ? null : before[i].standing;
    const b = j < 0 ? null : after[j].standing;
    if (!sameStanding(lists, a, b)) return at;
  }
  return null;
}
