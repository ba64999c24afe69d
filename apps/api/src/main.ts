import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, ConfigurationError } from './config/app-config';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get(AppConfig);
  await app.listen(config.port, config.host);
  const store = config.eventStoreConnectionString ? 'EventStoreDB' : config.eventStoreFile;
  new Logger('Entente').log(`listening on http://${config.host}:${config.port} (events: ${store})`);
}

bootstrap().catch((error: unknown) => {
  // The logger may not exist yet: configuration errors are reported plainly, then the process stops.
  process.stderr.write(
    `${error instanceof ConfigurationError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
});
