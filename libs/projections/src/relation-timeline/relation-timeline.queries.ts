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
import { standingsAfter, stateAfter } from './report-axis-fold';
import { unpackId } from './timeline-codec';
import { ALL_FACTS_BY_RECORD_TIME, CURATED_BY_RECORD_TIME } from './timeline-dictionaries';
import {
  FOREVER,
  LookupStatements,
  reportLimit,
  runKnown,
  type FoundRow,
  type Knowledge,
} from './timeline-lookup-statements';
import type { TimelineFact } from './timeline-model';
import { anomalyFrom, versionFactOf } from './timeline-records';
import { type StandingRecord } from './timeline-rows';

export type { Knowledge } from './timeline-lookup-statements';

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

/**
 * Answers from the live generation of the timeline: the state at (T, K), or at (T, K, R), by index
 * lookups, never by replaying events. Times are epoch milliseconds. One case is folded instead: a key
 * whose events stopped coming in report order (a report recorded after a later-reported one), asked
 * about as reported by a date before K once that happened: its versions of reports are folded, read in
 * one range of the key's own table, never from the log.
 */
export class RelationTimelineQueries {
  private cached: { generation: number; statements: LookupStatements } | null = null;

  private readonly begin: SqliteStatement<[]>;
  private readonly commit: SqliteStatement<[]>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly live: () => LiveGeneration,
  ) {
    this.begin = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
  }

  /** `knowledge`: K alone (a number), or K and R. */
  stateAt(key: RelationKey, atMs: number, knowledge: number | Knowledge): StateAt {
    return this.statesAt([key], atMs, knowledge)[0];
  }

  /**
   * The state of each key at (T, K), read in one transaction: one snapshot for all of them, and one
   * lock taken instead of one per statement (in WAL mode that lock is most of a small lookup's cost).
   */
  statesAt(keys: readonly RelationKey[], atMs: number, knowledge: number | Knowledge): StateAt[] {
    const limits = knowledgeOf(knowledge);
    return this.inOneRead(() => keys.map((key) => this.lookUp(key, atMs, limits)));
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

  /** The timeline as known: consecutive rows with one status and one `since` make one interval. */
  timeline(key: RelationKey, knowledge: number | Knowledge): RelationInterval[] {
    const limits = knowledgeOf(knowledge);
    return this.inOneRead(() => {
      const sql = this.sql;
      const keyId = this.keyIdOf(key, limits);
      if (keyId === undefined) return [];
      if (this.folded(keyId, limits)) {
        return intervalsOf(key, standingsAfter(this.facts(key, limits, FOREVER)));
      }
      return intervalsOf(
        key,
        runKnown(sql.rowsAt, limits, keyId).map((record) => ({
          validFrom: record.valid_from,
          standing: materializeStanding(sql.rows.standingOf(record, record.valid_from)),
        })),
      );
    });
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

  private lookUp(key: RelationKey, atMs: number, limits: Knowledge): StateAt {
    const keyId = this.keyIdOf(key, limits);
    if (keyId === undefined) return UNKNOWN;
    if (this.folded(keyId, limits)) return stateAfter(this.facts(key, limits, atMs));
    const [row] = runKnown(this.sql.rowAt, limits, keyId, atMs);
    return row ? this.stateOf(keyId, row, limits) : UNKNOWN;
  }

  /** A key's curated view, where it has one; else every fact of it is curated. */
  private keyIdOf(key: RelationKey, { curatedOnly }: Knowledge): number | undefined {
    const keys = this.sql.keys;
    return (curatedOnly && keys.find(key, CURATED_BY_RECORD_TIME)) || keys.find(key);
  }

  /** Whether the rows cannot say what was reported by R: the key's events came out of report order. */
  private folded(keyId: number, limits: Knowledge): boolean {
    if (reportLimit(limits) === null) return false;
    const unorderedFrom = this.sql.unorderedFrom.get(keyId) ?? null;
    return unorderedFrom !== null && unorderedFrom <= limits.knownAt;
  }

  /**
   * The key's facts in effect as known at K and reported by R starting by `startsBy`, in fold order,
   * from its versions of reports (kept on view 0).
   */
  private facts(key: RelationKey, limits: Knowledge, startsBy: number): TimelineFact[] {
    const sql = this.sql;
    const keyId = sql.keys.find(key);
    if (keyId === undefined) return [];
    return sql.factsKnown
      .all({
        keyId,
        knownAt: limits.knownAt,
        reportedBy: reportLimit(limits) ?? limits.knownAt,
        startsBy,
        curatedOnly: limits.curatedOnly ? 1 : 0,
      })
      .map((record) => versionFactOf(record, sql.conditions));
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

  /** The row's standing, with the anomalies of every fact up to its start. */
  private stateOf(keyId: number, row: FoundRow, limits: Knowledge): StateAt {
    const sql = this.sql;
    const standing = materializeStanding(sql.rows.standingOf(row, row.valid_from));
    const anomalies = runKnown(sql.anomaliesAt, limits, keyId, row.valid_from).map((record) =>
      this.anomalyOf(keyId, anomalyFrom(record), limits),
    );
    return { ...standing, anomalies };
  }

  private anomalyOf(
    keyId: number,
    stored: ReturnType<typeof anomalyFrom>,
    limits: Knowledge,
  ): Anomaly {
    const { kind, eventId, type, from, to, conflicts, validFrom } = stored;
    let conflictsWith: string[] = [];
    if (conflicts !== null) {
      // The facts it conflicts with are the first of its group, as its row lists them.
      const [row] = runKnown(this.sql.groupAt, limits, keyId, validFrom);
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

  private get sql(): LookupStatements {
    const { generation, tables } = this.live();
    if (this.cached?.generation !== generation) {
      this.cached = { generation, statements: new LookupStatements(this.db, tables) };
    }
    return this.cached.statements;
  }
}

function knowledgeOf(knowledge: number | Knowledge): Knowledge {
  return typeof knowledge === 'number' ? { knownAt: knowledge } : knowledge;
}

/** Consecutive rows with one status and one `since` make one interval. */
function intervalsOf(
  key: RelationKey,
  rows: readonly { validFrom: number; standing: RelationStanding }[],
): RelationInterval[] {
  const intervals: RelationInterval[] = [];
  rows.forEach(({ standing: state }, i) => {
    const last = intervals.at(-1);
    const next = rows[i + 1];
    const to = next ? new Date(next.validFrom).toISOString() : null;
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
