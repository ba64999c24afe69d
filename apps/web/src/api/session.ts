import { errorOf } from './http';
import type { SessionView } from './types';

interface SessionAnswer {
  readonly session: SessionView | null;
}

/** The session this browser holds, or null; asking never fails for want of one. */
export async function currentSession(): Promise<SessionView | null> {
  const response = await fetch('/v1/session', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await errorOf(response);
  return ((await response.json()) as SessionAnswer).session;
}

/** Trades the key for a session cookie; the page keeps nothing of the key. */
export async function openSession(key: string): Promise<SessionView> {
  const response = await fetch('/v1/session', {
    method: 'POST',
    headers: { Accept: 'application/json', Authorization: `Bearer ${key.trim()}` },
  });
  if (!response.ok) throw await errorOf(response);
  return ((await response.json()) as SessionAnswer).session!;
}

/** A new expiry for the session the cookie carries; null when it can no longer be renewed. */
export async function renewSession(): Promise<SessionView | null> {
  const response = await fetch('/v1/session', {
    method: 'POST',
    headers: { Accept: 'application/json' },
  });
  if (response.status === 401) return null;
  if (!response.ok) throw await errorOf(response);
  return ((await response.json()) as SessionAnswer).session;
}

export async function closeSession(): Promise<void> {
  await fetch('/v1/session', { method: 'DELETE' });
}
