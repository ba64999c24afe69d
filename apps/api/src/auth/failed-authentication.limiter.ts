/** Addresses tracked at most: past this, windows that ended go first, then the oldest. */
const MAX_ADDRESSES = 10_000;

interface Failures {
  endsAt: number;
  count: number;
}

/**
 * Failed authentications per client address in a fixed window: past the limit, the address is refused
 * until its window ends, whatever key it presents (otherwise the one right guess would still get through).
 * Memory is bounded whatever the guesser does: one small entry per address, at most `maxAddresses`.
 */
export class FailedAuthenticationLimiter {
  private readonly byAddress = new Map<string, Failures>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxAddresses = MAX_ADDRESSES,
  ) {}

  /** Seconds until the address may try again; 0 when it may now. */
  blockedFor(address: string): number {
    const failures = this.current(address);
    if (!failures || failures.count < this.limit) return 0;
    return Math.max(1, Math.ceil((failures.endsAt - this.now()) / 1000));
  }

  failed(address: string): void {
    const failures = this.current(address);
    if (failures) {
      failures.count++;
      return;
    }
    if (this.byAddress.size >= this.maxAddresses) this.makeRoom();
    this.byAddress.set(address, { endsAt: this.now() + this.windowMs, count: 1 });
  }

  get size(): number {
    return this.byAddress.size;
  }

  private current(address: string): Failures | undefined {
    const failures = this.byAddress.get(address);
    if (failures && failures.endsAt <= this.now()) {
      this.byAddress.delete(address);
      return undefined;
    }
    return failures;
  }

  private makeRoom(): void {
    const now = this.now();
    for (const [address, failures] of this.byAddress) {
      if (failures.endsAt <= now) this.byAddress.delete(address);
    }
    // Insertion order is age: the oldest window is the one closest to its end anyway.
    for (const address of this.byAddress.keys()) {
      if (this.byAddress.size < this.maxAddresses) break;
      this.byAddress.delete(address);
    }
  }
}
