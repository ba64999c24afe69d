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
  firstDifference,
  refold,
  sameRow,
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
  version: 1,
  handles: [...REPORT_TYPES, ...CORRECTION_TYPES],
  open: (db, tables) => new RelationTimelineWriter(db, tables),
};

interface Placement {
  readonly keyId: number;
  readonly key: RelationKey;
  readonly fromMs: number;
}

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
  private lastRecordMs: number | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly tables: TableNamer,
  ) {}

  create(): void {
    createTimelineTables(this.db, this.tables);
  }

  drop(): void {
    dropTimelineTables(this.db, this.tables);
    this.statements = null;
  }

  reset(): void {
    this.keyIds.clear();
    this.keysById.clear();
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
      return { keyId, key, fromMs: startMs };
    });
  }

  private placementsOf(facts: readonly FactRecord[]): Placement[] {
    return mergePlacements(
      facts.map((f) => ({ keyId: f.key_id, key: this.keyOf(f.key_id), fromMs: f.start_ms })),
    );
  }

  /** Rewrites the rows of one key from `fromMs` on, touching only those that change. */
  private refoldKey(
    placement: Placement,
    recordMs: number,
    event: RecordedEvent,
  ): TimelineChange | null {
    const { keyId, fromMs } = placement;
    const base = this.sql.currentRowBefore.get(keyId, fromMs);
    const previous = [...(base ? [base] : []), ...this.sql.currentRowsFrom.all(keyId, fromMs)];
    const facts = this.sql.factsFrom.all(keyId, fromMs).map(toTimelineFact);
    const next = refold(base ? { validFrom: base.valid_from, state: base.state } : null, facts);

    const kept = new Set<number>();
    let changedFrom: number | null = null;
    for (const old of previous) {
      const match = next.findIndex((row) => sameRow(row, rowOf(old)));
      if (match >= 0) {
        kept.add(match);
        continue;
      }
      changedFrom = Math.min(changedFrom ?? old.valid_from, old.valid_from);
      if (old.recorded_from === recordMs)
        this.sql.deleteRow.run(keyId, old.valid_from, old.recorded_from);
      else this.sql.closeRow.run(recordMs, keyId, old.valid_from, old.recorded_from);
    }
    next.forEach((row, i) => {
      if (kept.has(i)) return;
      changedFrom = Math.min(changedFrom ?? row.validFrom, row.validFrom);
      this.sql.insertRow.run(keyId, row.validFrom, recordMs, row.validTo, row.status, row.state);
    });
    if (changedFrom === null) return null;
    // A row rewritten only because a later one begins now changed no state before that later start.
    changedFrom = firstDifference(previous.map(rowOf), next) ?? changedFrom;

    const tail = next.at(-1);
    const current = tail ? standingOf(tail) : null;
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

function rowOf(record: RowRecord): TimelineRow {
  return {
    validFrom: record.valid_from,
    validTo: record.valid_to,
    status: record.status as TimelineRow['status'],
    state: record.state,
  };
}

function standingOf(row: TimelineRow): RelationStanding {
  const { status, since, sinceOccurredAt, approximate, conditions, basis } = JSON.parse(
    row.state,
  ) as RelationStanding;
  return { status, since, sinceOccurredAt, approximate, conditions, basis };
}

/** One placement per key, from the earliest valid time any of its facts touches. */
function mergePlacements(placements: readonly Placement[]): Placement[] {
  const byKey = new Map<number, Placement>();
  for (const p of placements) {
    const seen = byKey.get(p.keyId);
    if (!seen || p.fromMs < seen.fromMs) byKey.set(p.keyId, p);
  }
  return [...byKey.values()];
}
