import { EVENT_STORE, SqliteEventStore, type EventStore } from '@entente/event-store';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Chooses the event store from configuration: the embedded SQLite file unless EventStoreDB is named. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [AppConfig],
      useFactory: (config: AppConfig): EventStore =>
        SqliteEventStore.open({ file: config.eventStoreFile, durability: config.sqliteDurability }),
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
