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
import { PUBLIC_ROUTE, REQUIRED_ROLE, SESSION_RENEWAL } from './access.decorators';
import { ApiKeyStore, type Principal } from './api-key.store';
import { FailedAuthenticationLimiter } from './failed-authentication.limiter';
import { sessionCookieOf } from './session-cookie';
import { SessionTokens, type Session } from './session-tokens';

const RANK: Record<Role, number> = { reader: 0, recorder: 1, admin: 2 };

/** Reads change nothing, so a cookie (which the browser sends by itself) may authorise them. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export type AuthenticatedRequest = Request & { principal?: Principal; session?: Session };

/**
 * Every route needs a key (`Authorization: Bearer <key>`) unless public; roles rank admin > recorder >
 * reader. A browser session (`POST /v1/session`) stands for a reader key on GET routes when no
 * Authorization header is sent. An address that fails too often is refused for the rest of its window,
 * whatever it sends, so that keys cannot be guessed.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    private readonly sessions: SessionTokens,
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
    const principal = this.authenticate(
      request,
      this.reflector.getAllAndOverride<boolean>(SESSION_RENEWAL, targets) ?? false,
    );
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

  private authenticate(request: AuthenticatedRequest, renewal: boolean): Principal | undefined {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return this.keys.principalOf(authorization);
    const cookie = sessionCookieOf(request);
    if (!cookie || !(SAFE_METHODS.has(request.method) || renewal)) return undefined;
    request.session = this.sessions.verify(cookie);
    return request.session?.principal;
  }
}
