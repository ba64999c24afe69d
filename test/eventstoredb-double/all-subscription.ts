import { randomUUID } from 'node:crypto';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { CallOutbox } from './call-outbox';
import type { SubscriptionPhase } from './fault-injector';
import type { InMemoryLog, LogRecord } from './in-memory-log';
import { LiveQueue } from './live-queue';
import { readEvent } from './proto-mapping';
import { DEFAULT_READ_BATCH_SIZE, type ServerFilter } from './server-filter';
import { HEAD_OF_TF, at, compareTf, type TfPosition } from './tf-position';

export type AllStart = 'start' | 'end' | TfPosition;

interface Context {
  readonly log: InMemoryLog;
  readonly filter: ServerFilter | undefined;
  readonly out: CallOutbox<ReadResp>;
  readonly uuidOption: ReadReq.Options.UUIDOption | undefined;
  readonly sent: (phase: SubscriptionPhase) => void;
}

/**
 * A subscription to $all the way a real node runs one (KurrentDB's AllSubscriptionFiltered): confirm, read
 * pages from the start position sending what matches, checkpoint every `checkpointInterval` considered
 * events and once more on reaching the end, say caught-up, then relay live events past the last position
 * sent. Checkpoints are only sent to filtered subscriptions, as on the real server.
 */
export async function runAllSubscription(
  context: Context,
  start: AllStart,
  live: LiveQueue,
): Promise<void> {
  const { log, out } = context;
  await out.send(
    new ReadResp().setConfirmation(
      new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
    ),
  );
  const lastIndexed = log.size > 0 ? at(log.recordAt(log.size - 1)!.position) : HEAD_OF_TF;
  let checkpoint = start === 'start' ? HEAD_OF_TF : start === 'end' ? lastIndexed : start;
  if (compareTf(checkpoint, lastIndexed) < 0) checkpoint = await catchUp(context, checkpoint);
  await out.send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  await relayLive(context, checkpoint, live);
}

async function catchUp(context: Context, from: TfPosition): Promise<TfPosition> {
  const { log, filter, out } = context;
  const window = filter?.maxSearchWindow ?? DEFAULT_READ_BATCH_SIZE;
  let checkpoint = from;
  let position: TfPosition = from.commit < 0 ? { commit: 0, prepare: 0 } : from;
  let sinceCheckpoint = 0;
  for (;;) {
    if (out.closed) return checkpoint;
    const page = readPage(log, position, window, filter);
    for (const record of page.matching) {
      if (compareTf(at(record.position), checkpoint) <= 0) continue;
      await out.send(readEvent(record, context.uuidOption));
      checkpoint = at(record.position);
      context.sent('catch-up');
    }
    // A page start is a safe checkpoint only once the page has moved past it.
    if (compareTf(checkpoint, position) < 0 && compareTf(position, page.next) < 0) {
      checkpoint = position;
    }
    sinceCheckpoint += page.considered;
    if (page.isEnd) {
      if (filter) await sendCheckpoint(out, checkpoint);
      return checkpoint;
    }
    if (filter && sinceCheckpoint >= filter.checkpointInterval) {
      sinceCheckpoint %= filter.checkpointInterval;
      await sendCheckpoint(out, checkpoint);
    }
    position = page.next;
  }
}

function readPage(
  log: InMemoryLog,
  from: TfPosition,
  window: number,
  filter: ServerFilter | undefined,
): { matching: LogRecord[]; considered: number; next: TfPosition; isEnd: boolean } {
  const matching: LogRecord[] = [];
  let index = log.firstIndexAtOrAfter(from);
  let considered = 0;
  let next = from;
  while (considered < window && matching.length < DEFAULT_READ_BATCH_SIZE && index < log.size) {
    const record = log.recordAt(index++)!;
    considered++;
    // After a record, the server's next position is its post-position with a zero prepare position.
    next = { commit: record.postPosition, prepare: 0 };
    if (!filter || filter.matches(record)) matching.push(record);
  }
  return { matching, considered, next, isEnd: index >= log.size };
}

async function relayLive(context: Context, from: TfPosition, live: LiveQueue): Promise<void> {
  const { filter, out } = context;
  let checkpoint = from;
  let sinceCheckpoint = 0;
  for (;;) {
    const record = await live.next();
    if (!record || out.closed) return;
    if (compareTf(at(record.position), checkpoint) <= 0) continue;
    if (!filter || filter.matches(record)) {
      await out.send(readEvent(record, context.uuidOption));
      context.sent('live');
    }
    checkpoint = at(record.position);
    if (filter && ++sinceCheckpoint >= filter.checkpointInterval) {
      sinceCheckpoint = 0;
      await sendCheckpoint(out, checkpoint);
    }
  }
}

async function sendCheckpoint(out: CallOutbox<ReadResp>, position: TfPosition): Promise<void> {
  if (position.commit < 0) return;
  await out.send(
    new ReadResp().setCheckpoint(
      new ReadResp.Checkpoint()
        .setCommitPosition(String(position.commit))
        .setPreparePosition(String(position.prepare)),
    ),
  );
}
