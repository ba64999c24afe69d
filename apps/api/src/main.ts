import 'reflect-metadata';
import { keepHeapNearLive } from '@entente/common';
import { DataDirectoryLockedError } from '@entente/event-store';
import { Logger, type INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.factory';
import { AppConfig, ConfigurationError } from './config/app-config';

keepHeapNearLive();

const logger = new Logger('Entente');

async function bootstrap(): Promise<void> {
  const app = await createApp();
  stopOnSignals(app);
  const config = app.get(AppConfig);
  await app.listen(config.port, config.host);
  const store = config.eventStoreConnectionString ? 'EventStoreDB' : config.eventStoreFile;
  // The bound port, not the configured one: PORT=0 asks the system for a free port, named here.
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`listening on http://${config.host}:${port} (events: ${store})`);
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
