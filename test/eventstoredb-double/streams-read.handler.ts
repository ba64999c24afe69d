import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { runAllSubscription, type AllStart } from './all-subscription';
import { CallOutbox } from './call-outbox';
import type { FaultInjector, SubscriptionPhase } from './fault-injector';
import type { InMemoryLog, LogRecord } from './in-memory-log';
import { LiveQueue } from './live-queue';
import { readEvent, streamIdentifier, streamName } from './proto-mapping';
import { invalidPosition } from './server-errors';
import { serverFilter, type ServerFilter } from './server-filter';
import { runStreamSubscription } from './stream-subscription';
import { at, compareTf, parseTf, type TfPosition } from './tf-position';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;
const { CountOptionCase, ReadDirection } = ReadReq.Options;

export interface ReadContext {
  readonly log: InMemoryLog;
  readonly faults: FaultInjector;
  /** Where each subscription to $all asked to start, in order. */
  readonly subscriptionStarts: AllStart[];
}

/** Streams.Read: stream and $all reads, forwards and backwards, and subscriptions to either. */
export async function handleRead(context: ReadContext, call: ReadCall): Promise<void> {
  const { log, faults } = context;
  const options = call.request.getOptions();
  if (!options) throw new Error('Read needs options');
  const out = new CallOutbox(call);
  const uuidOption = options.getUuidOption();
  const filter = options.hasFilter() ? serverFilter(options.getFilter()!) : undefined;
  const subscribing = options.getCountOptionCase() === CountOptionCase.SUBSCRIPTION;
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const count = subscribing ? 0 : Number(options.getCount());

  if (options.hasAll()) {
    const start = allStart(log, options.getAll()!);
    if (subscribing) {
      context.subscriptionStarts.push(start);
      const live = new LiveQueue(log);
      call.once('cancelled', () => live.stop());
      call.once('close', () => live.stop());
      const sent = (phase: SubscriptionPhase) => faults.sent(phase);
      try {
        await runAllSubscription({ log, filter, out, uuidOption, sent }, start, live);
      } finally {
        live.stop();
      }
      return;
    }
    for (const record of readAll(log, start, backwards, count, filter)) {
      await out.send(readEvent(record, uuidOption));
    }
    return;
  }

  const streamOptions = options.getStream()!;
  const stream = streamName(streamOptions.getStreamIdentifier());
  const records = log.stream(stream);
  if (subscribing) {
    const live = new LiveQueue(log);
    call.once('cancelled', () => live.stop());
    call.once('close', () => live.stop());
    const after = streamOptions.hasStart()
      ? -1
      : streamOptions.hasEnd()
        ? 'end'
        : Number(streamOptions.getRevision());
    try {
      await runStreamSubscription(log, stream, after, out, live, uuidOption);
    } finally {
      live.stop();
    }
    return;
  }
  if (!records) {
    await out.send(
      new ReadResp().setStreamNotFound(
        new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(stream)),
      ),
    );
    return;
  }
  const from = streamOptions.hasStart()
    ? backwards
      ? records.length - 1
      : 0
    : streamOptions.hasEnd()
      ? backwards
        ? records.length - 1
        : records.length
      : Number(streamOptions.getRevision());
  const slice = backwards
    ? records.slice(Math.max(0, from - count + 1), Math.min(from, records.length - 1) + 1).reverse()
    : records.slice(from, from + count);
  for (const record of slice) await out.send(readEvent(record, uuidOption));
}

function allStart(log: InMemoryLog, options: ReadReq.Options.AllOptions): AllStart {
  if (options.hasStart()) return 'start';
  if (options.hasEnd()) return 'end';
  const position = options.getPosition()!;
  const start = parseTf(position.getCommitPosition(), position.getPreparePosition());
  if (!log.isRecordBoundary(start.commit)) throw invalidPosition();
  return start;
}

/** Forwards from a position includes the record there; backwards from it, only what lies before. */
function readAll(
  log: InMemoryLog,
  start: AllStart,
  backwards: boolean,
  count: number,
  filter: ServerFilter | undefined,
): LogRecord[] {
  const from: TfPosition =
    start === 'start' ? { commit: 0, prepare: 0 } : start === 'end' ? at(log.endPosition) : start;
  const result: LogRecord[] = [];
  const step = backwards ? -1 : 1;
  let index = log.firstIndexAtOrAfter(from) + (backwards ? -1 : 0);
  if (backwards && start === 'start') return result;
  for (; index >= 0 && index < log.size && result.length < count; index += step) {
    const record = log.recordAt(index)!;
    if (backwards && compareTf(at(record.position), from) >= 0) continue;
    if (!filter || filter.matches(record)) result.push(record);
  }
  return result;
}
