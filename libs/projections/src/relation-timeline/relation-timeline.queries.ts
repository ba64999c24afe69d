import {
  anomalyMessage,
  materializeStanding,
  toArray,
  type Anomaly,
  type RelationInterval,
  type RelationKey,
  type RelationStanding,
  type RelationStateAt,
} from '@entente/domain';
import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { LiveGeneration } from '../runner/projection-manager';
import type { TableNamer } from '../runner/projection';
import { SqlChunkStore } from './sql-timeline-store';
import { unpackId } from './timeline-codec';
import {
  ALL_FACTS_BY_RECORD_TIME,
  ConditionDictionary,
  KeyDictionary,
} from './timeline-dictionaries';
import { ListCodec } from './timeline-lists';
import { anomalyFrom, type AnomalyRecord } from './timeline-records';
import { RowCodec, type RowRecord, type StandingRecord } from './timeline-rows';

/** The domain's answer, found by index lookups instead of a fold. */
export type StateAt = RelationStateAt;

export interface ChangeRecord {
  readonly position: number;
  readonly eventId: string;
  readonly key: RelationKey;
  readonly from: string;
  readonly current: RelationStanding | null;
}

export const UNKNOWN: StateAt = {
  status: 'unknown',
  since: null,
  sinceOccurredAt: null,
  approximate: false,
  conditions: [],
  basis: [],
  anomalies: [],
};

const FOREVER = Number.MAX_SAFE_INTEGER;

/** The columns a (T, K) lookup reads of a row: each column more is a value built per lookup. */
const FOUND = `valid_from, status, since_ms, since_precision, since_occurred, conditions, basis_chunk,
  basis`;
type FoundRow = Pick<RowRecord, 'valid_from' | keyof StandingRecord>;

interface KeyRecord {
  readonly actor: string;
  readonly target: string;
  readonly channel: string;
}

interface ChangeRow extends KeyRecord, Partial<StandingRecord> {
  readonly position: number;
  readonly event_id: Buffer | string;
  readonly from_ms: number;
}

class Statements {
  readonly keys: KeyDictionary;
  readonly rows: RowCodec;
  readonly lists: ListCodec;
  readonly keysOfPair: SqliteStatement<[string, string, number], KeyRecord>;
  readonly keysOfActor: SqliteStatement<[string, number, string, number], KeyRecord>;
  readonly rowAt: SqliteStatement<[number, number, number, number], FoundRow>;
  readonly rowsAt: SqliteStatement<[number, number, number], RowRecord>;
  readonly groupAt: SqliteStatement<[number, number, number, number], RowRecord>;
  readonly anomaliesAt: SqliteStatement<[number, number, number, number], AnomalyRecord>;
  readonly changesAfter: SqliteStatement<[number, number, number], ChangeRow>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.keys = new KeyDictionary(db, t);
    this.lists = new ListCodec(new SqlChunkStore(db, t));
    this.rows = new RowCodec(this.lists, new ConditionDictionary(db, t));
    this.keysOfPair = db.prepare(
      `SELECT actor, target, channel FROM ${t('keys')} WHERE actor = ? AND target = ? AND view = ?
       ORDER BY channel`,
    );
    this.keysOfActor = db.prepare(
      `SELECT actor, target, channel FROM ${t('keys')} WHERE actor = ? AND view = ?
       UNION SELECT actor, target, channel FROM ${t('keys')} WHERE target = ? AND view = ?
       ORDER BY actor, target, channel`,
    );
    // The rows alive at K partition valid time: the one holding at T is the latest begun by T.
    this.rowAt = db.prepare(
      `SELECT ${FOUND} FROM ${t('rows')}
       WHERE key_id = ? AND valid_from <= ? AND recorded_from <= ?
         AND coalesce(recorded_to, ${FOREVER}) > ?
       ORDER BY valid_from DESC LIMIT 1`,
    );
    this.rowsAt = db.prepare(
      `SELECT * FROM ${t('rows')}
       WHERE key_id = ? AND recorded_from <= ? AND coalesce(recorded_to, ${FOREVER}) > ?
       ORDER BY valid_from`,
    );
    this.groupAt = db.prepare(
      `SELECT * FROM ${t('rows')}
       WHERE key_id = ? AND valid_from = ? AND recorded_from <= ?
         AND coalesce(recorded_to, ${FOREVER}) > ?`,
    );
    this.anomaliesAt = db.prepare(
      `SELECT * FROM ${t('anomalies')}
       WHERE key_id = ? AND valid_from <= ?
         AND recorded_from <= ? AND coalesce(recorded_to, ${FOREVER}) > ?
       ORDER BY valid_from, seq`,
    );
    this.changesAfter = db.prepare(
      `SELECT c.position, c.event_id, c.from_ms, c.status, c.since_ms, c.since_precision,
         c.since_occurred, c.conditions, c.basis_chunk, c.basis, k.actor, k.target, k.channel
       FROM ${t('changes')} c JOIN ${t('keys')} k ON k.key_id = c.key_id
       WHERE c.position > ? AND c.position <= ? ORDER BY c.position, c.key_id LIMIT ?`,
    );
  }
}

/**
 * Answers from the live generation of the timeline: the state at (T, K) by index lookups, never by
 * replaying events. Times are epoch milliseconds.
 */
export class RelationTimelineQueries {
  private cached: { generation: number; statements: Statements } | null = null;

  private readonly begin: SqliteStatement<[]>;
  private readonly commit: SqliteStatement<[]>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly live: () => LiveGeneration,
  ) {
    this.begin = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
  }

  stateAt(key: RelationKey, atMs: number, knownAtMs: number): StateAt {
    return this.statesAt([key], atMs, knownAtMs)[0];
  }

  /**
   * The state of each key at (T, K), read in one transaction: one snapshot for all of them, and one
   * lock taken instead of one per statement (in WAL mode that lock is most of a small lookup's cost).
   */
  statesAt(keys: readonly RelationKey[], atMs: number, knownAtMs: number): StateAt[] {
    return this.inOneRead(() => keys.map((key) => this.lookUp(key, atMs, knownAtMs)));
  }

  /** The channels with anything recorded for the pair, whether known at a given time or not. */
  channelsOf(actor: string, target: string): RelationKey[] {
    return this.sql.keysOfPair.all(actor, target, ALL_FACTS_BY_RECORD_TIME);
  }

  /** Every key where the actor is either side. */
  keysOf(actor: string): RelationKey[] {
    const view = ALL_FACTS_BY_RECORD_TIME;
    return this.sql.keysOfActor.all(actor, view, actor, view);
  }

  /** The timeline as known at K: consecutive rows with one status and one `since` make one interval. */
  timeline(key: RelationKey, knownAtMs: number): RelationInterval[] {
    const sql = this.sql;
    const keyId = sql.keys.find(key);
    if (keyId === undefined) return [];
    const intervals: RelationInterval[] = [];
    const rows = sql.rowsAt.all(keyId, knownAtMs, knownAtMs);
    rows.forEach((record, i) => {
      const state = materializeStanding(sql.rows.standingOf(record, record.valid_from));
      const last = intervals.at(-1);
      const next = rows[i + 1];
      const to = next ? new Date(next.valid_from).toISOString() : null;
      if (last && last.status === state.status && last.from === state.since) {
        intervals[intervals.length - 1] = {
          ...last,
          to,
          conditions: state.conditions,
          basis: state.basis,
        };
        return;
      }
      if (state.since === null) return;
      intervals.push({
        channel: key.channel,
        status: state.status,
        from: state.since,
        to,
        eventId: state.basis[0],
        approximate: state.approximate,
        conditions: state.conditions,
        basis: state.basis,
      });
    });
    return intervals;
  }

  /** Timeline changes after `after` up to `until`, in position order. */
  changesAfter(after: number, until: number, limit = 1000): ChangeRecord[] {
    const sql = this.sql;
    return sql.changesAfter.all(after, until, limit).map((row) => ({
      position: row.position,
      eventId: unpackId(row.event_id),
      key: { actor: row.actor, target: row.target, channel: row.channel },
      from: new Date(row.from_ms).toISOString(),
      current:
        row.status === null || row.status === undefined
          ? null
          : materializeStanding(sql.rows.standingOf(row as StandingRecord)),
    }));
  }

  private lookUp(key: RelationKey, atMs: number, knownAtMs: number): StateAt {
    const keyId = this.sql.keys.find(key);
    if (keyId === undefined) return UNKNOWN;
    const row = this.rowAt(keyId, atMs, knownAtMs);
    return row ? this.stateOf(keyId, row, knownAtMs) : UNKNOWN;
  }

  private inOneRead<T>(read: () => T): T {
    if (this.db.inTransaction) return read();
    this.begin.run();
    try {
      return read();
    } finally {
      this.commit.run();
    }
  }

  private rowAt(keyId: number, atMs: number, knownAtMs: number): FoundRow | undefined {
    return this.sql.rowAt.get(keyId, atMs, knownAtMs, knownAtMs);
  }

  /** The row's standing, with the anomalies of every fact up to its start. */
  private stateOf(keyId: number, row: FoundRow, knownAtMs: number): StateAt {
    const sql = this.sql;
    const standing = materializeStanding(sql.rows.standingOf(row, row.valid_from));
    const anomalies = sql.anomaliesAt
      .all(keyId, row.valid_from, knownAtMs, knownAtMs)
      .map((record) => this.anomalyOf(keyId, anomalyFrom(record), knownAtMs));
    return { ...standing, anomalies };
  }

  private anomalyOf(
    keyId: number,
    stored: ReturnType<typeof anomalyFrom>,
    knownAtMs: number,
  ): Anomaly {
    const { kind, eventId, type, from, to, conflicts, validFrom } = stored;
    let conflictsWith: string[] = [];
    if (conflicts !== null) {
      // The facts it conflicts with are the first of its group, as its row lists them.
      const row = this.sql.groupAt.get(keyId, validFrom, knownAtMs, knownAtMs)!;
      conflictsWith = toArray(this.sql.rows.rowOf(row).group).slice(0, conflicts);
    }
    return {
      kind,
      eventId,
      type,
      from,
      to,
      conflictsWith,
      message: anomalyMessage(kind, type, from, to),
    };
  }

  private get sql(): Statements {
    const { generation, tables } = this.live();
    if (this.cached?.generation !== generation) {
      this.cached = { generation, statements: new Statements(this.db, tables) };
    }
    return this.cached.statements;
  }
}
