import { toLogPosition, toPortPosition } from './eventstoredb-position';

describe('EventStoreDB positions as port numbers', () => {
  it('given an event at commit c, then it is 2c + 1 and maps back to (c, c)', () => {
    expect(toPortPosition({ commit: 1234n, prepare: 1234n })).toBe(2469);
    expect(toLogPosition(2469)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('given a checkpoint that stops before the record at c, then it is 2c and maps back to (c, 0)', () => {
    expect(toPortPosition({ commit: 1234n, prepare: 0n })).toBe(2468);
    expect(toLogPosition(2468)).toEqual({ commit: 1234n, prepare: 0n });
  });

  it('keeps the server order: (c, 0) < (c, c) < (c + 1, 0)', () => {
    const ordered = [
      { commit: 10n, prepare: 0n },
      { commit: 10n, prepare: 10n },
      { commit: 11n, prepare: 0n },
      { commit: 11n, prepare: 11n },
    ].map(toPortPosition);
    expect([...ordered].sort((a, b) => a - b)).toEqual(ordered);
    expect(new Set(ordered).size).toBe(4);
  });

  it('given the start of the log, then it is 0 both ways', () => {
    expect(toPortPosition({ commit: 0n, prepare: 0n })).toBe(0);
    expect(toLogPosition(0)).toBe('start');
  });

  it('refuses numbers that cannot be positions', () => {
    expect(() => toLogPosition(-1)).toThrow(RangeError);
    expect(() => toLogPosition(1.5)).toThrow(RangeError);
  });
});
