import type { Clock } from '@entente/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from './api-key.store';

/** A session renewed without its key again ends this long after the key was given. */
const MAX_SESSION_MS = 12 * 60 * 60 * 1000;

export interface Session {
  readonly token: string;
  readonly principal: Principal;
  readonly expiresAt: Date;
  /** When the key was given: renewals keep it. */
  readonly since: Date;
}

interface SessionClaims {
  /** The key's name: who opened the session. */
  readonly sub: string;
  readonly since: number;
  readonly exp: number;
}

/**
 * Browser sessions: a token that stands for a key on read routes only, so that a page (and its
 * EventSource, which cannot send an Authorization header) reads without the key in a URL or in
 * script-readable storage. Tokens are signed, not stored: a session costs nothing until it expires.
 * The secret lives in this process only, so a restart ends every session, and a key removed from
 * API_KEYS outlives its sessions by no more than that restart.
 */
export class SessionTokens {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  /** Every session is reader-scoped, whatever the key's own role. */
  open(name: string): Session {
    return this.sign(name, this.clock.now().getTime());
  }

  /** The same session with a new expiry; undefined once it is past its maximum age. */
  renew(session: Session): Session | undefined {
    const since = session.since.getTime();
    if (this.clock.now().getTime() - since >= MAX_SESSION_MS) return undefined;
    return this.sign(session.principal.name, since);
  }

  /** The session a token carries, if it is genuine and unexpired. */
  verify(token: string): Session | undefined {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(body));
    const presented = Buffer.from(signature);
    if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
      return undefined;
    }
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims;
    if (claims.exp <= this.clock.now().getTime()) return undefined;
    return {
      token,
      principal: { role: 'reader', name: claims.sub },
      expiresAt: new Date(claims.exp),
      since: new Date(claims.since),
    };
  }

  private sign(name: string, since: number): Session {
    const now = this.clock.now().getTime();
    const exp = Math.min(now + this.ttlSeconds * 1000, since + MAX_SESSION_MS);
    const claims: SessionClaims = { sub: name, since, exp };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return {
      token: `${body}.${this.mac(body)}`,
      principal: { role: 'reader', name },
      expiresAt: new Date(exp),
      since: new Date(since),
    };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
