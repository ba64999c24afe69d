import type { CookieOptions, Request, Response } from 'express';
import type { Session } from './session-tokens';

export const SESSION_COOKIE = 'entente_session';

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), and scoped to the
 * API's paths; Secure whenever the request came over HTTPS.
 */
function options(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/v1', secure: request.secure };
}

export function sessionCookieOf(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function setSessionCookie(
  request: Request,
  response: Response,
  session: Session,
  now: Date,
): void {
  response.cookie(SESSION_COOKIE, session.token, {
    ...options(request),
    // Whole seconds, rounded up: the token's own expiry is what counts.
    maxAge: Math.ceil((session.expiresAt.getTime() - now.getTime()) / 1000) * 1000,
  });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, options(request));
}
