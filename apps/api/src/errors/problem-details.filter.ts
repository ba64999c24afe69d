import { EntenteError, type ErrorCode } from '@entente/common';
import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';

const STATUS_OF: Record<ErrorCode, number> = {
  validation: 400,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'unavailable',
};

/** The one place where failures become HTTP: every error leaves as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = { ...this.toProblem(exception), instance: request.originalUrl };
    if (body.status >= 500) this.logger.error(exception);
    if (response.headersSent) {
      // A stream (server-sent events) already started: all that is left is to end it.
      response.end();
      return;
    }
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof EntenteError) {
      const { issues, ...details } = exception.details as { issues?: unknown };
      return problem(STATUS_OF[exception.code], exception.code, exception.message, {
        ...details,
        ...(issues ? { errors: issues } : {}),
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return problem(status, CODE_OF_STATUS[status] ?? `http-${status}`, detailOf(exception));
    }
    const status = statusOfFrameworkError(exception);
    if (status) {
      return problem(
        status,
        CODE_OF_STATUS[status] ?? `http-${status}`,
        (exception as Error).message,
      );
    }
    return problem(500, 'internal', 'an unexpected error occurred; it has been logged');
  }
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** body-parser reports malformed or oversized bodies as errors that carry their HTTP status. */
function statusOfFrameworkError(exception: unknown): number | undefined {
  const status = (exception as { status?: unknown; expose?: unknown } | null)?.status;
  const expose = (exception as { expose?: unknown } | null)?.expose;
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true
    ? status
    : undefined;
}
