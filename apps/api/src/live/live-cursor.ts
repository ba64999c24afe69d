import { ValidationError } from '@entente/common';

/** Where a client resumes: after `index` of `position`; a bare position resumes after all of it. */
export interface LiveCursor {
  readonly position: number;
  readonly index: number;
}

export const AFTER_ALL_OF_POSITION = Number.POSITIVE_INFINITY;

export function liveId(position: number, index: number): string {
  return `${position}.${index}`;
}

/** `<position>` or `<position>.<index>`, as a client sends it back; null when malformed. */
export function parseLiveId(id: string): LiveCursor | null {
  const match = /^(\d{1,16})(?:\.(\d{1,6}))?$/.exec(id);
  if (!match) return null;
  const position = Number(match[1]);
  if (!Number.isSafeInteger(position)) return null;
  return {
    position,
    index: match[2] === undefined ? AFTER_ALL_OF_POSITION : Number(match[2]),
  };
}

export function isAfter(item: LiveCursor, cursor: LiveCursor): boolean {
  return (
    item.position > cursor.position ||
    (item.position === cursor.position && item.index > cursor.index)
  );
}

/**
 * Last-Event-ID wins over ?after=: an EventSource reconnecting sends the header and keeps its URL. An id
 * beyond the store's head was not given by this store (another one, or this one before a reset):
 * resuming from it would silently skip whatever is recorded up to it, so it is refused.
 */
export async function resumeCursor(
  lastEventId: string | undefined,
  after: string | undefined,
  head: () => Promise<number>,
): Promise<LiveCursor | null> {
  const [field, value] =
    lastEventId !== undefined && lastEventId !== ''
      ? ['Last-Event-ID', lastEventId]
      : ['after', after];
  if (value === undefined) return null;
  const cursor = parseLiveId(value);
  if (!cursor) {
    throw ValidationError.of([
      {
        field,
        message: `${value} is not a live message id: <position>.<index> as sent in id:, or a position`,
      },
    ]);
  }
  const last = await head();
  if (cursor.position > last) {
    throw ValidationError.of([
      {
        field,
        message:
          `${value} is beyond the last recorded position (${last}): it was not given by this store. ` +
          'Reconnect without it to follow from now, or with ?after=0 to replay everything',
      },
    ]);
  }
  return cursor;
}
