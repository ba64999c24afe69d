import { EVENT_STORE, type EventStore, type SqliteDatabase } from '@entente/event-store';
import {
  ActorRegistryQueries,
  DyadSeriesQueries,
  EventIndexQueries,
  openReadModelFile,
  openReadModels,
  ProjectionManager,
  RelationTimelineQueries,
  StateChangesQueries,
  type ReadModels,
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
const READ_MODELS_OPENED = Symbol('ReadModels');

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

@Global()
@Module({
  providers: [
    {
      provide: READ_MODEL_DB,
      inject: [AppConfig, DATA_DIR_LOCK],
      useFactory: (config: AppConfig) => openReadModelFile(config.readModelFile),
    },
    {
      provide: READ_MODELS_OPENED,
      inject: [EVENT_STORE, READ_MODEL_DB],
      useFactory: (store: EventStore, db: SqliteDatabase) =>
        openReadModels(store, db, { logger: new Logger('Projections') }),
    },
    fromReadModels(ProjectionManager, (models) => models.manager),
    fromReadModels(RelationTimelineQueries, (models) => models.timeline),
    fromReadModels(EventIndexQueries, (models) => models.events),
    fromReadModels(ActorRegistryQueries, (models) => models.actors),
    fromReadModels(DyadSeriesQueries, (models) => models.series),
    fromReadModels(StateChangesQueries, (models) => models.changes),
    ReadConsistency,
    ProjectionsLifecycle,
  ],
  exports: [
    ProjectionManager,
    RelationTimelineQueries,
    EventIndexQueries,
    ActorRegistryQueries,
    DyadSeriesQueries,
    StateChangesQueries,
    ReadConsistency,
  ],
})
export class ProjectionsModule {}

function fromReadModels<T>(
  provide: abstract new (...args: never[]) => T,
  part: (models: ReadModels) => T,
) {
  return { provide, inject: [READ_MODELS_OPENED], useFactory: part };
}
