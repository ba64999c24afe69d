import {
  EVENT_STORE,
  openSqliteDatabase,
  type EventStore,
  type SqliteDatabase,
} from '@entente/event-store';
import {
  ACTOR_REGISTRY,
  EVENT_INDEX,
  RELATION_TIMELINE,
  ActorRegistryQueries,
  EventIndexQueries,
  ProjectionManager,
  READ_MODELS,
  RelationTimelineQueries,
} from '@entente/projections';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DATA_DIR_LOCK } from '../event-store/event-store.module';
import { ReadConsistency } from './read-consistency';

export const READ_MODEL_DB = Symbol('ReadModelDatabase');

@Injectable()
class ProjectionsLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    private readonly manager: ProjectionManager,
    @Inject(READ_MODEL_DB) private readonly db: SqliteDatabase,
  ) {}

  onApplicationBootstrap(): void {
    this.manager.start();
  }

  /** Applies what was received, so the checkpoint is flushed before the store closes. */
  beforeApplicationShutdown(): void {
    this.manager.stop();
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}

/**
 * The read models live in their own SQLite file beside the store (with EventStoreDB, on each API node).
 * They can always be rebuilt from the log, so they trade the last fsync for speed: after a power cut they
 * resume from their own, consistent, checkpoint.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODEL_DB,
      inject: [AppConfig, DATA_DIR_LOCK],
      useFactory: (config: AppConfig) =>
        openSqliteDatabase(config.readModelFile, { durability: 'normal', cacheMb: 64 }),
    },
    {
      provide: ProjectionManager,
      inject: [EVENT_STORE, READ_MODEL_DB],
      useFactory: (store: EventStore, db: SqliteDatabase) =>
        new ProjectionManager(store, db, READ_MODELS, new Logger('Projections')),
    },
    {
      provide: RelationTimelineQueries,
      inject: [READ_MODEL_DB, ProjectionManager],
      useFactory: (db: SqliteDatabase, manager: ProjectionManager) =>
        new RelationTimelineQueries(db, () => manager.live(RELATION_TIMELINE)),
    },
    {
      provide: EventIndexQueries,
      inject: [READ_MODEL_DB, ProjectionManager],
      useFactory: (db: SqliteDatabase, manager: ProjectionManager) =>
        new EventIndexQueries(db, () => manager.live(EVENT_INDEX)),
    },
    {
      provide: ActorRegistryQueries,
      inject: [READ_MODEL_DB, ProjectionManager],
      useFactory: (db: SqliteDatabase, manager: ProjectionManager) =>
        new ActorRegistryQueries(db, () => manager.live(ACTOR_REGISTRY)),
    },
    ReadConsistency,
    ProjectionsLifecycle,
  ],
  exports: [
    ProjectionManager,
    RelationTimelineQueries,
    EventIndexQueries,
    ActorRegistryQueries,
    ReadConsistency,
  ],
})
export class ProjectionsModule {}
