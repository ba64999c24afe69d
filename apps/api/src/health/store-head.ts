import type { EventStore } from '@entente/event-store';

const HEAD_TIMEOUT_MS = 2_000;

/**
 * The store's head, or an error after a short wait: a remote store that retries while unreachable must not
 * hold the health route (and the orchestrator polling it) hostage.
 */
export function headWithin(store: EventStore, timeoutMs = HEAD_TIMEOUT_MS): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([store.headPosition(), timeout]).finally(() => clearTimeout(timer));
}
