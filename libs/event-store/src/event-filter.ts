import type { EventFilter } from './event-store.port';

export function matchesFilter(
  event: { readonly type: string; readonly stream: string },
  filter: EventFilter | undefined,
): boolean {
  if (!filter) return true;
  if (filter.types && !filter.types.includes(event.type)) return false;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) {
    return false;
  }
  return true;
}

export function isEmptyFilter(filter: EventFilter | undefined): boolean {
  return !filter || (filter.types === undefined && filter.streamPrefixes === undefined);
}
