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
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './access.decorators';
import { ApiKeyStore, type Principal } from './api-key.store';

const RANK: Record<Role, number> = { reader: 0, recorder: 1, admin: 2 };

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Every route needs a key (`Authorization: Bearer <key>`) unless public; roles rank admin > recorder > reader. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, key] = (request.headers.authorization ?? '').split(' ');
    const principal =
      scheme?.toLowerCase() === 'bearer' && key ? this.keys.principalFor(key) : undefined;
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
}
