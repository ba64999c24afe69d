import { isReportData, pairsOf, upcast, type PairKey } from '@entente/domain';
import type { RecordedEvent } from '@entente/event-store';
import type { ChangeRecord, TimelineChange } from '@entente/projections';
import { eventView } from '../events/event.view';

/** One server-sent message, serialised once and shared by every client whose filter it passes. */
export interface LiveItem {
  readonly position: number;
  readonly type: string;
  /** The pairs it concerns; empty for what concerns no pair (a registration). */
  readonly keys: readonly PairKey[];
  /** Actors it names beyond its pairs (a registration's code, a statement's actors). */
  readonly actors: readonly string[];
  readonly frame: string;
}

export interface LiveFilter {
  readonly actor?: string;
  readonly target?: string;
  /** Both directions of a pair: what concerns a -> b or b -> a. */
  readonly between?: readonly [string, string];
  readonly channel?: string;
  readonly types?: readonly string[];
}

export function passes(item: LiveItem, filter: LiveFilter): boolean {
  if (filter.types && filter.types.length > 0 && !filter.types.includes(item.type)) return false;
  if (filter.between) {
    const [a, b] = filter.between;
    return item.keys.some(
      (key) =>
        ((key.actor === a && key.target === b) || (key.actor === b && key.target === a)) &&
        (filter.channel === undefined || key.channel === filter.channel || key.channel === null),
    );
  }
  if (filter.actor === undefined && filter.target === undefined && filter.channel === undefined) {
    return true;
  }
  if (item.keys.length === 0) {
    return (
      filter.target === undefined &&
      filter.channel === undefined &&
      item.actors.includes(filter.actor!)
    );
  }
  return item.keys.some(
    (key) =>
      (filter.actor === undefined || key.actor === filter.actor) &&
      (filter.target === undefined || key.target === filter.target) &&
      (filter.channel === undefined || key.channel === filter.channel || key.channel === null),
  );
}

/** `keysOfReport` finds the pairs of a report an amendment refers to (a retraction names no pair). */
export function eventItem(
  event: RecordedEvent,
  keysOfReport: (reportId: string) => readonly PairKey[],
): LiveItem {
  const { data } = upcast(event.type, event.schemaVersion, event.data);
  const amended = data as { retracts?: string; corrects?: string; code?: string };
  const keys = isReportData(data)
    ? pairsOf(data)
    : [
        ...pairsOf(data),
        ...(amended.retracts ? keysOfReport(amended.retracts) : []),
        ...(amended.corrects ? keysOfReport(amended.corrects) : []),
      ];
  const actors = isReportData(data)
    ? [...data.actors, ...data.targets]
    : amended.code
      ? [amended.code]
      : [];
  return {
    position: event.position,
    type: event.type,
    keys,
    actors,
    frame: frame('event', event.position, eventView(event)),
  };
}

export function changeItem(change: TimelineChange | ChangeRecord): LiveItem {
  return {
    position: change.position,
    type: 'relation',
    keys: [change.key],
    actors: [],
    frame: frame('relation', change.position, {
      position: change.position,
      eventId: change.eventId,
      actor: change.key.actor,
      target: change.key.target,
      channel: change.key.channel,
      changedFrom: change.from,
      current: change.current
        ? {
            status: change.current.status,
            since: change.current.since,
            approximate: change.current.approximate,
            conditions: change.current.conditions,
            basis: change.current.basis,
          }
        : { status: 'unknown', since: null, approximate: false, conditions: [], basis: [] },
    }),
  };
}

/** Events and the timeline changes they caused, each event followed by its changes. */
export function interleave(events: readonly LiveItem[], changes: readonly LiveItem[]): LiveItem[] {
  const items: LiveItem[] = [];
  let c = 0;
  for (const event of events) {
    while (c < changes.length && changes[c].position < event.position) items.push(changes[c++]);
    items.push(event);
    while (c < changes.length && changes[c].position === event.position) items.push(changes[c++]);
  }
  return items.concat(changes.slice(c));
}

export function frame(name: string, id: number | null, data: unknown): string {
  return `event: ${name}\n${id === null ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`;
}
