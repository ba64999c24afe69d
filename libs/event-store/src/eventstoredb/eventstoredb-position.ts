/** A position in EventStoreDB's transaction log, as the client reports it. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/**
 * The port wants one number per position; EventStoreDB has two, and its checkpoints use both halves: an
 * event sits at (c, c), but a checkpoint may be (c, 0), which covers everything before the record at c and
 * not that record. Dropping the prepare half would either skip the event at c on resume or resume from a
 * byte offset that is not a record, which the server refuses. So the port number keeps one bit of it:
 * 2c + 1 for a position that covers the record at c, 2c for one that stops just before it. Order is kept,
 * and commit positions stay far below 2^52, so the numbers are exact. 0 is the start of the log.
 */
export function toPortPosition(position: LogPosition): number {
  const commit = Number(position.commit);
  if (commit <= 0) return 0;
  return position.prepare >= position.commit ? 2 * commit + 1 : 2 * commit;
}

/** The log position a port number stands for; `start` for 0. */
export function toLogPosition(position: number): LogPosition | 'start' {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`${position} is not a position of this store`);
  }
  if (position === 0) return 'start';
  const commit = BigInt(Math.floor(position / 2));
  return { commit, prepare: position % 2 === 1 ? commit : 0n };
}

/** The server's "no position" (2^64 - 1), which older servers send for events read from a stream. */
export const NO_POSITION = 2n ** 64n - 1n;
