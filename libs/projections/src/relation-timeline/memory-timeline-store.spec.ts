import { append } from '@entente/domain';
import { KeyInMemory, Residency } from './memory-timeline-store';
import type { Standing, StoredRow, TimelineFact } from './timeline-model';

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

/** A key read from the tables: two rows and their two facts. */
function seeded(residency: Residency): KeyInMemory {
  return new KeyInMemory(
    7,
    {
      rows: [storedRow(10, 1), storedRow(20, 2)],
      facts: [fact(10, 1), fact(20, 2)],
      anomalies: [],
      order: { reportedUntil: null, unorderedFrom: null },
    },
    residency,
  );
}

describe('a key held in memory by a one-pass catch-up', () => {
  it('given a key read from the tables, when a row is replaced and a fact added, then only what is new is unwritten, the replaced row is an end of a stored version, and the count follows', () => {
    const residency = new Residency();
    const key = seeded(residency);
    expect(residency.held).toBe(4);

    const [, last] = [...key.rowsFrom(7, 0)];
    key.closeRow(7, last, at(5));
    const replacement = key.insertRow(7, { ...last, validFrom: 20 }, at(5));
    key.addFact(fact(30, 3));

    expect(key.unwritten).toEqual({ rows: [replacement], facts: [fact(30, 3)], anomalies: [] });
    expect(key.endedStored.rows).toEqual([{ version: last, at: at(5) }]);
    expect(residency.held).toBe(5);
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
    expect(key.facts).toEqual([fact(20, 2)]);

    key.written();
    expect(key.unwritten).toEqual({ rows: [], facts: [], anomalies: [] });
    expect(key.factsRemoved).toEqual([]);
    key.evicted();
    expect(residency.held).toBe(0);
  });
});
