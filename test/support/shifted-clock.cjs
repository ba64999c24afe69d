// Preloaded with `node --require` into a process to play a machine whose clock is off by CLOCK_SHIFT_MS
// milliseconds: every Date made from "now" is shifted; dates made from a value are not.
const shift = Number(process.env.CLOCK_SHIFT_MS || 0);
const SystemDate = Date;

class ShiftedDate extends SystemDate {
  constructor(...args) {
    if (args.length === 0) super(SystemDate.now() + shift);
    else super(...args);
  }

  static now() {
    return SystemDate.now() + shift;
  }
}

globalThis.Date = ShiftedDate;
