import type { SqliteDatabase } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';
import type { TimelineParts } from './relation-timeline.writer';
import type { StoredAnomaly, StoredRow, TimelineFact } from './timeline-model';
import { anomalyFrom, factOf, type AnomalyRecord, type FactRecord } from './timeline-records';
import type { RowRecord } from './timeline-rows';

/** A key's current timeline as the tables hold it, read only as far as a refold needs it. */
export interface KeyTables {
  /** The key's last current row starting before `ms` (null: it has none). */
  rowBefore(keyId: number, ms: number): StoredRow | null;
  /** Its current rows starting in [from, to), in order. */
  rowsBetween(keyId: number, from: number, to: number): StoredRow[];
  /** Its facts starting in [from, to), in fold order. */
  factsBetween(keyId: number, from: number, to: number): TimelineFact[];
  /** Its facts of the report at `position`. */
  factsAt(keyId: number, position: number): TimelineFact[];
  anomalies(keyId: number): StoredAnomaly[];
  /** Whether it holds the fact of the report at `position` starting at `startMs`. */
  hasFact(keyId: number, startMs: number, position: number): boolean;
}

/** The key tables of one generation, in SQLite. */
export function sqlKeyTables(
  db: SqliteDatabase,
  t: TableNamer,
  { store, conditions }: TimelineParts,
): KeyTables {
  const rowsBetween = db.prepare<[number, number, number], RowRecord>(
    `SELECT * FROM ${t('rows')}
     WHERE key_id = ? AND valid_from >= ? AND valid_from < ? AND recorded_to IS NULL
     ORDER BY valid_from`,
  );
  const factsBetween = db.prepare<[number, number, number], FactRecord>(
    `SELECT * FROM ${t('facts')} WHERE key_id = ? AND start_ms >= ? AND start_ms < ?
     ORDER BY start_ms, position`,
  );
  const factsAt = db.prepare<[number, number], FactRecord>(
    `SELECT f.* FROM ${t('fact_positions')} p
     JOIN ${t('facts')} f ON f.key_id = p.key_id AND f.start_ms = p.start_ms AND f.position = p.position
     WHERE p.position = ? AND p.key_id = ? ORDER BY p.start_ms`,
  );
  const anomalies = db.prepare<[number], AnomalyRecord>(
    `SELECT * FROM ${t('anomalies')} WHERE key_id = ? AND recorded_to IS NULL
     ORDER BY valid_from, seq`,
  );
  const hasFact = db
    .prepare<[number, number, number], number>(
      `SELECT 1 FROM ${t('facts')} WHERE key_id = ? AND start_ms = ? AND position = ?`,
    )
    .pluck();
  const fact = (record: FactRecord) => factOf(record, conditions);
  return {
    rowBefore: (keyId, ms) => store.rowBefore(keyId, bound(ms)),
    rowsBetween: (keyId, from, to) =>
      rowsBetween.all(keyId, bound(from), bound(to)).map((record) => store.rows.rowOf(record)),
    factsBetween: (keyId, from, to) => factsBetween.all(keyId, bound(from), bound(to)).map(fact),
    factsAt: (keyId, position) => factsAt.all(position, keyId).map(fact),
    anomalies: (keyId) => anomalies.all(keyId).map(anomalyFrom),
    hasFact: (keyId, startMs, position) => hasFact.get(keyId, startMs, position) !== undefined,
  };
}

/** Times as SQLite compares them: the infinities as the farthest safe integers. */
function bound(ms: number): number {
  return Math.max(Number.MIN_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, ms));
}
