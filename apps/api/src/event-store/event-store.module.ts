import type { Clock } from '@entente/common';
import {
  EVENT_STORE,
  EventStoreDbEventStore,
  lockDataDirectory,
  SqliteEventStore,
  type DataDirectoryLock,
  type EventStore,
} from '@entente/event-store';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, clockProviders } from '../common/clock.providers';
import { AppConfig } from '../config/app-config';
import { withAppendMetrics } from '../metrics/instrumented-event-store';
import { Metrics } from '../metrics/metrics';

/** This process's hold on DATA_DIR: whatever opens a file there injects it, so it is taken first. */
export const DATA_DIR_LOCK = Symbol('DataDirectoryLock');

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATA_DIR_LOCK) private readonly lock: DataDirectoryLock,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.lock.release();
  }
}

/** The embedded SQLite file unless EVENTSTORE_CONNECTION_STRING names EventStoreDB. */
export function openEventStore(config: AppConfig, clock: Clock): EventStore {
  if (config.eventStoreConnectionString) {
    // Record time comes from the server at commit, not from this node's clock.
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString);
  }
  return SqliteEventStore.open({
    file: config.eventStoreFile,
    durability: config.sqliteDurability,
    clock,
    checkpoints: 'background',
  });
}

@Global()
@Module({
  providers: [
    ...clockProviders,
    {
      provide: DATA_DIR_LOCK,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => lockDataDirectory(config.dataDir),
    },
    {
      provide: EVENT_STORE,
      inject: [AppConfig, CLOCK, Metrics, DATA_DIR_LOCK],
      useFactory: (config: AppConfig, clock: Clock, metrics: Metrics) =>
        withAppendMetrics(openEventStore(config, clock), metrics),
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE, DATA_DIR_LOCK, ...clockProviders.map((p) => p.provide)],
})
export class EventStoreModule {}
