import type { InMemoryLog, LogRecord } from './in-memory-log';

/**
 * Every record written after the subscription began, buffered until the subscription is ready for them.
 * A subscription opens its queue before catching up, as a real node joins the live feed before reading,
 * so nothing written in between can fall through the gap.
 */
export class LiveQueue {
  private readonly buffer: LogRecord[] = [];
  private wake: (() => void) | undefined;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(log: InMemoryLog) {
    this.unsubscribe = log.onAppended((records) => {
      this.buffer.push(...records);
      this.wake?.();
    });
  }

  /** The next record, or undefined once stopped. */
  async next(): Promise<LogRecord | undefined> {
    while (this.buffer.length === 0 && !this.stopped) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    return this.stopped ? undefined : this.buffer.shift();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.wake?.();
  }
}
