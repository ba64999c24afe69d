import { timeOrderedIds, type Clock } from '@entente/common';
import { openSqliteDatabase, type EventStore } from '@entente/event-store';
import type { ActorLookupPort } from '@entente/importers';
import {
  EVENT_INDEX,
  EventIndexQueries,
  ProjectionManager,
  eventIndexProjection,
} from '@entente/projections';
import {
  createRecorder,
  storeActorDirectory,
  storeLocator,
  type EventLocator,
  type Recorder,
} from '@entente/recording';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';

export interface Recording {
  readonly recorder: Recorder;
  readonly actors: ActorLookupPort;
  close(): void;
}

const INDEX_WAIT_MS = 120_000;

/**
 * The recorder the import writes through. The embedded store finds stored events by id itself; on
 * EventStoreDB an event index of the import's own (in DATA_DIR, apart from any API node's read models)
 * answers, once it covers the store's head: what makes a rerun find what an earlier run stored.
 */
export function recordingFor(store: EventStore, clock: Clock, dataDir: string): Recording {
  const actors = storeActorDirectory(store);
  if (store.readEvents) {
    return {
      recorder: createRecorder({
        store,
        clock,
        newId: timeOrderedIds(),
        actors,
        locator: storeLocator(store),
      }),
      actors,
      close: () => undefined,
    };
  }
  const db = openSqliteDatabase(join(dataDir, 'import-event-index.db'), { durability: 'normal' });
  const manager = new ProjectionManager(
    store,
    db,
    [eventIndexProjection],
    new Logger('Import index'),
  );
  manager.start();
  const index = new EventIndexQueries(db, () => manager.live(EVENT_INDEX));
  const locator: EventLocator = {
    async find(eventIds) {
      if (!(await manager.waitFor(await store.headPosition(), INDEX_WAIT_MS))) {
        throw new Error('the import event index did not catch up with EventStoreDB');
      }
      const found = eventIds.map((id) => index.byId(id)).filter((e) => e !== undefined);
      return new Map(found.map((event) => [event.eventId, event]));
    },
  };
  return {
    recorder: createRecorder({ store, clock, newId: timeOrderedIds(), actors, locator }),
    actors,
    close: () => {
      manager.stop();
      db.close();
    },
  };
}
