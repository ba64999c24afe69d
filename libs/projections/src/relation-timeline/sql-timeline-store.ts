import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';
import type { PackedIds } from './timeline-codec';
import type { ConditionDictionary } from './timeline-dictionaries';
import { ListCodec, type ChunkRecord, type ChunkStore } from './timeline-lists';
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
import {
  anomalyFrom,
  anomalyParams,
  factOf,
  type AnomalyRecord,
  type FactRecord,
} from './timeline-records';
import { RowCodec, type RowParams, type RowRecord } from './timeline-rows';

interface ReportOrderRecord {
  readonly reported_until: number | null;
  readonly unordered_from: number | null;
}

/**
 * Keys whose last current row (and report order) is kept in memory: enough for the busy ones, and few
 * enough to fill in the first minutes of a server's life. At 20,000 the cache kept growing for half an
 * hour of steady recording (a row holds its basis and group lists as buffers: 65 MB outside V8's heap),
 * which is a leak in all but name on a server that runs for weeks.
 */
const LAST_ROWS_KEPT = 2_000;
/** Rows and facts are read in growing chunks, so that a refold that stops early reads little. */
const FIRST_CHUNK = 8;
const LAST_CHUNK = 512;

type AnomalyParams = [
  number,
  number,
  number,
  number,
  number,
  number | null,
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
  private readonly orders = new Map<number, ReportOrder>();
  private readonly orderStatement: SqliteStatement<[number], ReportOrderRecord>;
  private readonly saveOrderStatement: SqliteStatement<[number | null, number | null, number]>;

  private readonly rowBeforeStatement: SqliteStatement<[number, number], RowRecord>;
  private readonly rowsFromStatement: SqliteStatement<[number, number, number], RowRecord>;
  private readonly closeRowStatement: SqliteStatement<
    [number, number, number, number, number, number]
  >;
  private readonly deleteRowStatement: SqliteStatement<[number, number, number, number]>;
  private readonly insertRowStatement: SqliteStatement<
    [number, number, number, number, number | null, number | null, ...RowParams]
  >;
  private readonly factsFromStatement: SqliteStatement<[number, number, number], FactRecord>;
  private readonly anomaliesAtStatement: SqliteStatement<[number, number, number], AnomalyRecord>;
  private readonly anomaliesBetweenStatement: SqliteStatement<
    [number, number, number],
    AnomalyRecord
  >;
  private readonly lastSeqStatement: SqliteStatement<[number, number], number>;
  private readonly closeAnomalyStatement: SqliteStatement<
    [number, number, number, number, number, number, number]
  >;
  private readonly deleteAnomalyStatement: SqliteStatement<
    [number, number, number, number, number]
  >;
  private readonly insertAnomalyStatement: SqliteStatement<AnomalyParams>;

  constructor(
    db: SqliteDatabase,
    t: TableNamer,
    private readonly conditions: ConditionDictionary,
  ) {
    this.lists = new ListCodec(new SqlChunkStore(db, t));
    this.orderStatement = db.prepare(
      `SELECT reported_until, unordered_from FROM ${t('keys')} WHERE key_id = ?`,
    );
    this.saveOrderStatement = db.prepare(
      `UPDATE ${t('keys')} SET reported_until = ?, unordered_from = ? WHERE key_id = ?`,
    );
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
      `UPDATE ${t('rows')} SET recorded_to = ?, end_report_lag = ?
       WHERE key_id = ? AND valid_from = ? AND recorded_from = ? AND report_lag = ?`,
    );
    this.deleteRowStatement = db.prepare(
      `DELETE FROM ${t('rows')}
       WHERE key_id = ? AND valid_from = ? AND recorded_from = ? AND report_lag = ?`,
    );
    this.insertRowStatement = db.prepare(
      `INSERT INTO ${t('rows')} (key_id, valid_from, recorded_from, report_lag, recorded_to,
         end_report_lag, status, since_ms, since_precision, since_occurred, conditions, basis_chunk, basis,
         group_chunk, group_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      `UPDATE ${t('anomalies')} SET recorded_to = ?, end_report_lag = ?
       WHERE key_id = ? AND valid_from = ? AND seq = ? AND recorded_from = ? AND report_lag = ?`,
    );
    this.deleteAnomalyStatement = db.prepare(
      `DELETE FROM ${t('anomalies')}
       WHERE key_id = ? AND valid_from = ? AND seq = ? AND recorded_from = ? AND report_lag = ?`,
    );
    this.insertAnomalyStatement = db.prepare(
      `INSERT INTO ${t('anomalies')} (key_id, valid_from, seq, recorded_from, report_lag,
         recorded_to, end_report_lag, kind, event_id, type, from_status, to_status, conflicts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Forgets what a rolled-back transaction may have left in memory. */
  reset(): void {
    this.lastRows.clear();
    this.orders.clear();
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
    this.remember(this.lastRows, keyId, row);
  }

  /** Keeps the most recently used keys' entries, within LAST_ROWS_KEPT. */
  private remember<T>(cache: Map<number, T>, keyId: number, value: T): void {
    cache.delete(keyId);
    cache.set(keyId, value);
    if (cache.size > LAST_ROWS_KEPT) cache.delete(cache.keys().next().value!);
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

  placed(keyId: number, at: KnownSince): KnownSince {
    const order = this.orderOf(keyId);
    const next = orderAfter(order, at);
    const same =
      next.reportedUntil === order.reportedUntil && next.unorderedFrom === order.unorderedFrom;
    if (!same) this.saveOrder(keyId, next);
    return knownBy(next, at);
  }

  unorder(keyId: number, recordMs: number): void {
    const order = this.orderOf(keyId);
    if (order.unorderedFrom === null) this.saveOrder(keyId, { ...order, unorderedFrom: recordMs });
  }

  /** Where a key's report order stands, as stored. */
  orderOf(keyId: number): ReportOrder {
    const cached = this.orders.get(keyId);
    if (cached) return cached;
    const record = this.orderStatement.get(keyId);
    const order = {
      reportedUntil: record?.reported_until ?? null,
      unorderedFrom: record?.unordered_from ?? null,
    };
    this.remember(this.orders, keyId, order);
    return order;
  }

  saveOrder(keyId: number, order: ReportOrder): void {
    this.saveOrderStatement.run(order.reportedUntil, order.unorderedFrom, keyId);
    this.remember(this.orders, keyId, order);
  }

  closeRow(keyId: number, row: StoredRow, at: KnownSince): void {
    const lag = row.recordedFrom - row.reportedFrom;
    if (neverSeen(row, at)) {
      this.deleteRowStatement.run(keyId, row.validFrom, row.recordedFrom, lag);
    } else {
      const end = at.recordMs - at.reportMs;
      this.closeRowStatement.run(at.recordMs, end, keyId, row.validFrom, row.recordedFrom, lag);
    }
  }

  /** `ended`: a version that is already over, as a one-pass catch-up writes them. */
  insertRow(
    keyId: number,
    row: TimelineRow,
    at: KnownSince,
    ended: KnownSince | null = null,
  ): StoredRow {
    const params = this.rows.rowParams(row);
    this.insertRowStatement.run(keyId, row.validFrom, ...versionColumns(at, ended), ...params);
    return { ...row, recordedFrom: at.recordMs, reportedFrom: at.reportMs };
  }

  closeAnomaly(keyId: number, anomaly: StoredAnomaly, at: KnownSince): void {
    const { validFrom, seq, recordedFrom } = anomaly;
    const lag = recordedFrom - anomaly.reportedFrom;
    if (neverSeen(anomaly, at)) {
      this.deleteAnomalyStatement.run(keyId, validFrom, seq, recordedFrom, lag);
    } else {
      const end = at.recordMs - at.reportMs;
      this.closeAnomalyStatement.run(at.recordMs, end, keyId, validFrom, seq, recordedFrom, lag);
    }
  }

  insertAnomaly(
    keyId: number,
    anomaly: TimelineAnomaly,
    at: KnownSince,
    ended: KnownSince | null = null,
  ): void {
    const { validFrom, seq } = anomaly;
    this.insertAnomalyStatement.run(
      keyId,
      validFrom,
      seq,
      ...versionColumns(at, ended),
      ...anomalyParams(anomaly),
    );
  }
}

/** A version begun and ended at one instant on both axes was never seen: it is dropped, not closed. */
export function neverSeen(version: Versioned, at: KnownSince): boolean {
  return version.recordedFrom === at.recordMs && version.reportedFrom === at.reportMs;
}

/** Record times, and how long before each the event was reported (0 most often). */
function versionColumns(
  at: KnownSince,
  ended: KnownSince | null,
): [number, number, number | null, number | null] {
  return [
    at.recordMs,
    at.recordMs - at.reportMs,
    ended?.recordMs ?? null,
    ended ? ended.recordMs - ended.reportMs : null,
  ];
}
