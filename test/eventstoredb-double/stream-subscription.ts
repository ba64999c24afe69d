import { randomUUID } from 'node:crypto';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { CallOutbox } from './call-outbox';
import type { InMemoryLog } from './in-memory-log';
import type { LiveQueue } from './live-queue';
import { readEvent } from './proto-mapping';

/** Events after `after` (-1: from the first), then caught-up, then live; a missing stream just waits. */
export async function runStreamSubscription(
  log: InMemoryLog,
  stream: string,
  after: number | 'end',
  out: CallOutbox<ReadResp>,
  live: LiveQueue,
  uuidOption: ReadReq.Options.UUIDOption | undefined,
): Promise<void> {
  await out.send(
    new ReadResp().setConfirmation(
      new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
    ),
  );
  const existing = log.stream(stream) ?? [];
  let last = after === 'end' ? existing.length - 1 : after;
  for (const record of existing.slice(last + 1)) {
    await out.send(readEvent(record, uuidOption));
    last = record.revision;
  }
  await out.send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  for (;;) {
    const record = await live.next();
    if (!record || out.closed) return;
    if (record.stream !== stream || record.revision <= last) continue;
    await out.send(readEvent(record, uuidOption));
    last = record.revision;
  }
}
