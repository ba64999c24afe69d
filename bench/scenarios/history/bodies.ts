import { EVENT_CATALOG, type RecordEventInput, type RelationStatus } from '@entente/domain';
import { seededRandom } from '../../support/random';
import { contextOf, stateChangeOf } from './generate';
import { CHANNELS, keyIdOf, nextType, universe } from './universe';
import { HISTORY_SEED } from './cache';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Bodies of `POST /v1/events` as clients send them, without eventId (the server assigns one): state
 * changes that mostly follow from what the same bodies reported before on their key (85%), and
 * statements (15%), over the generator's pairs and channels, or all on one key when `key` is given. Valid
 * times lie before `nowMs` (so the server accepts them whenever they are sent after it) and follow the
 * order of the bodies, a minute apart, ending a day before `nowMs`: news reported as it happens.
 */
export function recordingBodies(
  count: number,
  seed: number,
  nowMs: number,
  key?: { readonly actor: string; readonly target: string; readonly channel: string },
): string[] {
  const random = seededRandom(seed);
  const world = universe(HISTORY_SEED);
  const statuses = new Map<number, RelationStatus>();
  return Array.from({ length: count }, (_, i) => {
    const pairIndex = world.couples.pick(random) * 2 + (random() < 0.5 ? 0 : 1);
    const channelIndex = world.channels.pick(random);
    const actor = key?.actor ?? world.pairs[pairIndex].actor;
    const target = key?.target ?? world.pairs[pairIndex].target;
    const channel = key?.channel ?? CHANNELS[channelIndex];
    const validMs = nowMs - DAY - (count - i) * MINUTE;
    let input: RecordEventInput;
    if (random() < 0.15) input = contextOf(random, actor, target, channel, validMs);
    else {
      const id = key ? -1 : keyIdOf(pairIndex, channelIndex);
      const type = nextType(random, channel, statuses.get(id) ?? 'unknown', 0.03);
      statuses.set(id, EVENT_CATALOG[type].leadsTo!);
      input = stateChangeOf(random, type, actor, target, false, channel, {
        validMs,
        precision: 'instant',
        nowMs: nowMs - DAY,
      });
    }
    return JSON.stringify(input);
  });
}
