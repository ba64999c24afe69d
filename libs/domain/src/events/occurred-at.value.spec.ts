import { ValidationError } from '@entente/common';
import { isApproximate, parseOccurredAt, tryParseOccurredAt } from '@entente/domain';

const NOW = new Date('2025-11-13T09:00:00.000Z');

describe('parseOccurredAt: when something happened, at the precision the sources give', () => {
  it.each([
    ['2024', 'year', '2024-01-01T00:00:00.000Z'],
    ['2024-06', 'month', '2024-06-01T00:00:00.000Z'],
    ['2024-06-05', 'day', '2024-06-05T00:00:00.000Z'],
    ['2025-11-11T22:30:00Z', 'instant', '2025-11-11T22:30:00.000Z'],
    ['2025-11-11T21:30:00-05:00', 'instant', '2025-11-12T02:30:00.000Z'],
    ['2025-11-11T21:30:00.5+01:00', 'instant', '2025-11-11T20:30:00.500Z'],
    ['2024-01-01T10:00:00+05:45', 'instant', '2024-01-01T04:15:00.000Z'],
    ['2024-02-29', 'day', '2024-02-29T00:00:00.000Z'],
    ['0950', 'year', '0950-01-01T00:00:00.000Z'],
  ])(
    'given %s, when parsed, then the precision is %s and it sorts from %s',
    (value, precision, start) => {
      expect(parseOccurredAt(value, NOW)).toEqual({ value, precision, start });
    },
  );

  it.each([
    ['2017-13-45', 'month must be 01 to 12'],
    ['2023-02-29', 'day must be 01 to 28'],
    ['2025-04-31', 'day must be 01 to 30'],
    ['2025-11-11T24:00:00Z', 'time of day out of range'],
    ['2025-11-11T10:00:00', 'is not a date'],
    ['11/11/2025', 'is not a date'],
    ['0000', 'year must be 0001 or later'],
    ['2024-01-01T10:00:00+05:60', 'offset +05:60 out of range'],
    ['2024-01-01T10:00:00-05:75', 'offset -05:75 out of range'],
    ['2024-01-01T10:00:00+14:30', 'offset +14:30 out of range'],
    ['', 'is required'],
  ])(
    'given %s, when parsed, then it is a validation error naming occurredAt (%s)',
    (value, message) => {
      try {
        parseOccurredAt(value, NOW);
        throw new Error('expected a ValidationError');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues).toEqual([
          { field: 'occurredAt', message: expect.stringContaining(message) },
        ]);
      }
    },
  );

  it('given dates after now, when parsed, then they are refused, but the current day, month and year are not', () => {
    expect(() => parseOccurredAt('2025-11-14', NOW)).toThrow(/after now/);
    expect(() => parseOccurredAt('2025-12', NOW)).toThrow(/after now/);
    expect(() => parseOccurredAt('2025-11-13T09:00:00.001Z', NOW)).toThrow(/after now/);
    expect(parseOccurredAt('2025-11-13', NOW).precision).toBe('day');
    expect(parseOccurredAt('2025-11', NOW).precision).toBe('month');
    expect(parseOccurredAt('2025', NOW).precision).toBe('year');
  });

  it('given an announcement of a future change, when future dates are allowed, then it parses', () => {
    expect(tryParseOccurredAt('2026-01', NOW, { allowFuture: true })).toEqual({
      ok: true,
      value: { value: '2026-01', precision: 'month', start: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('given each precision, when asked whether it is approximate, then only year and month are', () => {
    expect(
      ['year', 'month', 'day', 'instant'].map((p) => isApproximate({ precision: p as 'year' })),
    ).toEqual([true, true, false, false]);
  });
});
