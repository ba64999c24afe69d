import { timeOrderedIds } from './id-generator';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedIds', () => {
  it('given a clock, when ids are made, then they are version-7 UUIDs that carry the time', () => {
    const id = timeOrderedIds(() => Date.parse('2025-11-11T22:30:00.000Z'))();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(
      Date.parse('2025-11-11T22:30:00.000Z'),
    );
  });

  it('given many ids in the same millisecond, when sorted as text, then they keep the order they were made in', () => {
    const next = timeOrderedIds(() => 1_700_000_000_000);
    const ids = Array.from({ length: 1000 }, next);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('given a clock that steps back, when ids are made, then they still increase', () => {
    let now = 1_700_000_000_500;
    const next = timeOrderedIds(() => now);
    const first = next();
    now -= 400;
    const second = next();
    expect(second > first).toBe(true);
  });
});
