import type { RelationKey, RelationStanding } from '@entente/domain';
import type { RecordedEvent, SqliteDatabase } from '@entente/event-store';
import type { CatchUpRun, ProjectionWriter, TableNamer } from '../runner/projection';
import { refoldKey, type KeyRefold } from './key-refold';
import { createTimelineTables, dropTimelineTables } from './relation-timeline.schema';
import { SqlTimelineStore } from './sql-timeline-store';
import { TimelineSortedRebuild } from './sorted-rebuild';
import { TimelineCatchUp } from './timeline-catch-up';
import { packId } from './timeline-codec';
import {
  ALL_FACTS_BY_RECORD_TIME,
  ConditionDictionary,
  CURATED_BY_RECORD_TIME,
  KeyDictionary,
} from './timeline-dictionaries';
import type { ReportVersion, TimelineFact } from './timeline-model';
import {
  knownSince,
  placeEvent,
  timelineData,
  type PlacementStore,
  type ReportInEffect,
} from './timeline-placement';
import { factRecord, versionRecord } from './timeline-records';
import { lazyStanding } from './timeline-rows';
import {
  reportColumns,
  reportOfRecord,
  standingColumns,
  TimelineStatements,
} from './timeline-statements';

/** A key whose timeline an event changed, with where it now stands (null: unknown again). */
export interface TimelineChange {
  readonly position: number;
  readonly eventId: string;
  readonly key: RelationKey;
  /** The earliest valid time whose state changed. */
  readonly from: string;
  readonly current: RelationStanding | null;
}

/** What one generation's writer works with; made once, on first use. */
export interface TimelineParts {
  readonly sql: TimelineStatements;
  readonly store: SqlTimelineStore;
  readonly keys: KeyDictionary;
  readonly conditions: ConditionDictionary;
}

/**
 * Keeps the bitemporal rows of every key up to date, event by event: places what an event changes on
 * the keys it concerns (facts added, removed or replaced), then refolds each key from there (see
 * refoldKey). Recording in valid-time order, the common case, closes one row and writes two. A long
 * backlog goes through TimelineCatchUp instead, and a rebuild from zero through TimelineSortedRebuild:
 * both give the same tables.
 */
export class RelationTimelineWriter implements ProjectionWriter<TimelineChange> {
  private prepared: { parts: TimelineParts; placement: PlacementStore } | null = null;
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
      const { store, keys, conditions } = this.prepared.parts;
      store.reset();
      keys.reset();
      conditions.reset();
    }
    this.lastRecordMs = null;
  }

  async catchUp(run: CatchUpRun): Promise<void> {
    try {
      // From zero, a rebuild (the runner starts it on empty tables, and empties them if it fails).
      if (run.from === 0)
        await new TimelineSortedRebuild(this.db, this.tables, this.parts).run(run);
      else await new TimelineCatchUp(this.db, this.tables, this.parts).run(run);
    } finally {
      // It wrote past what the caches hold.
      this.reset();
    }
  }

  apply(events: readonly RecordedEvent[]): TimelineChange[] {
    const { parts, placement } = this.ready;
    const { sql, store, keys } = parts;
    const changes: TimelineChange[] = [];
    for (const event of events) {
      const data = timelineData(event);
      const at = knownSince(event, data, this.recordTime(event));
      for (const { keyId, ...where } of placeEvent(event, data, at, placement)) {
        const keyAt = store.placed(keyId, at);
        const refolded = refoldKey(store, store.lists, { keyId, ...where }, keyAt);
        // Live followers hear of view 0 alone: every fact, by record time.
        if (refolded.changedFrom === null || keys.viewOf(keyId) !== ALL_FACTS_BY_RECORD_TIME)
          continue;
        insertChange(parts, event.position, keyId, packId(event.eventId), refolded);
        changes.push({
          position: event.position,
          eventId: event.eventId,
          key: keys.keyOf(keyId),
          from: new Date(refolded.changedFrom).toISOString(),
          current: refolded.current && lazyStanding(refolded.current),
        });
      }
    }
    if (this.lastRecordMs !== null && events.length > 0) sql.saveRecordTime.run(this.lastRecordMs);
    return changes;
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

  private get parts(): TimelineParts {
    return this.ready.parts;
  }

  private get ready() {
    if (!this.prepared) {
      const conditions = new ConditionDictionary(this.db, this.tables);
      const parts = {
        sql: new TimelineStatements(this.db, this.tables),
        store: new SqlTimelineStore(this.db, this.tables, conditions),
        keys: new KeyDictionary(this.db, this.tables, true),
        conditions,
      };
      this.prepared = { parts, placement: sqlPlacement(parts) };
    }
    return this.prepared;
  }
}

/** A change in the feed live followers resume from, with where the key then stood. */
export function insertChange(
  parts: TimelineParts,
  position: number,
  keyId: number,
  eventId: Buffer | string,
  refold: KeyRefold,
): void {
  parts.sql.insertChange.run(...changeRow(parts, position, keyId, eventId, refold));
}

/** A change's columns, in the table's order. */
export function changeRow(
  { store }: TimelineParts,
  position: number,
  keyId: number,
  eventId: Buffer | string,
  { changedFrom, current }: KeyRefold,
) {
  const standing = current ? store.rows.standingRecord(current) : null;
  return [position, keyId, eventId, changedFrom!, ...standingColumns(standing)] as const;
}

/** Facts and reports in the generation's tables. */
function sqlPlacement({ sql, keys, conditions, store }: TimelineParts): PlacementStore {
  return {
    reportOf(reportId: string): ReportInEffect | undefined {
      const report = sql.reportOf.get(packId(reportId));
      return report && reportOfRecord(report);
    },
    saveReport(reportId: string, report: ReportInEffect): void {
      sql.insertReport.run(packId(reportId), ...reportColumns(report));
    },
    deleteReport(reportId: string): void {
      sql.deleteReport.run(packId(reportId));
    },
    removeFactsAt(position: number) {
      const removed = sql.factsAt.all(position);
      for (const f of removed) sql.deleteFact(f.key_id, f.start_ms, position);
      return removed.map((f) => ({ keyId: f.key_id, startMs: f.start_ms }));
    },
    insertFact(keyId: number, fact: TimelineFact): void {
      sql.insertFact(factRecord(keyId, fact, conditions));
    },
    addVersion(keyId: number, version: ReportVersion): void {
      sql.insertVersion.run(versionRecord(keyId, version, conditions));
    },
    keyIdOf: (key: RelationKey) => keys.idOf(key),
    keyOf: (keyId: number) => keys.keyOf(keyId),
    unorder: (keyId: number, recordMs: number) => store.unorder(keyId, recordMs),
    curatedKeyOf: (key: RelationKey) => keys.find(key, CURATED_BY_RECORD_TIME),
    openCuratedKey(key: RelationKey): number {
      const from = keys.idOf(key);
      const to = keys.idOf(key, CURATED_BY_RECORD_TIME);
      sql.copyKey(from, to);
      return to;
    },
  };
}
