import type { RecordedEvent } from '../event-store.port';
import { StreamIndex, StreamKnowledge } from './eventstoredb-stream-index';

const at = (revision: number): RecordedEvent =>
  ({ eventId: `id-${revision}`, revision }) as unknown as RecordedEvent;

describe('what the adapter knows of a stream', () => {
  it('given events learned out of order, then the known prefix grows only once it has no gap', () => {
    const knowledge = new StreamKnowledge();
    knowledge.learn([at(2), at(3)]);
    expect(knowledge.knownThrough).toBe(-1);
    expect(knowledge.revisionOf('ID-3')).toBe(3);
    knowledge.learn([at(0), at(1)]);
    expect(knowledge.knownThrough).toBe(3);
  });

  it('given more ids than it may hold, then the least recently used streams are forgotten first', () => {
    const index = new StreamIndex(3);
    index.learn('a', [at(0), at(1)]);
    index.learn('b', [at(0)]);
    index.of('a');
    index.learn('c', [at(0)]);
    expect(index.of('a').knownThrough).toBe(1);
    expect(index.of('b').knownThrough).toBe(-1);
  });
});
