import { ISO_3166_ALPHA3, type RelationStatus, type StateChangeType } from '@entente/domain';
import { randomInt, seededRandom, WeightedPicker, type Random } from '../../support/random';

/**
 * The world a generated history is drawn from: 1,000 pairs of ISO 3166 governments (2,000 directed pairs,
 * so that the API knows every actor without registrations) and 10 channels, each with a popularity.
 */
export const PAIR_COUNT = 2_000;

export const CHANNELS = [
  'diplomatic',
  'intelligence',
  'military-intelligence',
  'financial-intelligence',
  'military',
  'counter-narcotics',
  'membership',
  'visa-services',
  'trade',
  'economic-aid',
] as const;

/** Diplomatic and intelligence news are the most common; aid and financial intelligence the least. */
const CHANNEL_WEIGHTS = [20, 15, 8, 6, 12, 8, 6, 6, 12, 7];

export interface DirectedPair {
  readonly actor: string;
  readonly target: string;
}

export interface Universe {
  /** 2,000 directed pairs; pair 2i and 2i+1 are the two directions of one couple of governments. */
  readonly pairs: readonly DirectedPair[];
  /** Picks a couple (0..999), the popular ones more often. */
  readonly couples: WeightedPicker;
  readonly channels: WeightedPicker;
}

/**
 * The same universe for a given seed. Couples are weighted 1/sqrt(rank): the busiest couple gets about
 * 1.1% of all facts, the median one about 0.06%, as news concentrates on a few relationships.
 */
export function universe(seed: number): Universe {
  const random = seededRandom(seed);
  const codes = Object.keys(ISO_3166_ALPHA3).sort();
  const seen = new Set<string>();
  const pairs: DirectedPair[] = [];
  while (pairs.length < PAIR_COUNT) {
    const a = codes[randomInt(random, codes.length)];
    const b = codes[randomInt(random, codes.length)];
    const couple = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (a === b || seen.has(couple)) continue;
    seen.add(couple);
    pairs.push({ actor: a, target: b }, { actor: b, target: a });
  }
  const couples = PAIR_COUNT / 2;
  return {
    pairs,
    couples: new WeightedPicker(Array.from({ length: couples }, (_, i) => 1 / Math.sqrt(i + 1))),
    channels: new WeightedPicker(CHANNEL_WEIGHTS),
  };
}

/** A key's id in a generated history: directed pair index × 10 + channel index. */
export function keyIdOf(pairIndex: number, channelIndex: number): number {
  return pairIndex * CHANNELS.length + channelIndex;
}

export function keyOfId(
  u: Universe,
  keyId: number,
): { actor: string; target: string; channel: string } {
  const pair = u.pairs[Math.floor(keyId / CHANNELS.length)];
  return { ...pair, channel: CHANNELS[keyId % CHANNELS.length] };
}

type Weighted = readonly (readonly [StateChangeType, number])[];

/** Which report usually follows which status, per family of channels; weights, not rules. */
const COOPERATION: Readonly<Record<RelationStatus, Weighted>> = {
  unknown: [
    ['CooperationEstablished', 8],
    ['CooperationSuspended', 1],
    ['CooperationRestricted', 1],
  ],
  active: [
    ['CooperationSuspended', 35],
    ['CooperationRestricted', 35],
    ['CooperationEstablished', 30],
  ],
  suspended: [
    ['CooperationResumed', 60],
    ['CooperationSuspended', 25],
    ['CooperationRestricted', 15],
  ],
  restricted: [
    ['CooperationResumed', 50],
    ['CooperationSuspended', 30],
    ['CooperationRestricted', 20],
  ],
  severed: [['CooperationResumed', 1]],
};

const DIPLOMATIC: Readonly<Record<RelationStatus, Weighted>> = {
  unknown: [['CooperationEstablished', 1]],
  active: [
    ['RelationsSevered', 20],
    ['CooperationSuspended', 30],
    ['CooperationRestricted', 30],
    ['CooperationEstablished', 20],
  ],
  suspended: [
    ['RelationsRestored', 50],
    ['CooperationResumed', 30],
    ['RelationsSevered', 20],
  ],
  restricted: [
    ['RelationsRestored', 50],
    ['CooperationResumed', 30],
    ['RelationsSevered', 20],
  ],
  severed: [
    ['RelationsRestored', 80],
    ['RelationsSevered', 20],
  ],
};

const MEMBERSHIP: Readonly<Record<RelationStatus, Weighted>> = {
  unknown: [
    ['CooperationEstablished', 1],
    ['MembershipSuspended', 1],
  ],
  active: [
    ['MembershipSuspended', 70],
    ['CooperationEstablished', 30],
  ],
  suspended: [
    ['MembershipRestored', 80],
    ['MembershipSuspended', 20],
  ],
  restricted: [['MembershipRestored', 1]],
  severed: [['MembershipRestored', 1]],
};

function familyOf(channel: string): Readonly<Record<RelationStatus, Weighted>> {
  if (channel === 'diplomatic') return DIPLOMATIC;
  if (channel === 'membership') return MEMBERSHIP;
  return COOPERATION;
}

/** Every type a channel's family uses, for the occasional report that fits nothing known before it. */
function typesOf(channel: string): StateChangeType[] {
  const family = familyOf(channel);
  return [...new Set(Object.values(family).flatMap((w) => w.map(([type]) => type)))];
}

/**
 * The next report on a key whose status (as the reporter knows it) is `status`: mostly a transition that
 * fits, with a share `noise` of any type of the channel's family.
 */
export function nextType(
  random: Random,
  channel: string,
  status: RelationStatus,
  noise: number,
): StateChangeType {
  if (random() < noise) {
    const types = typesOf(channel);
    return types[randomInt(random, types.length)];
  }
  const weighted = familyOf(channel)[status];
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let x = random() * total;
  for (const [type, w] of weighted) {
    x -= w;
    if (x < 0) return type;
  }
  return weighted[weighted.length - 1][0];
}

/** A different type of the same family, for a correction that changes what was reported. */
export function otherType(random: Random, channel: string, type: StateChangeType): StateChangeType {
  const types = typesOf(channel).filter((t) => t !== type);
  return types.length === 0 ? type : types[randomInt(random, types.length)];
}
