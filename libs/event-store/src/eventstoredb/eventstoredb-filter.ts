import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
} from '@eventstore/db-client';
import type { EventFilter } from '../event-store.port';
import { matchesFilter } from '../event-filter';
import { isSystemEvent } from './eventstoredb-event.mapper';

export interface CheckpointSettings {
  /** Events the server considers per page of a catch-up. */
  readonly searchWindow: number;
  /** A checkpoint every `searchWindow * multiplier` considered events. */
  readonly multiplier: number;
}

type FilterCallbacks = Pick<Filter, 'checkpointReached'>;

/**
 * The server filters on one thing only, event type or stream name. It gets the most selective one the
 * port's filter allows, or "no system events" when the filter has nothing to say; what it cannot express
 * is checked again on the client by `accepts`.
 */
export function serverSideFilter(
  filter: EventFilter | undefined,
  settings: CheckpointSettings,
  callbacks: FilterCallbacks,
): Filter {
  const common = {
    maxSearchWindow: settings.searchWindow,
    checkpointInterval: settings.multiplier,
    ...callbacks,
  };
  if (filter?.types?.length) {
    return eventTypeFilter({ regex: `^(?:${filter.types.map(escape).join('|')})$`, ...common });
  }
  if (filter?.streamPrefixes?.length) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes], ...common });
  }
  return excludeSystemEvents(common);
}

/** Whether an event read from $all belongs to the caller: not the server's, and matching the filter. */
export function accepts(
  event: { readonly stream: string; readonly type: string },
  filter: EventFilter | undefined,
): boolean {
  return !isSystemEvent(event.stream, event.type) && matchesFilter(event, filter);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\#\s-]/g, (c) => `\\${c}`);
}
