import { ValidationError as EntenteValidationError } from '@entente/common';
import { ValidationPipe, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { jsonContentType } from './common/json-content-type.middleware';
import { withValidationBounds, type PluginMetadata } from './common/openapi-bounds';
import { shapeIssues } from './common/shape-issues';
import { AppConfig } from './config/app-config';
import type { AppConfigOptions } from './config/app-config.module';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { PinoLoggerService } from './logging/pino-logger.service';
import openApiMetadata from './openapi.metadata';

export interface CreateAppOptions extends AppConfigOptions {
  /** Defaults to a pino logger at LOG_LEVEL. */
  readonly logger?: LoggerService | false;
}

/** Builds the whole HTTP app; `main.ts` listens on it, and e2e tests drive it on a random port. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const module = await AppModule.forRoot(options);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    bufferLogs: true,
    logger: options.logger === false ? false : undefined,
  });
  const config = app.get(AppConfig);
  if (options.logger !== false)
    app.useLogger(options.logger ?? new PinoLoggerService(config.logLevel));
  app.use(jsonContentType);
  app.useBodyParser('json', {
    limit: config.bodyLimitBytes,
    type: ['application/json', 'application/*+json'],
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => EntenteValidationError.of(shapeIssues(errors)),
    }),
  );
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  await mountOpenApi(app);
  return app;
}

async function mountOpenApi(app: INestApplication): Promise<void> {
  const metadata = await withValidationBounds(
    (await openApiMetadata()) as unknown as PluginMetadata,
  );
  await SwaggerModule.loadPluginMetadata(async () => metadata);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Entente')
      .setDescription(
        'Diplomatic facts recorded once as immutable events; relationship timelines as they were, and as they were known.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
