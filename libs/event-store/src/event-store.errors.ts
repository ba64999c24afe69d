import { ConflictError, NotFoundError } from '@entente/common';
import type { ExpectedRevision } from './event-store.port';

export type ActualRevision = number | 'no-stream';

export class WrongExpectedRevisionError extends ConflictError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`stream ${stream}: expected revision ${expected}, actual ${actual}`, {
      stream,
      expected,
      actual,
    });
  }
}

/** The same event id was stored before with other content, or in another stream. */
export class DuplicateEventIdError extends ConflictError {
  constructor(
    readonly eventId: string,
    readonly storedIn: string,
  ) {
    super(`event ${eventId} is already stored in ${storedIn} with other content`, {
      eventId,
      stream: storedIn,
    });
  }
}

export class StreamNotFoundError extends NotFoundError {
  constructor(readonly stream: string) {
    super(`stream ${stream} not found`, { stream });
  }
}
