import { ValidationError } from '@entente/common';
import {
  ANY,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type {
  AppendResult,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
} from '../event-store.port';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import { sameContent } from '../recorded-event';
import { toEventData } from './eventstoredb-event.mapper';
import type { EventStoreDbReader } from './eventstoredb-reader';
import type { StreamIndex } from './eventstoredb-stream-index';
import { KeyedMutex } from './keyed-mutex';

/**
 * Appends with the port's exact idempotency. EventStoreDB deduplicates by event id only on a best-effort
 * basis (a bounded in-memory cache for `any`, the events right after the expected revision otherwise), and
 * never compares content; so the adapter looks for the ids itself, in what it knows of the stream plus what
 * was written since, before writing whenever the server alone could not tell, and after a conflict. After
 * every write it reads back what the server says it stored, which also yields each event's position and
its record time (the leader's `created`).
 * Appends to one stream run one at a time in this process.
 */
export class EventStoreDbAppender {
  private readonly streams = new KeyedMutex();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly reader: EventStoreDbReader,
    private readonly index: StreamIndex,
  ) {}

  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.streams.run(stream, () => this.appendOnce(stream, events, expected));
  }

  private async appendOnce(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const knowledge = this.index.of(stream);
    // With `any` or `stream-exists` the server writes whatever the stream holds; with a revision it would
    // write duplicates of ids stored at or before that revision. Either way, know those ids first.
    const unknownBefore =
      expected === 'any' || expected === 'stream-exists'
        ? true
        : typeof expected === 'number' && knowledge.knownThrough < expected;
    if (unknownBefore) await this.catchUp(stream);
    const replay = await this.replay(stream, events);
    if (replay) return replay;

    let nextExpectedRevision: bigint;
    try {
      ({ nextExpectedRevision } = await this.client.appendToStream(
        stream,
        events.map(toEventData),
        { expectedRevision: toClientExpectation(expected), requiresLeader: true },
      ));
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        await this.catchUp(stream);
        const retried = await this.replay(stream, events);
        if (retried) return retried;
        throw new WrongExpectedRevisionError(stream, expected, actualRevision(error));
      }
      if (error instanceof MaxAppendSizeExceededError) {
        throw ValidationError.of([
          {
            field: 'events',
            message: `exceed the store's maximum append size of ${error.maxAppendSize} bytes`,
          },
        ]);
      }
      throw error;
    }
    const last = Number(nextExpectedRevision);
    const stored = await this.reader.readStream(stream, {
      fromRevision: last - events.length + 1,
      maxCount: events.length,
    });
    this.index.learn(stream, stored);
    // A success may be the server's own deduplication, which matched ids without looking at content.
    return answerFrom(stream, events, stored);
  }

  /** What a reader saw of a stream: a command handler's read spares its append a read of its own. */
  learn(stream: string, events: readonly RecordedEvent[]): void {
    this.index.learn(stream, events);
  }

  private async catchUp(stream: string): Promise<void> {
    const knowledge = this.index.of(stream);
    const newer = await this.reader.readStreamFrom(stream, knowledge.knownThrough + 1);
    this.index.learn(stream, newer);
  }

  /** The first answer, if these events were stored before; a conflict if their ids hold other content. */
  private async replay(
    stream: string,
    events: readonly EventToAppend[],
  ): Promise<AppendResult | null> {
    const knowledge = this.index.of(stream);
    const revisions = events
      .map((event) => knowledge.revisionOf(event.eventId))
      .filter((revision): revision is number => revision !== undefined);
    if (revisions.length === 0) return null;
    const from = Math.min(...revisions);
    const stored = await this.reader.readStream(stream, {
      fromRevision: from,
      maxCount: Math.max(...revisions) - from + 1,
    });
    const byId = new Map(stored.map((event) => [event.eventId, event]));
    return answerFrom(
      stream,
      events,
      events.map((event) => byId.get(event.eventId.toLowerCase())),
    );
  }
}

function answerFrom(
  stream: string,
  events: readonly EventToAppend[],
  stored: readonly (RecordedEvent | undefined)[],
): AppendResult {
  events.forEach((event, i) => {
    const previous = stored[i];
    if (
      !previous ||
      previous.eventId !== event.eventId.toLowerCase() ||
      !sameContent(previous, event, stream)
    ) {
      const taken = previous ?? stored.find((s) => s !== undefined);
      throw new DuplicateEventIdError(previous ? event.eventId : taken!.eventId, stream);
    }
  });
  const answer = stored as RecordedEvent[];
  const last = answer[answer.length - 1];
  return { nextExpectedRevision: last.revision, position: last.position, events: answer };
}

function toClientExpectation(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function actualRevision(error: WrongExpectedVersionError): number | 'no-stream' {
  const actual = error.actualVersion as bigint | string;
  return typeof actual === 'bigint' ? Number(actual) : 'no-stream';
}
