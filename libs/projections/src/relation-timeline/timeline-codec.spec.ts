import { packId, packIds, unpackIds } from './timeline-codec';

describe('timeline id packing', () => {
  const ids = ['01520d7f-7910-7000-9f91-d3d1381d808a', 'ffffffff-0000-4abc-89ef-0123456789ab'];

  it('given canonical lowercase UUIDs, when packed, then each is its 16 bytes and unpacks as given', () => {
    const packed = packIds(ids);
    expect(Buffer.isBuffer(packed)).toBe(true);
    expect((packed as Buffer).toString('hex')).toBe(ids.map((id) => id.replace(/-/g, '')).join(''));
    expect(unpackIds(packed)).toEqual(ids);
  });

  it.each([
    ['uppercase hex', '01520D7F-7910-7000-9f91-d3d1381d808a'],
    ['no dashes', '01520d7f791070009f91d3d1381d808a'],
    ['a dash out of place', '01520d7f7-910-7000-9f91-d3d1381d808a'],
    ['a letter past f', '01520d7f-7910-7000-9f91-d3d1381d808g'],
    ['one character short', '01520d7f-7910-7000-9f91-d3d1381d808'],
    ['a name, not a UUID', 'report-1'],
  ])(
    'given a list holding an id with %s, when packed, then the whole list is kept exactly, as JSON',
    (_, odd) => {
      const packed = packIds([ids[0], odd]);
      expect(packed).toBe(JSON.stringify([ids[0], odd]));
      expect(unpackIds(packed)).toEqual([ids[0], odd]);
      expect(packId(odd)).toBe(JSON.stringify([odd]));
    },
  );
});
