import type { Clock } from '@entente/common';
import { lockDataDirectory, type EventStore } from '@entente/event-store';
import type { AppConfig } from '../../../api/src/config/app-config';
import { openEventStore } from '../../../api/src/event-store/event-store.module';

export interface OpenedStore {
  readonly store: EventStore;
  /** True for the embedded store in DATA_DIR, whose read models this process may bring up to date. */
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * The one place the CLI opens the configured store: the embedded SQLite store in DATA_DIR (locked for as
 * long as it is open with the server's own lock, so that no server or second import writes it meanwhile),
 * or EventStoreDB.
 */
export function openStoreExclusively(config: AppConfig, clock: Clock, holder: string): OpenedStore {
  const embedded = !config.eventStoreConnectionString;
  const lock = embedded ? lockDataDirectory(config.dataDir, holder) : null;
  try {
    const store = openEventStore(config, clock);
    return {
      store,
      embedded,
      close: async () => {
        try {
          await store.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
