import type { EventData, ReportData } from './event-data.types';

/** A directed pair on a channel. `channel: null` only for context about the pair as a whole. */
export interface PairKey {
  readonly actor: string;
  readonly target: string;
  readonly channel: string | null;
}

/** The key of a relationship state: actor -> target on one channel. */
export interface RelationKey extends PairKey {
  readonly channel: string;
}

export function isReportData(data: EventData | unknown): data is ReportData {
  return typeof data === 'object' && data !== null && 'actors' in data && 'targets' in data;
}

/**
 * The directed keys a fact touches: every actor -> target pair, except an actor acting on itself (so that
 * "COL and USA cooperate with each other" is one fact touching COL -> USA and USA -> COL). A correction
 * touches the keys of its replacement; the projection must also revisit the keys of the version it
 * supersedes. Retractions and registrations touch none.
 */
export function pairsOf(data: EventData | unknown): readonly PairKey[] {
  const report = isReportData(data)
    ? data
    : typeof data === 'object' && data !== null && 'replacement' in data
      ? (data as { replacement: unknown }).replacement
      : null;
  if (!isReportData(report)) return [];
  const pairs: PairKey[] = [];
  for (const actor of report.actors) {
    for (const target of report.targets) {
      if (actor !== target) pairs.push({ actor, target, channel: report.channel });
    }
  }
  return pairs;
}

export function touches(data: ReportData, key: PairKey): boolean {
  return (
    data.channel === key.channel &&
    data.actors.includes(key.actor) &&
    data.targets.includes(key.target) &&
    key.actor !== key.target
  );
}

/** `COL>USA:intelligence`, or `COL>USA` for a pair as a whole: a stable key for maps and rows. */
export function formatPairKey(key: PairKey): string {
  return key.channel === null
    ? `${key.actor}>${key.target}`
    : `${key.actor}>${key.target}:${key.channel}`;
}
