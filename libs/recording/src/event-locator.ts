import type { EventStore, RecordedEvent } from '@entente/event-store';

/**
 * Finds stored events by id, wherever they are stored: what makes a retry idempotent whichever route
 * first recorded the fact, and what tells an amendment which stream holds its fact.
 */
export interface EventLocator {
  find(eventIds: readonly string[]): Promise<ReadonlyMap<string, RecordedEvent>>;
}

/** The store's own index by event id (the embedded store has one); no read model is involved. */
export function storeLocator(store: EventStore): EventLocator {
  const readEvents = store.readEvents?.bind(store);
  if (!readEvents) {
    throw new Error(
      'this event store cannot find events by id: give the recorder a locator (e.g. the event index)',
    );
  }
  return {
    async find(eventIds) {
      const found = await readEvents(eventIds);
      return new Map(found.map((event) => [event.eventId, event]));
    },
  };
}
