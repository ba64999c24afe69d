import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { DataDirectoryLockedError } from '@entente/event-store';
import { Logger, type INestApplication } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, ConfigurationError } from './config/app-config';

// V8 lets its heap grow to up to four times what outlives a collection before it collects again, and keeps
// the pages: under a steady load the API's RSS climbed for half an hour (390 to 621 MB in the soak) while
// what was live stayed at 40-65 MB. Collecting at half as much again keeps the heap near what is live (in
// the 3-minute soak: V8's heap 74-121 MB instead of 77-250, RSS 185-225 MB instead of 261-350), for more
// frequent, mostly concurrent, collections.
setFlagsFromString('--heap-growing-percent=50');

const logger = new Logger('Entente');

async function bootstrap(): Promise<void> {
  const app = await createApp();
  stopOnSignals(app);
  const config = app.get(AppConfig);
  await app.listen(config.port, config.host);
  const store = config.eventStoreConnectionString ? 'EventStoreDB' : config.eventStoreFile;
  logger.log(`listening on http://${config.host}:${config.port} (events: ${store})`);
}

/**
 * One graceful stop per process, whatever signal asks and however often: under `npm start`, Ctrl-C's
 * SIGINT arrives twice (from the terminal and forwarded by npm), and a second signal must not cut the
 * first stop short (Nest's own shutdown hooks let it kill the process mid-drain).
 */
function stopOnSignals(app: INestApplication): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.log(`${signal}: stopping`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
}

bootstrap().catch((error: unknown) => {
  // The logger may not exist yet: errors a user can act on are reported plainly, then the process stops.
  const plain = error instanceof ConfigurationError || error instanceof DataDirectoryLockedError;
  process.stderr.write(
    `${plain ? `entente: ${(error as Error).message}` : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
});
