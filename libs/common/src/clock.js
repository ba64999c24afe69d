'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.ManualClock = exports.systemClock = void 0;
exports.systemClock = { now: () => new Date() };
/** A clock that only moves when told to; for tests and replays. */
class ManualClock {
  current;
  constructor(current = new Date('2025-01-01T00:00:00.000Z')) {
    this.current = current;
  }
  now() {
    return new Date(this.current.getTime());
  }
  set(to) {
    this.current = new Date(to);
  }
  advance(milliseconds) {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
exports.ManualClock = ManualClock;
//# sourceMappingURL=clock.js.map
