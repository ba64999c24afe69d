import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, parseAppConfig } from './app-config';

export interface AppConfigOptions {
  /** An explicit environment, instead of the process's and `.env`: for tests and tools. */
  readonly env?: Record<string, string | undefined>;
}

/**
 * NestJS's ConfigModule reads the process environment and `.env`; our schema validates it once, here,
 * and the app receives a typed `AppConfig`.
 */
@Global()
@Module({})
export class AppConfigModule {
  static async forRoot(options: AppConfigOptions = {}): Promise<DynamicModule> {
    let config: AppConfig | undefined;
    const explicit = options.env;
    const configModule = await ConfigModule.forRoot({
      ignoreEnvFile: explicit !== undefined,
      validatePredefined: explicit === undefined,
      validate: (raw) => {
        config = parseAppConfig(explicit ?? raw);
        return raw;
      },
    });
    return {
      module: AppConfigModule,
      imports: [configModule],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
