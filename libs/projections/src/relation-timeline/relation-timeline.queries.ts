import {
  initialRelationState,
  type Anomaly,
  type RelationInterval,
  type RelationKey,
  type RelationStanding,
  type RelationState,
  type RelationStateAt,
} from '@entente/domain';
import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { LiveGeneration } from '../runner/projection-manager';
import type { TableNamer } from '../runner/projection';
import type { KeyRecord, RowRecord } from './timeline-statements';

/** The domain's answer, found by index lookups instead of a fold. */
export type StateAt = RelationStateAt;

export interface ChangeRecord {
  readonly position: number;
  readonly eventId: string;
  readonly key: RelationKey;
  readonly from: string;
  readonly current: RelationStanding | null;
}

const { group: _group, ...unknown } = initialRelationState;
export const UNKNOWN: StateAt = unknown;

const FOREVER = Number.MAX_SAFE_INTEGER;

class Statements {
  readonly keyId: SqliteStatement<[string, string, string], number>;
  readonly keysOfPair: SqliteStatement<[string, string], KeyRecord>;
  readonly keysOfActor: SqliteStatement<[string, string], KeyRecord>;
  readonly openRowAt: SqliteStatement<[number, number], FoundRow>;
  readonly rowAt: SqliteStatement<[number, number, number, number, number], FoundRow>;
  readonly rowsAt: SqliteStatement<[number, number, number], RowRecord>;
  readonly changesAfter: SqliteStatement<[number, number, number], ChangeRow>;
  /** The anomalies added at the starts up to a row's. */
  readonly anomaliesAt: SqliteStatement<[number, number, number, number], string>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.keyId = db
      .prepare<[string, string, string], number>(
        `SELECT key_id FROM ${t('keys')} WHERE actor = ? AND target = ? AND channel = ?`,
      )
      .pluck();
    this.keysOfPair = db.prepare(
      `SELECT * FROM ${t('keys')} WHERE actor = ? AND target = ? ORDER BY channel`,
    );
    this.keysOfActor = db.prepare(
      `SELECT * FROM ${t('keys')} WHERE actor = ?
       UNION SELECT * FROM ${t('keys')} WHERE target = ?
       ORDER BY actor, target, channel`,
    );
    // At any record time one open-ended row is alive per key: the latest begun by then, unless closed.
    this.openRowAt = db.prepare(
      `SELECT valid_from, recorded_to, state FROM ${t('rows')}
       WHERE key_id = ? AND valid_to IS NULL AND recorded_from <= ?
       ORDER BY recorded_from DESC LIMIT 1`,
    );
    this.rowAt = db.prepare(
      `SELECT valid_from, recorded_to, state FROM ${t('rows')}
       WHERE key_id = ? AND valid_from <= ? AND valid_to > ?
         AND recorded_from <= ? AND coalesce(recorded_to, ${FOREVER}) > ?
       ORDER BY valid_from DESC LIMIT 1`,
    );
    this.rowsAt = db.prepare(
      `SELECT * FROM ${t('rows')}
       WHERE key_id = ? AND recorded_from <= ? AND coalesce(recorded_to, ${FOREVER}) > ?
       ORDER BY valid_from`,
    );
    this.changesAfter = db.prepare(
      `SELECT c.position, c.event_id, c.from_ms, c.current, k.actor, k.target, k.channel
       FROM ${t('changes')} c JOIN ${t('keys')} k ON k.key_id = c.key_id
       WHERE c.position > ? AND c.position <= ? ORDER BY c.position, c.key_id LIMIT ?`,
    );
    this.anomaliesAt = db
      .prepare<[number, number, number, number], string>(
        `SELECT anomalies FROM ${t('anomalies')}
         WHERE key_id = ? AND valid_from <= ?
           AND recorded_from <= ? AND coalesce(recorded_to, ${FOREVER}) > ?
         ORDER BY valid_from`,
      )
      .pluck();
  }
}

/** The columns a (T, K) lookup reads: each column more is a value built per lookup. */
type FoundRow = Pick<RowRecord, 'valid_from' | 'recorded_to' | 'state'>;

interface ChangeRow {
  readonly position: number;
  readonly event_id: string;
  readonly from_ms: number;
  readonly current: string | null;
  readonly actor: string;
  readonly target: string;
  readonly channel: string;
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
    return this.sql.keysOfPair.all(actor, target).map(keyOf);
  }

  /** Every key where the actor is either side. */
  keysOf(actor: string): RelationKey[] {
    return this.sql.keysOfActor.all(actor, actor).map(keyOf);
  }

  /** The timeline as known at K: consecutive rows with one status and one `since` make one interval. */
  timeline(key: RelationKey, knownAtMs: number): RelationInterval[] {
    const keyId = this.sql.keyId.get(key.actor, key.target, key.channel);
    if (keyId === undefined) return [];
    const intervals: RelationInterval[] = [];
    for (const row of this.sql.rowsAt.all(keyId, knownAtMs, knownAtMs)) {
      const state = JSON.parse(row.state) as RelationState;
      const last = intervals.at(-1);
      const to = row.valid_to === null ? null : new Date(row.valid_to).toISOString();
      if (last && last.status === state.status && last.from === state.since) {
        intervals[intervals.length - 1] = {
          ...last,
          to,
          conditions: state.conditions,
          basis: state.basis,
        };
        continue;
      }
      if (state.since === null) continue;
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
    }
    return intervals;
  }

  /** Timeline changes after `after` up to `until`, in position order. */
  changesAfter(after: number, until: number, limit = 1000): ChangeRecord[] {
    return this.sql.changesAfter.all(after, until, limit).map((row) => ({
      position: row.position,
      eventId: row.event_id,
      key: { actor: row.actor, target: row.target, channel: row.channel },
      from: new Date(row.from_ms).toISOString(),
      current: row.current === null ? null : (JSON.parse(row.current) as RelationStanding),
    }));
  }

  private lookUp(key: RelationKey, atMs: number, knownAtMs: number): StateAt {
    const keyId = this.sql.keyId.get(key.actor, key.target, key.channel);
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
    const open = this.sql.openRowAt.get(keyId, knownAtMs);
    if (!open || (open.recorded_to !== null && open.recorded_to <= knownAtMs)) return undefined;
    if (open.valid_from <= atMs) return open;
    return this.sql.rowAt.get(keyId, atMs, atMs, knownAtMs, knownAtMs);
  }

  /** The row's standing, with the anomalies folded up to it. */
  private stateOf(keyId: number, row: FoundRow, knownAtMs: number): StateAt {
    const state = JSON.parse(row.state) as RelationStanding;
    const anomalies = this.sql.anomaliesAt
      .all(keyId, row.valid_from, knownAtMs, knownAtMs)
      .flatMap((added) => JSON.parse(added) as Anomaly[]);
    return { ...state, anomalies };
  }

  private get sql(): Statements {
    const { generation, tables } = this.live();
    if (this.cached?.generation !== generation) {
      this.cached = { generation, statements: new Statements(this.db, tables) };
    }
    return this.cached.statements;
  }
}

function keyOf(record: KeyRecord): RelationKey {
  return { actor: record.actor, target: record.target, channel: record.channel };
}
