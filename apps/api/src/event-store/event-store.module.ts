import type { Clock } from '@entente/common';
import {
  EVENT_STORE,
  EventStoreDbEventStore,
  SqliteEventStore,
  type EventStore,
} from '@entente/event-store';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, clockProviders } from '../common/clock.providers';
import { AppConfig } from '../config/app-config';
import { withAppendMetrics } from '../metrics/instrumented-event-store';
import { Metrics } from '../metrics/metrics';

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The embedded SQLite file unless EVENTSTORE_CONNECTION_STRING names EventStoreDB. */
export function openEventStore(config: AppConfig, clock: Clock): EventStore {
  if (config.eventStoreConnectionString) {
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString, { clock });
  }
  return SqliteEventStore.open({
    file: config.eventStoreFile,
    durability: config.sqliteDurability,
    clock,
  });
}

@Global()
@Module({
  providers: [
    ...clockProviders,
    {
      provide: EVENT_STORE,
      inject: [AppConfig, CLOCK, Metrics],
      useFactory: (config: AppConfig, clock: Clock, metrics: Metrics) =>
        withAppendMetrics(openEventStore(config, clock), metrics),
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE, ...clockProviders.map((p) => p.provide)],
})
export class EventStoreModule {}
