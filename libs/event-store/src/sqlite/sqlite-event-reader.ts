import type {
  EventFilter,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.port';
import { StreamNotFoundError } from '../event-store.errors';
import type { SqliteDatabase, SqliteStatement } from './sqlite-database';
import { toRecordedEvent, type EventRow } from './sqlite-event-row';

const DEFAULT_PAGE = 1000;
const UNBOUNDED = -1;

/** Synchronous reads over the events table; the adapter wraps them in promises and subscriptions. */
export class SqliteEventReader {
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly headStatement: SqliteStatement<[], number>;
  private readonly currentRevisionStatement: SqliteStatement<[string], number>;
  private readonly byEventIdStatement: SqliteStatement<[string], EventRow>;
  private readonly byEventIdsStatement: SqliteStatement<[string], EventRow>;

  constructor(private readonly db: SqliteDatabase) {
    this.headStatement = db
      .prepare<[], number>('SELECT coalesce(max(position), 0) FROM events')
      .pluck();
    this.currentRevisionStatement = db
      .prepare<[string], number>(
        'SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck();
    this.byEventIdStatement = db.prepare<[string], EventRow>(
      'SELECT * FROM events WHERE event_id = ?',
    );
    // One statement whatever the number of ids: a JSON array has no bound-parameter limit.
    this.byEventIdsStatement = db.prepare<[string], EventRow>(
      `SELECT e.* FROM json_each(?) AS ids JOIN events e ON e.event_id = ids.value ORDER BY ids.key`,
    );
  }

  head(): number {
    return this.headStatement.get() ?? 0;
  }

  /** -1 when the stream has no events. */
  currentRevision(stream: string): number {
    return this.currentRevisionStatement.get(stream) ?? -1;
  }

  byEventId(eventId: string): RecordedEvent | undefined {
    const row = this.byEventIdStatement.get(eventId.toLowerCase());
    return row ? toRecordedEvent(row) : undefined;
  }

  byEventIds(eventIds: readonly string[]): RecordedEvent[] {
    if (eventIds.length === 0) return [];
    const ids = JSON.stringify(eventIds.map((id) => id.toLowerCase()));
    return this.byEventIdsStatement.all(ids).map(toRecordedEvent);
  }

  readStream(stream: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const sql = backwards
      ? 'SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?'
      : 'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?';
    const rows = this.statement(sql).all(stream, from, options.maxCount ?? UNBOUNDED) as EventRow[];
    if (rows.length === 0 && this.currentRevision(stream) < 0)
      throw new StreamNotFoundError(stream);
    return rows.map(toRecordedEvent);
  }

  readAll(options: ReadAllOptions = {}): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const { clause, params } = filterClause(options.filter);
    const sql =
      `SELECT * FROM events WHERE position ${backwards ? '<' : '>'} ?${clause} ` +
      `ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`;
    const rows = this.statement(sql).all(
      from,
      ...params,
      options.maxCount ?? DEFAULT_PAGE,
    ) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  private statement(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function filterClause(filter: EventFilter | undefined): { clause: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (filter?.types) {
    if (filter.types.length === 0) return { clause: ' AND 0', params };
    parts.push(`type IN (${filter.types.map(() => '?').join(', ')})`);
    params.push(...filter.types);
  }
  if (filter?.streamPrefixes) {
    if (filter.streamPrefixes.length === 0) return { clause: ' AND 0', params };
    parts.push(
      `(${filter.streamPrefixes.map(() => 'substr(stream, 1, length(?)) = ?').join(' OR ')})`,
    );
    for (const prefix of filter.streamPrefixes) params.push(prefix, prefix);
  }
  return { clause: parts.map((p) => ` AND ${p}`).join(''), params };
}
