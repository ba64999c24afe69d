/** A batch is never cut below this, so that slow events cannot stall a catch-up to one event per turn. */
const MIN_SLICE = 16;

/**
 * How many events the next transaction may take so that it lasts about `sliceMs`, from how long events
 * have taken to apply so far: the process that runs the projections also answers HTTP, and gets nothing
 * done while a transaction runs.
 */
export class TransactionSlices {
  /** Per event, averaged over the last transactions, in ms; 0 until one is measured. */
  private msPerEvent = 0;

  constructor(
    private readonly sliceMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Up to `limit` events, as many as fit in one slice (the smallest slice first, until measured). */
  size(limit: number): number {
    if (this.msPerEvent === 0) return Math.min(limit, MIN_SLICE);
    const fits = Math.floor(this.sliceMs / this.msPerEvent);
    return Math.max(1, Math.min(limit, Math.max(MIN_SLICE, fits)));
  }

  /** Runs `apply` over `events` events, and learns from how long it took. */
  measure<T>(events: number, apply: () => T): T {
    const started = this.now();
    const result = apply();
    if (events > 0) {
      const perEvent = (this.now() - started) / events;
      this.msPerEvent = this.msPerEvent === 0 ? perEvent : (this.msPerEvent + perEvent) / 2;
    }
    return result;
  }
}
