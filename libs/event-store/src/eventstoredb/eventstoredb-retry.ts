import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  UnavailableError,
  isCommandError,
} from '@eventstore/db-client';

export interface Backoff {
  /** First delay after a failure. */
  readonly initialMs: number;
  /** Longest delay, however many failures in a row. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 100, maxMs: 5_000 };

/** Exponential with full jitter, so that API nodes do not reconnect in lockstep after a restart. */
export function backoffDelay(backoff: Backoff, attempt: number, random = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
  return Math.round(backoff.initialMs / 2 + random() * (ceiling - backoff.initialMs / 2));
}

const TRANSIENT_GRPC_CODES = new Set([1 /* CANCELLED */, 4 /* DEADLINE */, 14 /* UNAVAILABLE */]);

/**
 * Failures after which the same call may succeed: the node is unreachable, restarting, not ready, or not
 * the leader (the client has already moved to the leader it named). The client throws these either as its
 * own errors or, from some paths, as the raw gRPC error.
 */
export function isTransient(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof DeadlineExceededError
  ) {
    return true;
  }
  if (isCommandError(error as Error)) return false;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code);
}

/** Runs `operation` again after transient failures, up to `attempts` times in all. */
export async function withRetry<T>(
  operation: () => Promise<T>,
  options: { readonly attempts: number; readonly backoff: Backoff },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt + 1 >= options.attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(options.backoff, attempt)));
    }
  }
}
