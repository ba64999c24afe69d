import { ValidationError as EntenteValidationError } from '@entente/common';
import { ValidationPipe, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { AppModule } from './app.module';
import { jsonContentType } from './common/json-content-type.middleware';
import { shapeIssues } from './common/shape-issues';
import { jsonShapeMiddleware } from './common/json-shape.middleware';
import { AppConfig } from './config/app-config';
import type { AppConfigOptions } from './config/app-config.module';
import { answerClientErrorsAsProblems } from './errors/client-error.handler';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { PinoLoggerService } from './logging/pino-logger.service';
import { Metrics } from './metrics/metrics';
import { observeRequests } from './metrics/request-observer';
import { mountOpenApi } from './openapi/openapi-document';

export interface CreateAppOptions extends AppConfigOptions {
  /** Defaults to a pino logger at LOG_LEVEL. */
  readonly logger?: LoggerService | false;
}

/** Builds the whole HTTP app; `main.ts` listens on it, and e2e tests drive it on a random port. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const module = await AppModule.forRoot(options);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    // A failure to start (a data directory in use) is the caller's to report, once and plainly: no process
    // exit, and no replay of the buffered start-up lines with a stack trace.
    abortOnError: false,
    autoFlushLogs: false,
    bodyParser: false,
    bufferLogs: true,
    logger: options.logger === false ? false : undefined,
  });
  const config = app.get(AppConfig);
  const logger =
    options.logger === false
      ? undefined
      : (options.logger ?? new PinoLoggerService(config.logLevel));
  if (logger) app.useLogger(logger);
  // What Nest said while the modules were made goes to the logger now (autoFlushLogs is off, see above).
  app.flushLogs();
  app.use(
    observeRequests(
      app.get(Metrics),
      logger instanceof PinoLoggerService ? logger.pino : undefined,
    ),
  );
  app.use(jsonContentType);
  app.useBodyParser('json', {
    limit: config.bodyLimitBytes,
    type: ['application/json', 'application/*+json'],
  });
  app.use(jsonShapeMiddleware);
  answerClientErrorsAsProblems(app.getHttpServer());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => EntenteValidationError.of(shapeIssues(errors)),
    }),
  );
  // Browser sessions (POST /v1/session) arrive as a cookie.
  app.use(cookieParser());
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'HEAD', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', 'X-Correlation-Id'],
      // Cross-origin callers send their key; the session cookie is for this origin's page only.
      credentials: false,
      maxAge: 600,
    });
  }
  app.disable('x-powered-by');
  await mountOpenApi(app);
  return app;
}
