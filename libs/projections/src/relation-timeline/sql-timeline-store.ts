import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';
import type { PackedIds } from './timeline-codec';
import type { ConditionDictionary } from './timeline-dictionaries';
import { ListCodec, type ChunkRecord, type ChunkStore } from './timeline-lists';
import type {
  StoredAnomaly,
  StoredRow,
  TimelineAnomaly,
  TimelineFact,
  TimelineRow,
  TimelineStore,
} from './timeline-model';
import {
  anomalyFrom,
  anomalyParams,
  factOf,
  type AnomalyRecord,
  type FactRecord,
} from './timeline-records';
import { RowCodec, type RowParams, type RowRecord } from './timeline-rows';

/** Keys whose last current row is kept in memory: enough for the busy ones, bounded for the rest. */
const LAST_ROWS_KEPT = 20_000;
/** Rows and facts are read in growing chunks, so that a refold that stops early reads little. */
const FIRST_CHUNK = 8;
const LAST_CHUNK = 512;

type AnomalyParams = [
  number,
  number,
  number,
  number,
  number | null,
  ...ReturnType<typeof anomalyParams>,
];

/** The chunks of long lists, in the generation's `lists` table. */
export class SqlChunkStore implements ChunkStore {
  private readonly read: SqliteStatement<
    [Buffer],
    { before: Buffer | null; items: PackedIds; length: number }
  >;
  private readonly write: SqliteStatement<[Buffer, Buffer | null, PackedIds, number]>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.read = db.prepare(`SELECT before, items, length FROM ${t('lists')} WHERE chunk_id = ?`);
    this.write = db.prepare(
      `INSERT OR IGNORE INTO ${t('lists')} (chunk_id, before, items, length) VALUES (?, ?, ?, ?)`,
    );
  }

  readChunk(id: Buffer): ChunkRecord {
    const chunk = this.read.get(id);
    if (!chunk) throw new Error(`timeline list chunk ${id.toString('hex')} is missing`);
    return chunk;
  }

  writeChunk(id: Buffer, chunk: ChunkRecord): void {
    this.write.run(id, chunk.before, chunk.items, chunk.length);
  }
}

/** The current timeline of one generation, in its SQLite tables, as the incremental writer refolds it. */
export class SqlTimelineStore implements TimelineStore {
  readonly lists: ListCodec;
  readonly rows: RowCodec;
  /** The last current row of recently changed keys (null: the key has none), as stored. */
  private readonly lastRows = new Map<number, StoredRow | null>();

  private readonly rowBeforeStatement: SqliteStatement<[number, number], RowRecord>;
  private readonly rowsFromStatement: SqliteStatement<[number, number, number], RowRecord>;
  private readonly closeRowStatement: SqliteStatement<[number, number, number, number]>;
  private readonly deleteRowStatement: SqliteStatement<[number, number, number]>;
  private readonly insertRowStatement: SqliteStatement<
    [number, number, number, number | null, ...RowParams]
  >;
  private readonly factsFromStatement: SqliteStatement<[number, number, number], FactRecord>;
  private readonly anomaliesAtStatement: SqliteStatement<[number, number, number], AnomalyRecord>;
  private readonly anomaliesBetweenStatement: SqliteStatement<
    [number, number, number],
    AnomalyRecord
  >;
  private readonly lastSeqStatement: SqliteStatement<[number, number], number>;
  private readonly closeAnomalyStatement: SqliteStatement<[number, number, number, number, number]>;
  private readonly deleteAnomalyStatement: SqliteStatement<[number, number, number, number]>;
  private readonly insertAnomalyStatement: SqliteStatement<AnomalyParams>;

  constructor(
    db: SqliteDatabase,
    t: TableNamer,
    private readonly conditions: ConditionDictionary,
  ) {
    this.lists = new ListCodec(new SqlChunkStore(db, t));
    this.rows = new RowCodec(this.lists, conditions);
    this.rowBeforeStatement = db.prepare(
      `SELECT * FROM ${t('rows')} WHERE key_id = ? AND valid_from < ? AND recorded_to IS NULL
       ORDER BY valid_from DESC LIMIT 1`,
    );
    this.rowsFromStatement = db.prepare(
      `SELECT * FROM ${t('rows')} WHERE key_id = ? AND valid_from >= ? AND recorded_to IS NULL
       ORDER BY valid_from LIMIT ?`,
    );
    this.closeRowStatement = db.prepare(
      `UPDATE ${t('rows')} SET recorded_to = ?
       WHERE key_id = ? AND valid_from = ? AND recorded_from = ?`,
    );
    this.deleteRowStatement = db.prepare(
      `DELETE FROM ${t('rows')} WHERE key_id = ? AND valid_from = ? AND recorded_from = ?`,
    );
    this.insertRowStatement = db.prepare(
      `INSERT INTO ${t('rows')} (key_id, valid_from, recorded_from, recorded_to, status, since_ms,
         since_precision, since_occurred, conditions, basis_chunk, basis, group_chunk, group_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.factsFromStatement = db.prepare(
      `SELECT * FROM ${t('facts')} WHERE key_id = ? AND start_ms >= ?
       ORDER BY start_ms, position LIMIT ?`,
    );
    this.anomaliesAtStatement = db.prepare(
      `SELECT * FROM ${t('anomalies')}
       WHERE key_id = ? AND valid_from = ? AND seq >= ? AND recorded_to IS NULL ORDER BY seq`,
    );
    this.anomaliesBetweenStatement = db.prepare(
      `SELECT * FROM ${t('anomalies')}
       WHERE key_id = ? AND valid_from > ? AND valid_from <= ? AND recorded_to IS NULL
       ORDER BY valid_from, seq`,
    );
    this.lastSeqStatement = db
      .prepare<[number, number], number>(
        `SELECT seq FROM ${t('anomalies')}
         WHERE key_id = ? AND valid_from = ? AND recorded_to IS NULL ORDER BY seq DESC LIMIT 1`,
      )
      .pluck();
    this.closeAnomalyStatement = db.prepare(
      `UPDATE ${t('anomalies')} SET recorded_to = ?
       WHERE key_id = ? AND valid_from = ? AND seq = ? AND recorded_from = ?`,
    );
    this.deleteAnomalyStatement = db.prepare(
      `DELETE FROM ${t('anomalies')}
       WHERE key_id = ? AND valid_from = ? AND seq = ? AND recorded_from = ?`,
    );
    this.insertAnomalyStatement = db.prepare(
      `INSERT INTO ${t('anomalies')} (key_id, valid_from, seq, recorded_from, recorded_to, kind,
         event_id, type, from_status, to_status, conflicts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Forgets what a rolled-back transaction may have left in memory. */
  reset(): void {
    this.lastRows.clear();
    this.lists.reset();
    this.rows.reset();
  }

  rowBefore(keyId: number, ms: number): StoredRow | null {
    const record = this.rowBeforeStatement.get(keyId, ms);
    return record ? this.rows.rowOf(record) : null;
  }

  *rowsFrom(keyId: number, ms: number): Generator<StoredRow, void, undefined> {
    let from = ms;
    let limit = FIRST_CHUNK;
    for (;;) {
      const chunk = this.rowsFromStatement.all(keyId, from, limit);
      for (const record of chunk) yield this.rows.rowOf(record);
      if (chunk.length < limit) return;
      from = chunk[chunk.length - 1].valid_from + 1;
      limit = Math.min(limit * 2, LAST_CHUNK);
    }
  }

  lastRow(keyId: number): StoredRow | null {
    const cached = this.lastRows.get(keyId);
    if (cached !== undefined) return cached;
    const last = this.rowBefore(keyId, Number.MAX_SAFE_INTEGER);
    this.rememberLast(keyId, last);
    return last;
  }

  rememberLast(keyId: number, row: StoredRow | null): void {
    this.lastRows.delete(keyId);
    this.lastRows.set(keyId, row);
    if (this.lastRows.size > LAST_ROWS_KEPT)
      this.lastRows.delete(this.lastRows.keys().next().value!);
  }

  *factGroupsFrom(keyId: number, ms: number): Generator<TimelineFact[], void, undefined> {
    let from = ms;
    let limit = FIRST_CHUNK;
    for (;;) {
      const chunk = this.factsFromStatement.all(keyId, from, limit);
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
        yield chunk.slice(i, j).map((record) => factOf(record, this.conditions));
        i = j;
      }
      if (complete) return;
      from = chunk[end].start_ms;
      limit = Math.min(limit * 2, LAST_CHUNK);
    }
  }

  anomaliesAt(keyId: number, ms: number, fromSeq: number): StoredAnomaly[] {
    return this.anomaliesAtStatement.all(keyId, ms, fromSeq).map(anomalyFrom);
  }

  anomaliesBetween(keyId: number, afterMs: number, toMs: number): StoredAnomaly[] {
    return this.anomaliesBetweenStatement.all(keyId, afterMs, toMs).map(anomalyFrom);
  }

  anomalyCount(keyId: number, ms: number): number {
    return (this.lastSeqStatement.get(keyId, ms) ?? -1) + 1;
  }

  closeRow(keyId: number, row: StoredRow, recordMs: number): void {
    if (row.recordedFrom === recordMs) {
      this.deleteRowStatement.run(keyId, row.validFrom, row.recordedFrom);
    } else {
      this.closeRowStatement.run(recordMs, keyId, row.validFrom, row.recordedFrom);
    }
  }

  /** `recordedTo`: a version that is already over, as a one-pass catch-up writes them. */
  insertRow(
    keyId: number,
    row: TimelineRow,
    recordMs: number,
    recordedTo: number | null = null,
  ): StoredRow {
    const params = this.rows.rowParams(row);
    this.insertRowStatement.run(keyId, row.validFrom, recordMs, recordedTo, ...params);
    return { ...row, recordedFrom: recordMs };
  }

  closeAnomaly(keyId: number, anomaly: StoredAnomaly, recordMs: number): void {
    const { validFrom, seq, recordedFrom } = anomaly;
    if (recordedFrom === recordMs) {
      this.deleteAnomalyStatement.run(keyId, validFrom, seq, recordedFrom);
    } else {
      this.closeAnomalyStatement.run(recordMs, keyId, validFrom, seq, recordedFrom);
    }
  }

  insertAnomaly(
    keyId: number,
    anomaly: TimelineAnomaly,
    recordMs: number,
    recordedTo: number | null = null,
  ): void {
    const { validFrom, seq } = anomaly;
    this.insertAnomalyStatement.run(
      keyId,
      validFrom,
      seq,
      recordMs,
      recordedTo,
      ...anomalyParams(anomaly),
    );
  }
}
