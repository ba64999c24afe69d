import type { RecordedEvent } from '../event-store.port';

/**
 * What this process knows of one stream's event ids. Streams only grow, so knowledge never goes stale: it
 * can only be incomplete, and `knownThrough` says how far it is complete.
 */
export class StreamKnowledge {
  /** Every id at revisions 0..knownThrough is known; -1 before anything was read. */
  knownThrough = -1;
  private readonly revisions = new Map<string, number>();
  private readonly seen = new Set<number>();

  revisionOf(eventId: string): number | undefined {
    return this.revisions.get(eventId.toLowerCase());
  }

  get size(): number {
    return this.revisions.size;
  }

  /** Events read or written, in any order; what joins on to the known prefix extends it. */
  learn(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      this.revisions.set(event.eventId, event.revision);
      this.seen.add(event.revision);
    }
    while (this.seen.has(this.knownThrough + 1)) this.seen.delete(++this.knownThrough);
  }
}

/**
 * A bounded cache of stream knowledge, least recently used streams forgotten first. Forgetting is safe:
 * the next append to that stream reads its ids again.
 */
export class StreamIndex {
  private readonly streams = new Map<string, StreamKnowledge>();
  private ids = 0;

  constructor(private readonly maxIds = 200_000) {}

  of(stream: string): StreamKnowledge {
    let knowledge = this.streams.get(stream);
    if (knowledge) this.streams.delete(stream);
    else knowledge = new StreamKnowledge();
    this.streams.set(stream, knowledge);
    return knowledge;
  }

  learn(stream: string, events: readonly RecordedEvent[]): void {
    const knowledge = this.of(stream);
    const before = knowledge.size;
    knowledge.learn(events);
    this.ids += knowledge.size - before;
    this.evict(stream);
  }

  private evict(keep: string): void {
    for (const [stream, knowledge] of this.streams) {
      if (this.ids <= this.maxIds) return;
      if (stream === keep) continue;
      this.streams.delete(stream);
      this.ids -= knowledge.size;
    }
  }
}
