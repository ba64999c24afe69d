import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfigModule, type AppConfigOptions } from '../../api/src/config/app-config.module';
import { ExportCommand } from './export/export.command';
import { ExportService } from './export/export.service';
import { ImportCommand } from './import/import.command';
import { ImportService } from './import/import.service';

/**
 * The command-line application: a Nest application context of its own (nest-commander), configured by
 * the API's one configuration schema (DATA_DIR, EVENTSTORE_CONNECTION_STRING, SQLITE_DURABILITY...).
 */
@Module({})
export class CliModule {
  static async forRoot(options: AppConfigOptions = {}): Promise<DynamicModule> {
    return {
      module: CliModule,
      imports: [await AppConfigModule.forRoot(options)],
      providers: [ImportService, ImportCommand, ExportService, ExportCommand],
    };
  }
}
