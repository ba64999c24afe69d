import type {
  AppendResult,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
} from '../event-store.port';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import { revisionMatches } from '../append-validation';
import { deepFreeze, sameContent } from '../recorded-event';
import type { SqliteDatabase, SqliteStatement } from './sqlite-database';
import type { SqliteEventReader } from './sqlite-event-reader';

export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
}

export interface AppendOutcome {
  readonly result: AppendResult;
  /** Events newly stored by this request; empty for an idempotent retry. */
  readonly stored: readonly RecordedEvent[];
}

type InsertParams = [
  string,
  string,
  number,
  string,
  number,
  string,
  string,
  string,
  string,
  string | null,
];

/**
 * Applies one append inside the caller's transaction. Runs synchronously, so between reading the stream's
 * revision and inserting, nothing else can write.
 */
export class SqliteEventWriter {
  private readonly insert: SqliteStatement<InsertParams>;

  constructor(
    db: SqliteDatabase,
    private readonly reader: SqliteEventReader,
  ) {
    this.insert = db.prepare<InsertParams>(
      `INSERT INTO events (event_id, stream, revision, type, schema_version, data, recorded_at,
         recorded_by, correlation_id, causation_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  append(request: AppendRequest, recordedAt: string): AppendOutcome {
    const { stream, events, expected } = request;
    const current = this.reader.currentRevision(stream);
    if (!revisionMatches(expected, current)) {
      const replay = this.replayOf(request);
      if (replay) return { result: replay, stored: [] };
      throw new WrongExpectedRevisionError(stream, expected, current < 0 ? 'no-stream' : current);
    }
    const stored = events.map((event, i) =>
      this.insertOne(stream, current + 1 + i, event, recordedAt),
    );
    const last = stored[stored.length - 1];
    return {
      result: { nextExpectedRevision: last.revision, position: last.position, events: stored },
      stored,
    };
  }

  /**
   * The answer of the append that first stored these events, when this request is a retry of it; throws
   * when any of its ids is already taken by other content. Must run with none of the request's own rows
   * inserted.
   */
  replayOf(request: AppendRequest): AppendResult | null {
    const stored = request.events.map((event) => this.reader.byEventId(event.eventId));
    if (stored.every((event) => event === undefined)) return null;
    request.events.forEach((event, i) => {
      const previous = stored[i];
      if (!previous || !sameContent(previous, event, request.stream)) {
        const taken = stored.find((s) => s !== undefined)!;
        throw new DuplicateEventIdError(previous ? event.eventId : taken.eventId, taken.stream);
      }
    });
    const events = stored as RecordedEvent[];
    const last = events[events.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position, events };
  }

  private insertOne(
    stream: string,
    revision: number,
    event: EventToAppend,
    recordedAt: string,
  ): RecordedEvent {
    const json = JSON.stringify(event.data);
    const eventId = event.eventId.toLowerCase();
    const causationId = event.metadata.causationId ?? null;
    const { lastInsertRowid } = this.insert.run(
      eventId,
      stream,
      revision,
      event.type,
      event.schemaVersion,
      json,
      recordedAt,
      event.metadata.recordedBy,
      event.metadata.correlationId,
      causationId,
    );
    return deepFreeze({
      eventId,
      stream,
      revision,
      position: Number(lastInsertRowid),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(json) as unknown,
      metadata: {
        recordedAt,
        recordedBy: event.metadata.recordedBy,
        correlationId: event.metadata.correlationId,
        causationId,
      },
    });
  }
}
