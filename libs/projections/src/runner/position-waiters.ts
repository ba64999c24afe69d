/**
 * Who waits for a read model: to cover a position (a read after a write), or to go live. The runner
 * tells them as it moves; a stop or a failure settles every one of them.
 */
export class PositionWaiters {
  private waiting: { position: number; resolve: (reached: boolean) => void }[] = [];
  private live$: { resolve: () => void; reject: (error: Error) => void }[] = [];

  /** Resolves true once `reached` passes `position`, false on timeout or when settled short of it. */
  forPosition(position: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiting.push(waiter);
    });
  }

  forLive(): Promise<void> {
    return new Promise((resolve, reject) => this.live$.push({ resolve, reject }));
  }

  /** The read model covers `position`: those waiting for it or less are answered. */
  reached(position: number): void {
    const ready = this.waiting.filter((w) => w.position <= position);
    if (ready.length === 0) return;
    this.waiting = this.waiting.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve(true);
  }

  live(): void {
    for (const waiter of this.live$.splice(0)) waiter.resolve();
  }

  /** The runner stopped (or failed) at `position`: every wait ends, and a wait to go live with `why`. */
  settle(position: number, why: Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.resolve(waiter.position <= position);
    for (const waiter of this.live$.splice(0)) waiter.reject(why);
  }
}
