import { accepts, serverSideFilter } from './eventstoredb-filter';

const settings = { searchWindow: 32, multiplier: 2 };

describe('what EventStoreDB is asked to filter, and what the adapter checks itself', () => {
  it('given types, then the server filters on an exact, escaped type alternation', () => {
    const filter = serverSideFilter({ types: ['A.b', 'C+d'] }, settings, {});
    expect(filter).toMatchObject({ filterOn: 'eventType', regex: '^(?:A\\.b|C\\+d)$' });
    expect(new RegExp((filter as { regex: string }).regex).test('AXb')).toBe(false);
  });

  it('given only stream prefixes, then the server filters on them', () => {
    const filter = serverSideFilter({ streamPrefixes: ['report-'] }, settings, {});
    expect(filter).toMatchObject({ filterOn: 'streamName', prefixes: ['report-'] });
  });

  it('given no filter, then the server leaves out its own events, with the checkpoint settings', () => {
    const filter = serverSideFilter(undefined, settings, {});
    expect(filter).toMatchObject({
      filterOn: 'eventType',
      regex: '^[^$].*',
      maxSearchWindow: 32,
      checkpointInterval: 2,
    });
  });

  it('accepts what matches the whole port filter and is not a system event', () => {
    const filter = { types: ['A'], streamPrefixes: ['report-'] };
    expect(accepts({ stream: 'report-1', type: 'A' }, filter)).toBe(true);
    expect(accepts({ stream: 'actor-X', type: 'A' }, filter)).toBe(false);
    expect(accepts({ stream: '$stats-1', type: 'A' }, undefined)).toBe(false);
    expect(accepts({ stream: 'report-1', type: '$metadata' }, undefined)).toBe(false);
  });
});
