import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ActorsModule } from './actors/actors.module';
import { AdminModule } from './admin/admin.module';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthModule } from './auth/auth.module';
import { FixedWindowThrottlerStorage } from './auth/fixed-window-throttler.storage';
import { KeyThrottlerGuard } from './auth/key-throttler.guard';
import { AppConfig } from './config/app-config';
import { AppConfigModule, type AppConfigOptions } from './config/app-config.module';
import { EventStoreModule } from './event-store/event-store.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProjectionsModule } from './projections/projections.module';
import { RelationsModule } from './relations/relations.module';
import { WebModule } from './web/web.module';
import { SeriesModule } from './series/series.module';
import { ChangesModule } from './changes/changes.module';
import { DiffModule } from './diff/diff.module';

@Module({})
export class AppModule {
  /** Async so that a configuration error reaches the caller, not an unhandled rejection. */
  static async forRoot(options: AppConfigOptions = {}): Promise<DynamicModule> {
    const config = await AppConfigModule.forRoot(options);
    return {
      module: AppModule,
      imports: [
        config,
        MetricsModule,
        ThrottlerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            throttlers: [{ ttl: config.rateLimit.windowMs, limit: config.rateLimit.limit }],
            storage: new FixedWindowThrottlerStorage(),
          }),
        }),
        EventStoreModule,
        ProjectionsModule,
        AuthModule,
        HealthModule,
        EventsModule,
        RelationsModule,
        ActorsModule,
        LiveModule,
        AdminModule,
        WebModule,
        SeriesModule,
        DiffModule,
        ChangesModule,
      ],
      // Guards run in this order: the rate limit first, so that guessing keys is limited too.
      providers: [
        { provide: APP_GUARD, useClass: KeyThrottlerGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
    };
  }
}
