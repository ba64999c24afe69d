import 'reflect-metadata';
import { keepHeapNearLive } from '@entente/common';
import { CommandFactory } from 'nest-commander';
import { ConfigurationError } from '../../api/src/config/app-config';
import { CliModule } from './cli.module';
import { EXIT_CANNOT_RUN } from './cli-failure';

// An import's catch-up folds as many events as a rebuild does, in this process.
keepHeapNearLive();

/**
 * `npm run import -- <format> <file...>` and `npm run export`. Log lines (warnings) go to stderr; the
 * summary and exports to stdout.
 */
async function bootstrap(): Promise<void> {
  await CommandFactory.run(await CliModule.forRoot(), {
    logger: ['error', 'warn'],
    cliName: 'entente',
    errorHandler: (error) => {
      // Commander's own usage errors (unknown option, missing argument) have printed their message.
      const code = (error as { code?: string }).code;
      process.exit(
        code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : EXIT_CANNOT_RUN,
      );
    },
  });
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `entente: ${error instanceof ConfigurationError ? error.message : ((error as Error).message ?? String(error))}\n`,
  );
  process.exit(EXIT_CANNOT_RUN);
});
