import { append } from '@entente/domain';
import type { KeyTables } from './key-tables';
import { KeyInMemory, Residency } from './memory-timeline-store';
import type {
  Standing,
  StoredAnomaly,
  StoredRow,
  TimelineAnomaly,
  TimelineFact,
} from './timeline-model';

const standing = { status: 'suspended' } as Standing;
const at = (recordMs: number) => ({ recordMs, reportMs: recordMs });

function storedRow(validFrom: number, recordedFrom: number): StoredRow {
  return {
    validFrom,
    standing,
    group: append(null, `e${validFrom}`),
    recordedFrom,
    reportedFrom: recordedFrom,
  };
}

function fact(startMs: number, position: number): TimelineFact {
  return {
    eventId: `e${position}`,
    type: 'CooperationSuspended',
    startMs,
    position,
    data: { occurredAt: { value: '', precision: 'day', start: '' }, conditions: [] },
  };
}

/** What the tables hold of a key, and what a key in memory read of it, in order. */
class TablesHolding implements KeyTables {
  readonly reads: string[] = [];

  constructor(
    readonly held: { rows: StoredRow[]; facts: TimelineFact[]; anomalies: StoredAnomaly[] },
  ) {}

  rowBefore(_keyId: number, ms: number): StoredRow | null {
    this.reads.push(`row before ${ms}`);
    return this.held.rows.filter((row) => row.validFrom < ms).at(-1) ?? null;
  }

  rowsBetween(_keyId: number, from: number, to: number): StoredRow[] {
    this.reads.push(`rows [${from}, ${to})`);
    return this.held.rows.filter((row) => row.validFrom >= from && row.validFrom < to);
  }

  factsBetween(_keyId: number, from: number, to: number): TimelineFact[] {
    this.reads.push(`facts [${from}, ${to})`);
    return this.held.facts.filter((f) => f.startMs >= from && f.startMs < to);
  }

  factsAt(_keyId: number, position: number): TimelineFact[] {
    this.reads.push(`facts at ${position}`);
    return this.held.facts.filter((f) => f.position === position);
  }

  anomalies(): StoredAnomaly[] {
    this.reads.push('anomalies');
    return [...this.held.anomalies];
  }

  hasFact(_keyId: number, startMs: number, position: number): boolean {
    this.reads.push('has fact');
    return this.held.facts.some((f) => f.startMs === startMs && f.position === position);
  }
}

function anomaly(validFrom: number): TimelineAnomaly {
  return {
    validFrom,
    seq: 0,
    kind: 'conflicting-reports',
    eventId: `e${validFrom}`,
    type: 'CooperationSuspended',
    from: 'active',
    to: 'suspended',
    conflicts: 1,
  };
}

/** Tables holding a key's two rows and their two facts. */
function twoRows(): TablesHolding {
  return new TablesHolding({
    rows: [storedRow(10, 1), storedRow(20, 2)],
    facts: [fact(10, 1), fact(20, 2)],
    anomalies: [],
  });
}

/** A key the tables hold, met again. */
function seeded(residency: Residency, tables: KeyTables = twoRows()): KeyInMemory {
  return new KeyInMemory(7, tables, { reportedUntil: null, unorderedFrom: null }, residency);
}

describe('a key held in memory by a one-pass catch-up', () => {
  it('given a key read from the tables, when a row is replaced and a fact added, then only what is new is unwritten, the replaced row is an end of a stored version, and the count follows', () => {
    const residency = new Residency();
    const key = seeded(residency);
    expect(residency.held).toBe(0);

    const [, last] = [...key.rowsFrom(7, 0)];
    expect(residency.held).toBe(2);
    key.closeRow(7, last, at(5));
    const replacement = key.insertRow(7, { ...last, validFrom: 20 }, at(5));
    key.addFact(fact(30, 3));

    expect(key.unwritten).toEqual({ rows: [replacement], facts: [fact(30, 3)], anomalies: [] });
    expect(key.endedStored.rows).toEqual([{ version: last, at: at(5) }]);
    expect(residency.held).toBe(3);
  });

  it('given a row begun since the last commit, when it ends at a later record time, then it is written once, closed; at the same record time, not at all', () => {
    const key = seeded(new Residency());
    const later = key.insertRow(7, storedRow(30, 0), at(5));
    key.closeRow(7, later, at(6));
    const fleeting = key.insertRow(7, storedRow(40, 0), at(6));
    key.closeRow(7, fleeting, at(6));

    expect(key.ended.rows).toEqual([{ version: later, ended: at(6) }]);
    expect(key.endedStored.rows).toEqual([]);
    expect(key.unwritten.rows).toEqual([]);
  });

  it('given facts of the tables and new ones, when a report’s facts are removed, then the stored one is to delete and the new one just goes; after a commit nothing is unwritten and an eviction gives its count back', () => {
    const residency = new Residency();
    const key = seeded(residency);
    key.addFact(fact(15, 3));
    key.removeFactsAt(3);
    key.removeFactsAt(1);

    expect(key.factsRemoved).toEqual([fact(10, 1)]);
    expect(key.unwritten.facts).toEqual([]);
    expect(key.allFacts()).toEqual([fact(20, 2)]);

    key.written();
    expect(key.unwritten).toEqual({ rows: [], facts: [], anomalies: [] });
    expect(key.factsRemoved).toEqual([]);
    key.evicted();
    expect(residency.held).toBe(0);
  });

  it('given a key met again, when a fact starts after every row, then the tables are asked for its last row and whether they hold that fact, nothing more; after a commit, reading its facts holds each once', () => {
    const tables = twoRows();
    const residency = new Residency();
    const key = seeded(residency, tables);

    const last = key.lastRow(7);
    const next = key.insertRow(7, storedRow(30, 0), at(5));
    key.addFact(fact(30, 3));
    key.insertAnomaly(7, anomaly(30), at(5));

    expect(last).toEqual(storedRow(20, 2));
    expect(tables.reads).toEqual(['row before Infinity', 'has fact']);
    expect(key.unwritten).toEqual({
      rows: [next],
      facts: [fact(30, 3)],
      anomalies: [{ ...anomaly(30), recordedFrom: 5, reportedFrom: 5 }],
    });

    key.written();
    tables.held.facts.push(fact(30, 3));
    expect(key.allFacts()).toEqual([fact(10, 1), fact(20, 2), fact(30, 3)]);
    expect(residency.held).toBe(2 + 3);
  });

  it('given a key met again, when the row before an early start is asked, then the rows from that one on come from the tables, once, in order', () => {
    const tables = twoRows();
    const key = seeded(new Residency(), tables);

    expect(key.rowBefore(7, 15)).toEqual(storedRow(10, 1));
    expect([...key.rowsFrom(7, 0)]).toEqual([storedRow(10, 1), storedRow(20, 2)]);
    expect(tables.reads).toEqual([
      'row before Infinity',
      'row before 15',
      'rows [10, 20)',
      'rows [0, 10)',
    ]);
  });

  it('given a fact the tables hold, when one of the same start and report is added, then the stored one is to delete and the new one is in effect', () => {
    const key = seeded(new Residency());
    const replacement = { ...fact(20, 2), eventId: 'e2-corrected' };

    key.addFact(replacement);

    expect(key.factsRemoved).toEqual([fact(20, 2)]);
    expect(key.allFacts()).toEqual([fact(10, 1), replacement]);
  });

  it('given anomalies of the tables and one raised before they were read, when they are read, then all are in fold order', () => {
    const stored = { ...anomaly(20), recordedFrom: 2, reportedFrom: 2 };
    const key = seeded(
      new Residency(),
      new TablesHolding({ rows: [storedRow(20, 2)], facts: [], anomalies: [stored] }),
    );
    key.insertAnomaly(7, { ...anomaly(10), seq: 0 }, at(5));

    expect(key.anomaliesBetween(7, 0, 100).map((a) => a.validFrom)).toEqual([10, 20]);
  });

  it('given a stored fact not read yet, when its report is removed twice before a commit and the facts are then read, then it is to delete once and is not in effect', () => {
    const tables = twoRows();
    const key = seeded(new Residency(), tables);

    expect(key.removeFactsAt(1)).toEqual([fact(10, 1)]);
    expect(key.removeFactsAt(1)).toEqual([]);

    expect(key.factsRemoved).toEqual([fact(10, 1)]);
    expect([...key.factGroupsFrom(7, 0)]).toEqual([[fact(20, 2)]]);
  });
});
