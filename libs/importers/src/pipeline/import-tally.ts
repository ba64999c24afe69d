import { SKIP_REASONS, isOutOfScope, type SkipReason } from './skip-reason';

/** What an import did, row by row: the final summary and the progress bar read it. */
export class ImportTally {
  rows = 0;
  stored = 0;
  alreadyStored = 0;
  registered = 0;
  readonly skipped = new Map<SkipReason, number>();

  skip(reason: SkipReason): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  get outOfScope(): number {
    return this.sum((reason) => isOutOfScope(reason));
  }

  get failed(): number {
    return this.sum((reason) => !isOutOfScope(reason));
  }

  private sum(which: (reason: SkipReason) => boolean): number {
    let total = 0;
    for (const [reason, n] of this.skipped) if (which(reason)) total += n;
    return total;
  }

  toJSON() {
    const byReason = (failures: boolean) =>
      Object.fromEntries(
        [...this.skipped]
          .filter(([reason]) => isOutOfScope(reason) !== failures)
          .sort((a, b) => b[1] - a[1]),
      );
    return {
      rows: this.rows,
      stored: this.stored,
      alreadyStored: this.alreadyStored,
      registered: this.registered,
      skipped: byReason(false),
      failed: byReason(true),
    };
  }
}

export function describeReason(reason: SkipReason): string {
  return SKIP_REASONS[reason].description;
}
