import { ForbiddenError } from '@entente/common';
import {
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
import { sessionCookieOf } from './session-cookie';
import { SessionTokens, type Session } from './session-tokens';

const RANK: Record<Role, number> = { reader: 0, recorder: 1, admin: 2 };

/** Reads change nothing, so a cookie (which the browser sends by itself) may authorise them. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export type AuthenticatedRequest = Request & { principal?: Principal; session?: Session };

/**
 * Every route needs a key (`Authorization: Bearer <key>`) unless public; roles rank admin > recorder >
 * reader. A browser session (`POST /v1/session`) stands for a reader key on GET routes when no
 * Authorization header is sent.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    private readonly sessions: SessionTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(
      request,
      this.reflector.getAllAndOverride<boolean>(SESSION_RENEWAL, targets) ?? false,
    );
    if (!principal) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
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
    if (authorization !== undefined) {
      const [scheme, key] = authorization.split(' ');
      return scheme?.toLowerCase() === 'bearer' && key ? this.keys.principalFor(key) : undefined;
    }
    const cookie = sessionCookieOf(request);
    if (!cookie || !(SAFE_METHODS.has(request.method) || renewal)) return undefined;
    request.session = this.sessions.verify(cookie);
    return request.session?.principal;
  }
}
