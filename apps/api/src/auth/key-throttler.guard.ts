import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { sessionCookieOf } from './session-cookie';

/**
 * Limits per API key or browser session when one is presented (so clients behind one proxy do not
 * share), else per address; one budget across every route, as RATE_LIMIT documents (the library's
 * default counts each route apart).
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as Request;
    const authorization = req.headers.authorization;
    if (authorization) return `key:${createHash('sha256').update(authorization).digest('hex')}`;
    const session = sessionCookieOf(req);
    if (session) return `session:${createHash('sha256').update(session).digest('hex')}`;
    return `ip:${req.ip ?? 'unknown'}`;
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }
}
