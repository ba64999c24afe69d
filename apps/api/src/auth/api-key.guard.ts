import { ForbiddenError } from '@entente/common';
import {
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Role } from '../config/app-config';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './access.decorators';
import { ApiKeyStore, type Principal } from './api-key.store';
import { FailedAuthenticationLimiter } from './failed-authentication.limiter';

const RANK: Record<Role, number> = { reader: 0, recorder: 1, admin: 2 };

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Every route needs a key (`Authorization: Bearer <key>`) unless public; roles rank admin > recorder > reader.
 * An address that fails too often is refused for the rest of its window, so keys cannot be guessed.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    private readonly failures: FailedAuthenticationLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const address = request.ip ?? 'unknown';
    const blockedFor = this.failures.blockedFor(address);
    if (blockedFor > 0) {
      response.setHeader('Retry-After', String(blockedFor));
      throw new HttpException(
        `too many failed authentications from this address; retry in ${blockedFor} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const principal = this.keys.principalOf(request.headers.authorization);
    if (!principal) {
      this.failures.failed(address);
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('a valid API key is required: Authorization: Bearer <key>');
    }
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'reader';
    if (RANK[principal.role] < RANK[required]) {
      throw new ForbiddenError(
        `this needs the ${required} role; the key given is a ${principal.role} key`,
        {
          requiredRole: required,
        },
      );
    }
    request.principal = principal;
    return true;
  }
}
