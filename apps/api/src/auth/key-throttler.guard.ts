import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { ApiKeyStore } from './api-key.store';
import { sessionCookieOf } from './session-cookie';
import { SessionTokens } from './session-tokens';

/**
 * Limits per API key or browser session when a valid one is presented (so clients behind one proxy do
 * not share), else per address: a wrong key or a forged cookie counts against its address, so that
 * guesses cannot each open a budget (and an entry) of their own. One budget across every route, as
 * RATE_LIMIT documents (the library's default counts each route apart).
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly keys: ApiKeyStore,
    private readonly sessions: SessionTokens,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as Request;
    const authorization = req.headers.authorization;
    if (authorization && this.keys.principalOf(authorization)) {
      return `key:${createHash('sha256').update(authorization).digest('hex')}`;
    }
    const session = sessionCookieOf(req);
    if (!authorization && session && this.sessions.verify(session)) {
      return `session:${createHash('sha256').update(session).digest('hex')}`;
    }
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
