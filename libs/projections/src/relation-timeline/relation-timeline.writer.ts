import {
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
import type { RecordedEvent, SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { ProjectionWriter, TableNamer } from '../runner/projection';
import { refoldKey } from './key-refold';
import { createTimelineTables, dropTimelineTables } from './relation-timeline.schema';
import { SqlTimelineStore } from './sql-timeline-store';
import { packId, type PackedIds } from './timeline-codec';
import { ConditionDictionary, KeyDictionary } from './timeline-dictionaries';
import type { Placement, TimelineFact } from './timeline-model';
import { factRecord, type FactRecord } from './timeline-records';
import { lazyStanding, type StandingRecord } from './timeline-rows';

/** A key whose timeline an event changed, with where it now stands (null: unknown again). */
export interface TimelineChange {
  readonly position: number;
  readonly eventId: string;
  readonly key: RelationKey;
  /** The earliest valid time whose state changed. */
  readonly from: string;
  readonly current: RelationStanding | null;
}

interface ReportRecord {
  readonly position: number;
  readonly state_change: number;
}

type ChangeParams = [
  number,
  number,
  PackedIds,
  number,
  ...{ [K in keyof StandingRecord]: StandingRecord[K] | null }[keyof StandingRecord][],
];

/** The writer's own SQL: what events place on keys, the change feed and the clock. */
class WriterStatements {
  readonly insertFact: SqliteStatement<[FactRecord]>;
  readonly factsAt: SqliteStatement<[number], { key_id: number; start_ms: number }>;
  readonly deleteFactsAt: SqliteStatement<[number]>;
  readonly reportOf: SqliteStatement<[PackedIds], ReportRecord>;
  readonly insertReport: SqliteStatement<[PackedIds, number, number]>;
  readonly deleteReport: SqliteStatement<[PackedIds]>;
  readonly insertChange: SqliteStatement<ChangeParams>;
  readonly lastRecordTime: SqliteStatement<[], number>;
  readonly saveRecordTime: SqliteStatement<[number]>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.insertFact = db.prepare(
      `INSERT OR REPLACE INTO ${t('facts')}
         (key_id, start_ms, position, event_id, type, precision, occurred, conditions)
       VALUES (@key_id, @start_ms, @position, @event_id, @type, @precision, @occurred, @conditions)`,
    );
    this.factsAt = db.prepare(`SELECT key_id, start_ms FROM ${t('facts')} WHERE position = ?`);
    this.deleteFactsAt = db.prepare(`DELETE FROM ${t('facts')} WHERE position = ?`);
    this.reportOf = db.prepare(
      `SELECT position, state_change FROM ${t('reports')} WHERE report_id = ?`,
    );
    this.insertReport = db.prepare(
      `INSERT OR REPLACE INTO ${t('reports')} (report_id, position, state_change) VALUES (?, ?, ?)`,
    );
    this.deleteReport = db.prepare(`DELETE FROM ${t('reports')} WHERE report_id = ?`);
    this.insertChange = db.prepare(
      `INSERT OR REPLACE INTO ${t('changes')} (position, key_id, event_id, from_ms, status,
         since_ms, since_precision, since_occurred, conditions, basis_chunk, basis)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastRecordTime = db
      .prepare<[], number>(`SELECT last_record_ms FROM ${t('clock')} WHERE id = 0`)
      .pluck();
    this.saveRecordTime = db.prepare(
      `INSERT INTO ${t('clock')} (id, last_record_ms) VALUES (0, ?)
       ON CONFLICT (id) DO UPDATE SET last_record_ms = excluded.last_record_ms`,
    );
  }
}

/**
 * Keeps the bitemporal rows of every key up to date, event by event: places what an event changes on
 * the keys it concerns (facts added, removed or replaced), then refolds each key from there (see
 * refoldKey). Recording in valid-time order, the common case, closes one row and writes two.
 */
export class RelationTimelineWriter implements ProjectionWriter<TimelineChange> {
  private prepared: {
    sql: WriterStatements;
    store: SqlTimelineStore;
    keys: KeyDictionary;
    conditions: ConditionDictionary;
  } | null = null;
  private lastRecordMs: number | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly tables: TableNamer,
  ) {}

  create(): void {
    createTimelineTables(this.db, this.tables);
    this.prepared = null;
  }

  drop(): void {
    dropTimelineTables(this.db, this.tables);
    this.prepared = null;
  }

  reset(): void {
    if (this.prepared) {
      this.prepared.store.reset();
      this.prepared.keys.reset();
      this.prepared.conditions.reset();
    }
    this.lastRecordMs = null;
  }

  apply(events: readonly RecordedEvent[]): TimelineChange[] {
    const { sql, store, keys } = this.parts;
    const changes: TimelineChange[] = [];
    for (const event of events) {
      const recordMs = this.recordTime(event);
      for (const placement of this.place(event)) {
        const { changedFrom, current } = refoldKey(store, store.lists, placement, recordMs);
        if (changedFrom === null) continue;
        const standing = current ? store.rows.standingRecord(current) : null;
        sql.insertChange.run(
          event.position,
          placement.keyId,
          packId(event.eventId),
          changedFrom,
          ...standingColumns(standing),
        );
        changes.push({
          position: event.position,
          eventId: event.eventId,
          key: keys.keyOf(placement.keyId),
          from: new Date(changedFrom).toISOString(),
          current: current ? lazyStanding(current) : null,
        });
      }
    }
    if (this.lastRecordMs !== null && events.length > 0) sql.saveRecordTime.run(this.lastRecordMs);
    return changes;
  }

  /** Updates the facts and reports an event changes; returns where each key's rows change. */
  private place(event: RecordedEvent): Placement[] {
    const { data } = upcast(event.type, event.schemaVersion, event.data);
    if (event.type === 'EventRetracted') return this.retract((data as EventRetractedData).retracts);
    if (event.type === 'EventCorrected') return this.correct(event, data as EventCorrectedData);
    return this.report(event, event.type as ReportType, data as ReportData);
  }

  private report(event: RecordedEvent, type: ReportType, data: ReportData): Placement[] {
    const { sql } = this.parts;
    const stateChange = isStateChangeType(type);
    sql.insertReport.run(packId(event.eventId), event.position, stateChange ? 1 : 0);
    if (!stateChange) return [];
    return this.insertFacts(event.eventId, event.position, type, data, true);
  }

  private retract(reportId: string): Placement[] {
    const { sql } = this.parts;
    const report = sql.reportOf.get(packId(reportId));
    if (!report) return [];
    const removed = this.removeFacts(report.position);
    sql.deleteReport.run(packId(reportId));
    return mergePlacements(removed);
  }

  private correct(event: RecordedEvent, data: EventCorrectedData): Placement[] {
    const { sql } = this.parts;
    const report = sql.reportOf.get(packId(data.corrects));
    if (!report) return [];
    const placements = this.removeFacts(report.position);
    const stateChange = isStateChangeType(data.replacementType);
    sql.insertReport.run(packId(data.corrects), report.position, stateChange ? 1 : 0);
    if (stateChange) {
      placements.push(
        ...this.insertFacts(
          event.eventId,
          report.position,
          data.replacementType,
          data.replacement,
          false,
        ),
      );
    }
    return mergePlacements(placements);
  }

  private removeFacts(position: number): Placement[] {
    const { sql, keys } = this.parts;
    const removed = sql.factsAt.all(position);
    sql.deleteFactsAt.run(position);
    return removed.map((f) => ({
      keyId: f.key_id,
      key: keys.keyOf(f.key_id),
      fromMs: f.start_ms,
      toMs: f.start_ms,
      added: null,
    }));
  }

  /**
   * `appended`: the facts are a new report's, later in record order than every fact of their keys, so
   * that each is folded alone onto what its key holds (a correction's take its original's place).
   */
  private insertFacts(
    eventId: string,
    position: number,
    type: ReportType,
    data: ReportData,
    appended: boolean,
  ): Placement[] {
    const { sql, keys, conditions } = this.parts;
    const start: unknown = data.occurredAt?.start;
    const startMs = typeof start === 'string' ? Date.parse(start) : NaN;
    if (Number.isNaN(startMs)) {
      throw new Error(
        `${type} ${eventId} has no valid time to place it on the timeline ` +
          `(occurredAt.start is ${JSON.stringify(start) ?? 'missing'})`,
      );
    }
    const fact: TimelineFact = {
      eventId,
      type,
      startMs,
      position,
      data: { occurredAt: data.occurredAt, conditions: data.conditions },
    };
    return pairsOf(data).map((pair) => {
      const key = pair as RelationKey;
      const keyId = keys.idOf(key);
      sql.insertFact.run(factRecord(keyId, fact, conditions));
      return { keyId, key, fromMs: startMs, toMs: startMs, added: appended ? fact : null };
    });
  }

  /**
   * Record time never goes backwards along the log, so that row versions never overlap. The latest one
   * is kept in the `clock` table, in the same transaction, so that it survives a restart or a rollback
   * even when the event that set it changed no rows.
   */
  private recordTime(event: RecordedEvent): number {
    this.lastRecordMs ??= this.parts.sql.lastRecordTime.get() ?? -Infinity;
    this.lastRecordMs = Math.max(this.lastRecordMs, Date.parse(event.metadata.recordedAt));
    return this.lastRecordMs;
  }

  private get parts() {
    if (!this.prepared) {
      const conditions = new ConditionDictionary(this.db, this.tables);
      this.prepared = {
        sql: new WriterStatements(this.db, this.tables),
        store: new SqlTimelineStore(this.db, this.tables, conditions),
        keys: new KeyDictionary(this.db, this.tables),
        conditions,
      };
    }
    return this.prepared;
  }
}

function standingColumns(standing: StandingRecord | null) {
  return [
    standing?.status ?? null,
    standing?.since_ms ?? null,
    standing?.since_precision ?? null,
    standing?.since_occurred ?? null,
    standing?.conditions ?? null,
    standing?.basis_chunk ?? null,
    standing?.basis ?? null,
  ] as const;
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
