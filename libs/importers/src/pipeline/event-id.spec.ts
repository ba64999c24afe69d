import { importedEventId } from './event-id';

describe('imported event ids', () => {
  it('given the same dataset and key twice, then the same UUIDv5', () => {
    const id = importedEventId('icews', '32889836', '2018-06-01');
    expect(id).toBe(importedEventId('icews', '32889836', '2018-06-01'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('given an ICEWS id reused on another date, then another fact', () => {
    expect(importedEventId('icews', '1', '2018-06-01')).not.toBe(
      importedEventId('icews', '1', '2019-06-01'),
    );
  });

  it('given the same id in two datasets, then two facts', () => {
    expect(importedEventId('gdelt', 'v2', '1')).not.toBe(importedEventId('polecat', '1'));
  });
});
