import { append } from '@entente/domain';
import { KeyRows } from './key-rows';
import type { KeyTables } from './key-tables';
import { Residency } from './memory-timeline-store';
import type { Standing, StoredRow } from './timeline-model';

function row(validFrom: number): StoredRow {
  return {
    validFrom,
    standing: { status: 'active' } as Standing,
    group: append(null, `e${validFrom}`),
    recordedFrom: 1,
    reportedFrom: 1,
  };
}

/** Tables holding rows only, saying what was read of them. */
function tablesWith(rows: StoredRow[]): KeyTables & { reads: string[] } {
  const reads: string[] = [];
  const none = () => {
    throw new Error('rows read no facts or anomalies');
  };
  return {
    reads,
    rowBefore: (_keyId, ms) => {
      reads.push(`row before ${ms}`);
      return rows.filter((r) => r.validFrom < ms).at(-1) ?? null;
    },
    rowsBetween: (_keyId, from, to) => {
      reads.push(`rows [${from}, ${to})`);
      return rows.filter((r) => r.validFrom >= from && r.validFrom < to);
    },
    factsBetween: none,
    factsAt: none,
    anomalies: none,
    hasFact: none,
  };
}

describe('the rows of a key met again, read back as far as asked', () => {
  it('given rows at 10, 20 and 30 in the tables, when the last one is closed and the row before 35 is asked, then the one at 20 is read, and nothing before it', () => {
    const tables = tablesWith([row(10), row(20), row(30)]);
    const rows = new KeyRows(7, tables, new Residency());

    const last = rows.before(Infinity)!;
    rows.remove(last);

    expect(rows.before(35)).toEqual(row(20));
    expect(tables.reads).toEqual(['row before Infinity', 'row before 30', 'rows [20, 30)']);
  });

  it('given a row inserted before those read, when the rows from its start are listed, then they come in order with those of the tables between', () => {
    const tables = tablesWith([row(10), row(20), row(30)]);
    const residency = new Residency();
    const rows = new KeyRows(7, tables, residency);
    rows.before(Infinity);

    rows.insert(row(15));

    expect([...rows.from(15)].map((r) => r.validFrom)).toEqual([15, 20, 30]);
    expect([...rows.from(0)].map((r) => r.validFrom)).toEqual([10, 15, 20, 30]);
    // Inserting is counted by the key; reading back by the rows: 30, then 20, then 10.
    expect(residency.held).toBe(3);
  });

  it('given a key the tables hold nothing of, when its rows are asked, then nothing is read', () => {
    const rows = new KeyRows(7, null, new Residency());

    expect(rows.before(Infinity)).toBeNull();
    expect([...rows.from(0)]).toEqual([]);
  });
});
