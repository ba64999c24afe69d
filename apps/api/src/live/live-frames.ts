import { isReportData, pairsOf, upcast, type PairKey } from '@entente/domain';
import type { RecordedEvent } from '@entente/event-store';
import type { ChangeRecord, TimelineChange } from '@entente/projections';
import { eventView } from '../events/event.view';
import { liveId } from './live-cursor';

/**
 * One server-sent message, serialised once and shared by every client whose filter it passes. Its id is
 * `<position>.<index>`: index 0 is the event at that position, 1.. the timeline changes it caused, in the
 * order of their pair; the same whether it is delivered live or replayed, and whatever the filter.
 */
export interface LiveItem {
  readonly position: number;
  readonly index: number;
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

/**
 * The messages of a run of positions in order: each event, then the changes it caused. A change log holds
 * one change per pair and position (the last), so the live batch is reduced the same way, and both are put
 * in the order of their pair, which makes the indexes of the two paths agree.
 */
export function liveItems(
  events: readonly RecordedEvent[],
  changes: readonly Change[],
  keysOfReport: (reportId: string) => readonly PairKey[],
): LiveItem[] {
  const changesAt = new Map<number, Map<string, Change>>();
  for (const change of changes) {
    const { actor, target, channel } = change.key;
    const atPosition = changesAt.get(change.position) ?? new Map<string, Change>();
    atPosition.set(`${actor}\u0000${target}\u0000${channel}`, change);
    changesAt.set(change.position, atPosition);
  }
  const eventsAt = new Map(events.map((e) => [e.position, e]));
  const positions = [...new Set([...eventsAt.keys(), ...changesAt.keys()])].sort((a, b) => a - b);
  return positions.flatMap((position) => {
    const event = eventsAt.get(position);
    const byPair = [...(changesAt.get(position) ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
    return [
      ...(event ? [eventItem(event, keysOfReport)] : []),
      ...byPair.map(([, change], i) => changeItem(change, i + 1)),
    ];
  });
}

type Change = TimelineChange | ChangeRecord;

/** `keysOfReport` finds the pairs of a report an amendment refers to (a retraction names no pair). */
function eventItem(
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
    index: 0,
    type: event.type,
    keys,
    actors,
    frame: frame('event', liveId(event.position, 0), eventView(event)),
  };
}

function changeItem(change: Change, index: number): LiveItem {
  return {
    position: change.position,
    index,
    type: 'relation',
    keys: [change.key],
    actors: [],
    frame: frame('relation', liveId(change.position, index), {
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

export function frame(name: string, id: string | null, data: unknown): string {
  return `event: ${name}\n${id === null ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`;
}
