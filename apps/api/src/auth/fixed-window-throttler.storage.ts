import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  endsAt: number;
  hits: number;
  blockedUntil: number;
}

/** Past this many trackers, expired windows are swept on the next hit: memory stays bounded without a timer. */
const SWEEP_ABOVE = 10_000;

/**
 * Fixed-window counting: a counter and an end time per tracker, so a request costs the same whatever the
 * limit. The library's default storage keeps the expiry of every hit in the window and filters that list
 * on each request: with a high limit (thousands a minute) that was most of a request's cost, and garbage.
 * The price is the fixed window's edge: a client may pass up to twice the limit across a window boundary.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<{
    totalHits: number;
    timeToExpire: number;
    isBlocked: boolean;
    timeToBlockExpire: number;
  }> {
    const now = this.now();
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || (window.endsAt <= now && window.blockedUntil <= now)) {
      if (this.windows.size >= SWEEP_ABOVE) this.sweep(now);
      window = { endsAt: now + ttl, hits: 0, blockedUntil: 0 };
      this.windows.set(id, window);
    } else if (window.endsAt <= now) {
      // Still blocked past its window's end: the block, not the window, decides when it may go on.
      window.endsAt = window.blockedUntil;
    }
    const blocked = window.blockedUntil > now;
    if (!blocked) {
      window.hits++;
      if (window.hits > limit) window.blockedUntil = now + blockDuration;
    }
    const isBlocked = window.blockedUntil > now;
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: secondsUntil(window.endsAt, now),
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsUntil(window.blockedUntil, now) : 0,
    });
  }

  /** Trackers currently held: for tests of the sweep. */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) {
      if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
