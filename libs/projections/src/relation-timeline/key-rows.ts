import { firstIndex } from './first-index';
import type { KeyTables } from './key-tables';
import type { Residency } from './memory-timeline-store';
import type { StoredRow } from './timeline-model';

/**
 * A key's current rows in memory for a one-pass catch-up: every one starting at or after `knownFrom`,
 * read back from the tables from the end only as far as asked (a fact after every row needs the last).
 * Only rows read or inserted here are ever closed, so those before `knownFrom` are as the tables hold them.
 */
export class KeyRows {
  private rows: StoredRow[] = [];
  /** +Infinity: none read yet; -Infinity: all of them are here. */
  private knownFrom: number;

  /** `tables` null: they hold no row of the key. */
  constructor(
    private readonly keyId: number,
    private readonly tables: KeyTables | null,
    private readonly residency: Residency,
  ) {
    this.knownFrom = tables ? Infinity : -Infinity;
  }

  get length(): number {
    return this.rows.length;
  }

  /** The row in force just before `ms` (the last one starting before it). */
  before(ms: number): StoredRow | null {
    this.readLast();
    // Among those read when one of them starts before `ms`; else in the tables.
    if ((this.rows[0]?.validFrom ?? Infinity) >= ms && this.knownFrom > -Infinity) {
      const before = this.tables!.rowBefore(this.keyId, Math.min(ms, this.knownFrom));
      this.readFrom(before?.validFrom ?? -Infinity);
    }
    return this.rows[firstIndex(this.rows, (row) => row.validFrom >= ms) - 1] ?? null;
  }

  *from(ms: number): Generator<StoredRow, void, undefined> {
    this.readFrom(ms);
    for (let i = firstIndex(this.rows, (row) => row.validFrom >= ms); i < this.rows.length; i++) {
      yield this.rows[i];
    }
  }

  /** A row read or inserted here. */
  remove(row: StoredRow): void {
    const at = firstIndex(this.rows, (r) => r.validFrom >= row.validFrom);
    this.rows.splice(this.rows.indexOf(row, at), 1);
  }

  insert(row: StoredRow): void {
    this.readFrom(row.validFrom);
    this.rows.splice(
      firstIndex(this.rows, (r) => r.validFrom > row.validFrom),
      0,
      row,
    );
  }

  private readLast(): void {
    if (this.knownFrom !== Infinity) return;
    const last = this.tables!.rowBefore(this.keyId, Infinity);
    this.knownFrom = last?.validFrom ?? -Infinity;
    if (last) this.hold([last]);
  }

  /** Makes the rows complete from `ms` on: reads those the tables hold before the ones read so far. */
  private readFrom(ms: number): void {
    this.readLast();
    if (ms >= this.knownFrom) return;
    const before = this.tables!.rowsBetween(this.keyId, ms, this.knownFrom);
    this.knownFrom = ms;
    this.hold(before);
  }

  private hold(read: readonly StoredRow[]): void {
    this.rows = [...read, ...this.rows];
    this.residency.held += read.length;
  }
}
