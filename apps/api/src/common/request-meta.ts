import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import type { RecordMeta } from '@entente/recording';

const CORRELATION_HEADER = 'x-correlation-id';

/** Who records, and the correlation id: the client's `X-Correlation-Id`, or a new one per request. */
export const Meta = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RecordMeta => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) throw new Error('Meta used on a public route');
    const given = request.headers[CORRELATION_HEADER];
    const correlationId =
      typeof given === 'string' && given.length > 0 && given.length <= 200 ? given : randomUUID();
    return { recordedBy: request.principal.name, correlationId };
  },
);
