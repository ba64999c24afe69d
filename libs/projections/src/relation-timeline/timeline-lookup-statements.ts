import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';
import { SqlChunkStore } from './sql-timeline-store';
import { ConditionDictionary, KeyDictionary } from './timeline-dictionaries';
import { ListCodec } from './timeline-lists';
import {
  RETRACTION,
  VERSION_WITH_FACT,
  type AnomalyRecord,
  type VersionFactRecord,
} from './timeline-records';
import { RowCodec, type RowRecord, type StandingRecord } from './timeline-rows';

/*
 * The statements a timeline lookup runs on one generation, and the knowledge limits they take.
 */

/** An open version's end, and no limit on valid time, as SQLite compares them. */
export const FOREVER = Number.MAX_SAFE_INTEGER;

/** The columns a (T, K) lookup reads of a row: each column more is a value built per lookup. */
const FOUND = `valid_from, status, since_ms, since_precision, since_occurred, conditions, basis_chunk,
  basis`;
export type FoundRow = Pick<RowRecord, 'valid_from' | keyof StandingRecord>;

export interface KeyRecord {
  readonly actor: string;
  readonly target: string;
  readonly channel: string;
}

export interface ChangeRow extends KeyRecord, Partial<StandingRecord> {
  readonly position: number;
  readonly event_id: Buffer | string;
  readonly from_ms: number;
}

/**
 * A statement over the versions known at K (by record time), and its twin over those known at both K
 * and R (reported by R as well): see the schema on why the second holds while a key's events come in
 * report order.
 */
export interface Known<Params extends unknown[], Row> {
  readonly atK: SqliteStatement<[...Params, number, number], Row>;
  readonly atKR: SqliteStatement<[...Params, number, number, number, number], Row>;
}

const AT_K = `recorded_from <= ? AND coalesce(recorded_to, ${FOREVER}) > ?`;
const AT_K_AND_R = `recorded_from <= ? AND recorded_from - report_lag <= ?
  AND (coalesce(recorded_to, ${FOREVER}) > ? OR coalesce(recorded_to - end_report_lag, ${FOREVER}) > ?)`;

export function known<Params extends unknown[], Row>(
  db: SqliteDatabase,
  sql: (condition: string) => string,
): Known<Params, Row> {
  return { atK: db.prepare(sql(AT_K)), atKR: db.prepare(sql(AT_K_AND_R)) };
}

/**
 * What is known at K, or at K and R (a report limit at or after K limits nothing more), and whether from
 * curated facts only.
 */
export interface Knowledge {
  readonly knownAt: number;
  readonly reportedBy?: number | null;
  readonly curatedOnly?: boolean;
}

export function reportLimit({ knownAt, reportedBy }: Knowledge): number | null {
  return reportedBy === undefined || reportedBy === null || reportedBy >= knownAt
    ? null
    : reportedBy;
}

export function runKnown<Params extends unknown[], Row>(
  statement: Known<Params, Row>,
  knowledge: Knowledge,
  ...params: Params
): Row[] {
  const k = knowledge.knownAt;
  const r = reportLimit(knowledge);
  return r === null
    ? statement.atK.all(...params, k, k)
    : statement.atKR.all(...params, k, r, k, r);
}

export class LookupStatements {
  readonly keys: KeyDictionary;
  readonly conditions: ConditionDictionary;
  readonly rows: RowCodec;
  readonly lists: ListCodec;
  readonly keysOfPair: SqliteStatement<[string, string, number], KeyRecord>;
  readonly keysOfActor: SqliteStatement<[string, number, string, number], KeyRecord>;
  readonly unorderedFrom: SqliteStatement<[number], number | null>;
  readonly rowAt: Known<[number, number], FoundRow>;
  readonly rowsAt: Known<[number], RowRecord>;
  readonly groupAt: Known<[number, number], RowRecord>;
  readonly anomaliesAt: Known<[number, number], AnomalyRecord>;
  readonly changesAfter: SqliteStatement<[number, number, number], ChangeRow>;
  readonly factsKnown: SqliteStatement<[FactsKnownParams], VersionFactRecord>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.keys = new KeyDictionary(db, t);
    this.lists = new ListCodec(new SqlChunkStore(db, t));
    this.conditions = new ConditionDictionary(db, t);
    this.rows = new RowCodec(this.lists, this.conditions);
    this.keysOfPair = db.prepare(
      `SELECT actor, target, channel FROM ${t('keys')} WHERE actor = ? AND target = ? AND view = ?
       ORDER BY channel`,
    );
    this.keysOfActor = db.prepare(
      `SELECT actor, target, channel FROM ${t('keys')} WHERE actor = ? AND view = ?
       UNION SELECT actor, target, channel FROM ${t('keys')} WHERE target = ? AND view = ?
       ORDER BY actor, target, channel`,
    );
    this.unorderedFrom = db
      .prepare<[number], number | null>(`SELECT unordered_from FROM ${t('keys')} WHERE key_id = ?`)
      .pluck();
    // The rows alive at K partition valid time: the one holding at T is the latest begun by T.
    this.rowAt = known(
      db,
      (
        alive,
      ) => `SELECT ${FOUND} FROM ${t('rows')} WHERE key_id = ? AND valid_from <= ? AND ${alive}
        ORDER BY valid_from DESC LIMIT 1`,
    );
    this.rowsAt = known(
      db,
      (alive) => `SELECT * FROM ${t('rows')} WHERE key_id = ? AND ${alive} ORDER BY valid_from`,
    );
    this.groupAt = known(
      db,
      (alive) => `SELECT * FROM ${t('rows')} WHERE key_id = ? AND valid_from = ? AND ${alive}`,
    );
    this.anomaliesAt = known(
      db,
      (alive) => `SELECT * FROM ${t('anomalies')} WHERE key_id = ? AND valid_from <= ? AND ${alive}
        ORDER BY valid_from, seq`,
    );
    // What the domain's classifyFacts keeps, from a key's versions of reports: a retraction known
    // removes its report, else the latest version known stands (and counts here if it holds a fact on
    // the key, curated when asked). Only those starting by T are read: a key may hold thousands.
    this.factsKnown = db.prepare(
      `WITH standing AS (
         SELECT report_position, max(CASE WHEN kind <> ${RETRACTION} THEN position END) AS position,
           max(kind = ${RETRACTION}) AS retracted
         FROM ${t('versions')}
         WHERE key_id = @keyId AND recorded_ms <= @knownAt AND recorded_ms - report_lag <= @reportedBy
         GROUP BY report_position)
       SELECT v.report_position, v.start_ms, v.event_id, v.type, v.precision, v.occurred, v.conditions
       FROM standing s JOIN ${t('versions')} v ON v.key_id = @keyId AND v.position = s.position
       WHERE NOT s.retracted AND v.kind = ${VERSION_WITH_FACT} AND v.start_ms <= @startsBy
         AND (@curatedOnly = 0 OR v.machine = 0)
       ORDER BY v.start_ms, v.report_position`,
    );
    this.changesAfter = db.prepare(
      `SELECT c.position, c.event_id, c.from_ms, c.status, c.since_ms, c.since_precision,
         c.since_occurred, c.conditions, c.basis_chunk, c.basis, k.actor, k.target, k.channel
       FROM ${t('changes')} c JOIN ${t('keys')} k ON k.key_id = c.key_id
       WHERE c.position > ? AND c.position <= ? ORDER BY c.position, c.key_id LIMIT ?`,
    );
  }
}

export interface FactsKnownParams {
  readonly keyId: number;
  readonly knownAt: number;
  readonly reportedBy: number;
  readonly startsBy: number;
  readonly curatedOnly: 0 | 1;
}
