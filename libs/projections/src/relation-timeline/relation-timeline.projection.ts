import {
  CORRECTION_TYPES,
  REPORT_TYPES,
  isStateChangeType,
  pairsOf,
  upcast,
  type EventCorrectedData,
  type EventRetractedData,
  type RelationKey,
  type RelationStanding,
  type ReportData,
  type ReportType,
} from '@entente/domain';
import type { RecordedEvent, SqliteDatabase } from '@entente/event-store';
import type { ProjectionDefinition, ProjectionWriter, TableNamer } from '../runner/projection';
import { createTimelineTables, dropTimelineTables } from './relation-timeline.schema';
import {
  firstAnomalyDifference,
  firstDifference,
  Refolder,
  sameRow,
  type Refolded,
  type TimelineFact,
  type TimelineRow,
} from './timeline-refold';
import { TimelineStatements, type FactRecord, type RowRecord } from './timeline-statements';

/** A key whose timeline an event changed, with where it now stands (null: unknown again). */
export interface TimelineChange {
  readonly position: number;
  readonly eventId: string;
  readonly key: RelationKey;
  /** The earliest valid time whose state changed. */
  readonly from: string;
  readonly current: RelationStanding | null;
}

export const RELATION_TIMELINE = 'relation-timeline';

export const relationTimelineProjection: ProjectionDefinition<TimelineChange> = {
  name: RELATION_TIMELINE,
  version: 2,
  handles: [...REPORT_TYPES, ...CORRECTION_TYPES],
  open: (db, tables) => new RelationTimelineWriter(db, tables),
};

interface Placement {
  readonly keyId: number;
  readonly key: RelationKey;
  /** The earliest valid start whose facts the event changed on this key. */
  readonly fromMs: number;
  /** The latest: past it, a row changes only if the state it starts from does. */
  readonly toMs: number;
  /** The fact a report adds to the key, when adding it is all the event does there. */
  readonly added: TimelineFact | null;
}

/** A current row as stored: a row and the record time its version began. */
interface StoredRow extends TimelineRow {
  readonly recordedFrom: number;
}

/** A current entry of a key's anomalies. */
interface StoredAnomalies {
  readonly anomalies: string;
  readonly recordedFrom: number;
}

/** What refolding a key gives: the current rows it covers, and what they become. */
interface RefoldedKey {
  readonly previous: StoredRow[];
  readonly next: Refolded;
  /** The rows run to the key's last one; false when the refold stopped at a row that came out as stored. */
  readonly complete: boolean;
  /** The current entries of anomalies over the starts refolded (the base's excluded). */
  readonly previousAnomalies: ReadonlyMap<number, StoredAnomalies>;
}

const NONE: ReadonlyMap<number, StoredAnomalies> = new Map<number, StoredAnomalies>();
const MAX_MS = Number.MAX_SAFE_INTEGER;

/** Keys whose last current row is kept in memory: enough for the busy ones, bounded for the rest. */
const TAIL_CACHE_KEYS = 20_000;
/** Rows and facts are read in growing chunks, so that a refold that stops early reads little. */
const FIRST_CHUNK = 8;
const LAST_CHUNK = 512;

/**
 * Keeps the bitemporal rows of every key up to date. A fact changes its keys from its valid start on: the
 * rows from there are refolded from the row in force before it, compared with the current ones, and only
 * those that differ are closed (as of the event's record time) and written anew. Recording in valid-time
 * order, the common case, closes one row and writes two.
 */
export class RelationTimelineWriter implements ProjectionWriter<TimelineChange> {
  private statements: TimelineStatements | null = null;
  private readonly keyIds = new Map<string, number>();
  private readonly keysById = new Map<number, RelationKey>();
  /**
   * The last current row of recently changed keys (null: the key has none), as stored: a fact reported
   * after every other one of its key refolds from it alone, without reading rows or facts.
   */
  private readonly tails = new Map<number, StoredRow | null>();
  private lastRecordMs: number | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly tables: TableNamer,
  ) {}

  create(): void {
    createTimelineTables(this.db, this.tables);
    this.statements = null;
  }

  drop(): void {
    dropTimelineTables(this.db, this.tables);
    this.statements = null;
    this.tails.clear();
  }

  reset(): void {
    this.keyIds.clear();
    this.keysById.clear();
    this.tails.clear();
    this.lastRecordMs = null;
  }

  apply(events: readonly RecordedEvent[]): TimelineChange[] {
    const changes: TimelineChange[] = [];
    for (const event of events) {
      const recordMs = this.recordTime(event);
      const { data } = upcast(event.type, event.schemaVersion, event.data);
      const placements =
        event.type === 'EventRetracted'
          ? this.retract((data as EventRetractedData).retracts)
          : event.type === 'EventCorrected'
            ? this.correct(event, data as EventCorrectedData)
            : this.report(event, event.type as ReportType, data as ReportData);
      for (const placement of placements) {
        const change = this.refoldKey(placement, recordMs, event);
        if (change) changes.push(change);
      }
    }
    if (this.lastRecordMs !== null && events.length > 0) {
      this.sql.saveRecordTime.run(this.lastRecordMs);
    }
    return changes;
  }

  private report(event: RecordedEvent, type: ReportType, data: ReportData): Placement[] {
    if (!isStateChangeType(type)) {
      this.sql.insertContextReport.run(event.eventId, event.position);
      return [];
    }
    return this.insertFacts(event.eventId, event.eventId, event.position, type, data);
  }

  private retract(reportId: string): Placement[] {
    const removed = this.sql.factsOfReport.all(reportId);
    this.sql.deleteFactsOfReport.run(reportId);
    this.sql.deleteContextReport.run(reportId);
    return this.placementsOf(removed);
  }

  private correct(event: RecordedEvent, data: EventCorrectedData): Placement[] {
    const reportId = data.corrects;
    const previous = this.sql.factsOfReport.all(reportId);
    const position = previous[0]?.position ?? this.sql.contextReportPosition.get(reportId);
    if (position === undefined) return [];
    this.sql.deleteFactsOfReport.run(reportId);
    this.sql.deleteContextReport.run(reportId);
    const placements = this.placementsOf(previous);
    if (isStateChangeType(data.replacementType)) {
      placements.push(
        ...this.insertFacts(
          event.eventId,
          reportId,
          position,
          data.replacementType,
          data.replacement,
        ),
      );
    } else {
      this.sql.insertContextReport.run(reportId, position);
    }
    return mergePlacements(placements);
  }

  private insertFacts(
    eventId: string,
    reportId: string,
    position: number,
    type: ReportType,
    data: ReportData,
  ): Placement[] {
    const start: unknown = data.occurredAt?.start;
    const startMs = typeof start === 'string' ? Date.parse(start) : NaN;
    if (Number.isNaN(startMs)) {
      throw new Error(
        `${type} ${eventId} has no valid time to place it on the timeline ` +
          `(occurredAt.start is ${JSON.stringify(start) ?? 'missing'})`,
      );
    }
    const occurredAt = JSON.stringify(data.occurredAt);
    const conditions = JSON.stringify(data.conditions);
    return pairsOf(data).map((pair) => {
      const key = pair as RelationKey;
      const keyId = this.keyIdOf(key);
      this.sql.insertFact.run(
        keyId,
        startMs,
        position,
        eventId,
        reportId,
        type,
        occurredAt,
        conditions,
      );
      // What toTimelineFact would read back from the row just written.
      const added: TimelineFact = {
        eventId,
        type,
        startMs,
        data: {
          occurredAt: JSON.parse(occurredAt) as ReportData['occurredAt'],
          conditions: JSON.parse(conditions) as ReportData['conditions'],
        },
      };
      return { keyId, key, fromMs: startMs, toMs: startMs, added };
    });
  }

  private placementsOf(facts: readonly FactRecord[]): Placement[] {
    return mergePlacements(
      facts.map((f) => ({
        keyId: f.key_id,
        key: this.keyOf(f.key_id),
        fromMs: f.start_ms,
        toMs: f.start_ms,
        added: null,
      })),
    );
  }

  /**
   * Rewrites the rows of one key from `fromMs` on, touching only those that change. A fact added after
   * every other one of its key folds onto the last row alone; otherwise the rows are refolded group by
   * group of facts, up to the first row past `toMs` that comes out as stored (every later one would too).
   */
  private refoldKey(
    placement: Placement,
    recordMs: number,
    event: RecordedEvent,
  ): TimelineChange | null {
    const { keyId } = placement;
    const tail = this.tailOf(keyId);
    const { previous, next, complete, previousAnomalies } =
      placement.added && (tail === null || placement.fromMs > tail.validFrom)
        ? this.appended(tail, placement.added)
        : this.refolded(placement);
    const rows = next.rows;

    const byStart = new Map<number, number>();
    rows.forEach((row, i) => byStart.set(row.validFrom, i));
    const kept = new Map<number, StoredRow>();
    let changedFrom: number | null = null;
    for (const old of previous) {
      const match = byStart.get(old.validFrom);
      if (match !== undefined && sameRow(rows[match], old)) {
        kept.set(match, old);
        continue;
      }
      changedFrom = Math.min(changedFrom ?? old.validFrom, old.validFrom);
      if (old.recordedFrom === recordMs)
        this.sql.deleteRow.run(keyId, old.validFrom, old.recordedFrom);
      else this.sql.closeRow.run(recordMs, keyId, old.validFrom, old.recordedFrom);
    }
    rows.forEach((row, i) => {
      if (kept.has(i)) return;
      changedFrom = Math.min(changedFrom ?? row.validFrom, row.validFrom);
      this.sql.insertRow.run(keyId, row.validFrom, recordMs, row.validTo, row.status, row.state);
    });
    const anomaliesFrom = this.writeAnomalies(keyId, recordMs, previousAnomalies, next.anomalies);
    if (anomaliesFrom !== null) changedFrom = Math.min(changedFrom ?? anomaliesFrom, anomaliesFrom);
    if (complete) {
      // The rows now end with the last one refolded.
      const last = rows.at(-1);
      const lastKept = kept.get(rows.length - 1);
      this.remember(keyId, last ? (lastKept ?? { ...last, recordedFrom: recordMs }) : null);
    }
    if (changedFrom === null) return null;
    // A row rewritten only because a later one begins now changed no state before that later start.
    const differs = [firstDifference(previous, rows), anomaliesFrom].filter((t) => t !== null);
    if (differs.length > 0) changedFrom = Math.min(...differs);

    const last = complete ? (rows.at(-1) ?? null) : this.tailOf(keyId);
    const current = last ? standingOf(last) : null;
    this.sql.insertChange.run(
      event.position,
      keyId,
      event.eventId,
      changedFrom,
      current ? JSON.stringify(current) : null,
    );
    return {
      position: event.position,
      eventId: event.eventId,
      key: placement.key,
      from: new Date(changedFrom).toISOString(),
      current,
    };
  }

  /**
   * Closes the entries of anomalies that changed and writes their new versions; returns the earliest
   * start whose anomalies changed (null: none did).
   */
  private writeAnomalies(
    keyId: number,
    recordMs: number,
    previous: ReadonlyMap<number, StoredAnomalies>,
    next: ReadonlyMap<number, string>,
  ): number | null {
    if (previous.size === 0 && next.size === 0) return null;
    const sql = this.sql;
    for (const [validFrom, old] of previous) {
      if (next.get(validFrom) === old.anomalies) continue;
      if (old.recordedFrom === recordMs) sql.deleteAnomalies.run(keyId, validFrom, recordMs);
      else sql.closeAnomalies.run(recordMs, keyId, validFrom, old.recordedFrom);
    }
    for (const [validFrom, anomalies] of next) {
      if (previous.get(validFrom)?.anomalies === anomalies) continue;
      sql.insertAnomalies.run(keyId, validFrom, recordMs, anomalies);
    }
    return firstAnomalyDifference(
      new Map([...previous].map(([validFrom, old]) => [validFrom, old.anomalies])),
      next,
    );
  }

  /** A fact reported after every other one of its key: the last row gets an end, and one row follows. */
  private appended(tail: StoredRow | null, fact: TimelineFact): RefoldedKey {
    const folder = new Refolder(tail);
    folder.fold([fact]);
    return {
      previous: tail ? [tail] : [],
      next: folder.refolded(null),
      complete: true,
      previousAnomalies: NONE,
    };
  }

  /**
   * The current rows from the row in force before `fromMs` on, and what they become, as far as they can
   * change: `complete` when they run to the key's last row, false when the refold stopped early at a row
   * that came out as stored (both lists then end with that row). A row's state is its standing alone, so
   * the rows after one whose standing comes out as stored come out as stored.
   */
  private refolded(placement: Placement): RefoldedKey {
    const { keyId, fromMs, toMs } = placement;
    const baseRecord = this.sql.currentRowBefore.get(keyId, fromMs);
    const base = baseRecord ? storedRowOf(baseRecord) : null;
    const previous: StoredRow[] = base ? [base] : [];
    const folder = new Refolder(base);
    const stored = this.currentRowsFrom(keyId, fromMs);
    let pending = stored.next();
    let stop: StoredRow | null = null;
    for (const group of this.factGroupsFrom(keyId, fromMs)) {
      const start = group[0].startMs;
      const { state } = folder.fold(group);
      while (!pending.done && pending.value.validFrom <= start) {
        previous.push(pending.value);
        pending = stored.next();
      }
      const same = previous.at(-1);
      if (start >= toMs && same && same.validFrom === start && same.state === state) {
        stop = same;
        break;
      }
    }
    if (!stop) for (; !pending.done; pending = stored.next()) previous.push(pending.value);
    return {
      previous,
      next: folder.refolded(stop ? stop.validTo : null),
      complete: stop === null,
      previousAnomalies: this.currentAnomalies(keyId, fromMs, stop?.validFrom ?? MAX_MS),
    };
  }

  /** The current entries of a key's anomalies from `fromMs` up to `toMs`, by start. */
  private currentAnomalies(
    keyId: number,
    fromMs: number,
    toMs: number,
  ): ReadonlyMap<number, StoredAnomalies> {
    return new Map(
      this.sql.currentAnomalies
        .all(keyId, fromMs, toMs)
        .map((r) => [r.valid_from, { anomalies: r.anomalies, recordedFrom: r.recorded_from }]),
    );
  }

  /** The current rows of a key from `fromMs` on, in valid-time order, read a chunk at a time. */
  private *currentRowsFrom(keyId: number, fromMs: number): Generator<StoredRow, void, undefined> {
    let from = fromMs;
    let limit = FIRST_CHUNK;
    for (;;) {
      const chunk = this.sql.currentRowsFromLimit.all(keyId, from, limit);
      for (const record of chunk) yield storedRowOf(record);
      if (chunk.length < limit) return;
      from = chunk[chunk.length - 1].valid_from + 1;
      limit = Math.min(limit * 2, LAST_CHUNK);
    }
  }

  /** The facts of a key from `fromMs` on, in fold order, a group of facts sharing a start at a time. */
  private *factGroupsFrom(
    keyId: number,
    fromMs: number,
  ): Generator<TimelineFact[], void, undefined> {
    let from = fromMs;
    let limit = FIRST_CHUNK;
    for (;;) {
      const chunk = this.sql.factsFromLimit.all(keyId, from, limit);
      const complete = chunk.length < limit;
      // A full chunk may have cut its last group short: that group is read again with the next chunk.
      let end = chunk.length;
      if (!complete) {
        const lastStart = chunk[chunk.length - 1].start_ms;
        while (end > 0 && chunk[end - 1].start_ms === lastStart) end--;
        if (end === 0) {
          limit *= 2;
          continue;
        }
      }
      for (let i = 0; i < end;) {
        let j = i + 1;
        while (j < end && chunk[j].start_ms === chunk[i].start_ms) j++;
        yield chunk.slice(i, j).map(toTimelineFact);
        i = j;
      }
      if (complete) return;
      from = chunk[end].start_ms;
      limit = Math.min(limit * 2, LAST_CHUNK);
    }
  }

  /** The key's last current row, from memory or from the table. */
  private tailOf(keyId: number): StoredRow | null {
    const cached = this.tails.get(keyId);
    if (cached !== undefined) return cached;
    const record = this.sql.currentRowBefore.get(keyId, Number.MAX_SAFE_INTEGER);
    const tail = record ? storedRowOf(record) : null;
    this.remember(keyId, tail);
    return tail;
  }

  private remember(keyId: number, tail: StoredRow | null): void {
    this.tails.delete(keyId);
    this.tails.set(keyId, tail);
    if (this.tails.size > TAIL_CACHE_KEYS) {
      this.tails.delete(this.tails.keys().next().value!);
    }
  }

  /**
   * Record time never goes backwards along the log, so that row versions never overlap. The latest one
   * is kept in the `clock` table, in the same transaction, so that it survives a restart or a rollback
   * even when the event that set it changed no rows.
   */
  private recordTime(event: RecordedEvent): number {
    if (this.lastRecordMs === null) this.lastRecordMs = this.sql.lastRecordTime.get() ?? -Infinity;
    this.lastRecordMs = Math.max(this.lastRecordMs, Date.parse(event.metadata.recordedAt));
    return this.lastRecordMs;
  }

  private keyIdOf(key: RelationKey): number {
    const name = `${key.actor}>${key.target}:${key.channel}`;
    let id = this.keyIds.get(name);
    if (id === undefined) {
      id =
        this.sql.keyId.get(key.actor, key.target, key.channel) ??
        Number(this.sql.insertKey.run(key.actor, key.target, key.channel).lastInsertRowid);
      this.keyIds.set(name, id);
      this.keysById.set(id, key);
    }
    return id;
  }

  private keyOf(keyId: number): RelationKey {
    const cached = this.keysById.get(keyId);
    if (cached) return cached;
    const row = this.db
      .prepare<[number], RelationKey>(
        `SELECT actor, target, channel FROM ${this.tables('keys')} WHERE key_id = ?`,
      )
      .get(keyId);
    if (!row) throw new Error(`timeline key ${keyId} is missing`);
    const key = { actor: row.actor, target: row.target, channel: row.channel };
    this.keysById.set(keyId, key);
    return key;
  }

  private get sql(): TimelineStatements {
    this.statements ??= new TimelineStatements(this.db, this.tables);
    return this.statements;
  }
}

function toTimelineFact(record: FactRecord): TimelineFact {
  return {
    eventId: record.event_id,
    type: record.type,
    startMs: record.start_ms,
    data: { occurredAt: JSON.parse(record.occurred_at), conditions: JSON.parse(record.conditions) },
  };
}

function storedRowOf(record: RowRecord): StoredRow {
  return {
    validFrom: record.valid_from,
    validTo: record.valid_to,
    status: record.status as TimelineRow['status'],
    state: record.state,
    recordedFrom: record.recorded_from,
  };
}

function standingOf(row: TimelineRow): RelationStanding {
  const { status, since, sinceOccurredAt, approximate, conditions, basis } = JSON.parse(
    row.state,
  ) as RelationStanding;
  return { status, since, sinceOccurredAt, approximate, conditions, basis };
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
            key: seen.key,
            fromMs: Math.min(seen.fromMs, p.fromMs),
            toMs: Math.max(seen.toMs, p.toMs),
            added: null,
          }
        : p,
    );
  }
  return [...byKey.values()];
}
