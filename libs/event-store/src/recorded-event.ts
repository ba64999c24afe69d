import type { EventToAppend, RecordedEvent } from './event-store.port';

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Idempotency compares what the caller means, not how it was serialised: key order in the data does not
 * matter, and metadata (who retried, with which correlation id) is not part of the content.
 */
export function sameContent(
  stored: RecordedEvent,
  incoming: EventToAppend,
  stream: string,
): boolean {
  return (
    stored.stream === stream &&
    stored.type === incoming.type &&
    stored.schemaVersion === incoming.schemaVersion &&
    canonicalJson(stored.data) === canonicalJson(incoming.data)
  );
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
    }
    return sorted;
  }
  return value;
}
