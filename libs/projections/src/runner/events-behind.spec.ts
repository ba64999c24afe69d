import { estimateEvents } from './events-behind';

describe('how many events are behind the head', () => {
  it('given positions that count events (the embedded store), then the estimate is the distance', () => {
    const page = Array.from({ length: 256 }, (_, i) => 1_001 + i);
    expect(estimateEvents(1_000, 51_000, page, 256)).toBe(50_000);
  });

  it('given positions that grow by bytes, about 600 an event (EventStoreDB), then 12 MB behind is about 20,000 events, not 12 million', () => {
    const page = Array.from({ length: 256 }, (_, i) => 5_000 + 600 * (i + 1));
    expect(estimateEvents(5_000, 5_000 + 600 * 20_000, page, 256)).toBe(20_000);
  });

  it('given fewer events behind than a page, then they are counted, whatever the positions', () => {
    expect(estimateEvents(0, 90_000, [600, 1_200, 1_800], 256)).toBe(3);
    expect(estimateEvents(0, 90_000, [], 256)).toBe(0);
  });
});
