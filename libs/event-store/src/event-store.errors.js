'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.StreamNotFoundError =
  exports.DuplicateEventIdError =
  exports.WrongExpectedRevisionError =
    void 0;
const common_1 = require('../../common/src/index.js');
class WrongExpectedRevisionError extends common_1.ConflictError {
  stream;
  expected;
  actual;
  constructor(stream, expected, actual) {
    super(`stream ${stream}: expected revision ${expected}, actual ${actual}`, {
      stream,
      expected,
      actual,
    });
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}
exports.WrongExpectedRevisionError = WrongExpectedRevisionError;
/** The same event id was stored before with other content, or in another stream. */
class DuplicateEventIdError extends common_1.ConflictError {
  eventId;
  storedIn;
  constructor(eventId, storedIn) {
    super(`event ${eventId} is already stored in ${storedIn} with other content`, {
      eventId,
      stream: storedIn,
    });
    this.eventId = eventId;
    this.storedIn = storedIn;
  }
}
exports.DuplicateEventIdError = DuplicateEventIdError;
class StreamNotFoundError extends common_1.NotFoundError {
  stream;
  constructor(stream) {
    super(`stream ${stream} not found`, { stream });
    this.stream = stream;
  }
}
exports.StreamNotFoundError = StreamNotFoundError;
//# sourceMappingURL=event-store.errors.js.map
