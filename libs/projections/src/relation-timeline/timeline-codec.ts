import type {
  AnomalyKind,
  OccurredAt,
  Precision,
  RelationStatus,
  StateChangeType,
} from '@entente/domain';

/**
 * How the timeline's columns hold the domain's values: small integers for statuses, types and
 * precisions, 16 bytes for a canonical UUID, and text only where no compact form is exact. Every code
 * here is stored: never renumber one, only add.
 */
const STATUS_CODES: Readonly<Record<RelationStatus, number>> = {
  unknown: 0,
  active: 1,
  restricted: 2,
  suspended: 3,
  severed: 4,
};
const TYPE_CODES: Readonly<Record<StateChangeType, number>> = {
  CooperationEstablished: 1,
  CooperationSuspended: 2,
  CooperationRestricted: 3,
  CooperationResumed: 4,
  RelationsSevered: 5,
  RelationsRestored: 6,
  MembershipSuspended: 7,
  MembershipRestored: 8,
};
const ANOMALY_CODES: Readonly<Record<AnomalyKind, number>> = {
  'conflicting-reports': 0,
  'resumption-without-suspension': 1,
  'unexpected-transition': 2,
};
/** Precisions, and for instants the way their value was written (with or without seconds, ms). */
const PRECISION_CODES: Readonly<Record<Precision, number>> = {
  year: 0,
  month: 1,
  day: 2,
  instant: 3,
};
/** Characters of the ISO start that make the value: `2025`, `2025-11`, `2025-11-12`, then instants. */
const VALUE_LENGTHS: Readonly<Record<number, number>> = { 0: 4, 1: 7, 2: 10, 3: 24, 4: 19, 5: 16 };
const INSTANT_FORMS = [3, 4, 5];

const STATUSES = inverse(STATUS_CODES);
const TYPES = inverse(TYPE_CODES);
const PRECISIONS = new Map<number, Precision>([
  ...inverse(PRECISION_CODES),
  ...INSTANT_FORMS.map((code) => [code, 'instant'] as const),
]);
const ANOMALIES = inverse(ANOMALY_CODES);

export const statusCode = (status: RelationStatus): number => STATUS_CODES[status];
export const statusOf = (code: number): RelationStatus => decoded(STATUSES, code, 'status');
export function typeCode(type: string): number {
  const code = TYPE_CODES[type as StateChangeType];
  if (code === undefined) throw new Error(`the timeline has no code for the state change ${type}`);
  return code;
}
export const typeOf = (code: number): StateChangeType => decoded(TYPES, code, 'type');
export const anomalyCode = (kind: AnomalyKind): number => ANOMALY_CODES[kind];
export const anomalyOf = (code: number): AnomalyKind => decoded(ANOMALIES, code, 'anomaly');

/** A valid time as three columns: its start, its form, and its JSON only when they cannot say it. */
export interface StoredOccurredAt {
  readonly startMs: number;
  /** The precision, and for an instant which of its UTC spellings the value is. */
  readonly precision: number;
  /** Null when `value` and `start` follow from the other two (the common case). */
  readonly occurred: string | null;
}

/** Valid times are shared by the facts and standings that hold them: each is encoded once. */
const encoded = new WeakMap<OccurredAt, StoredOccurredAt>();

export function storedOccurredAt(occurredAt: OccurredAt): StoredOccurredAt {
  let stored = encoded.get(occurredAt);
  if (!stored) encoded.set(occurredAt, (stored = encode(occurredAt)));
  return stored;
}

function encode(occurredAt: OccurredAt): StoredOccurredAt {
  const startMs = Date.parse(occurredAt.start);
  const named = PRECISION_CODES[occurredAt.precision];
  const forms = named === PRECISION_CODES.instant ? INSTANT_FORMS : [named];
  for (const precision of forms) {
    const derived = occurredAtOf(startMs, precision, null);
    if (derived.start === occurredAt.start && derived.value === occurredAt.value) {
      return { startMs, precision, occurred: null };
    }
  }
  return { startMs, precision: named, occurred: JSON.stringify(occurredAt) };
}

export function occurredAtOf(
  startMs: number,
  precision: number,
  occurred: string | null,
): OccurredAt {
  if (occurred !== null) return JSON.parse(occurred) as OccurredAt;
  const start = new Date(startMs).toISOString();
  const named = decoded(PRECISIONS, precision, 'precision');
  const length = VALUE_LENGTHS[precision];
  const value =
    length === start.length ? start : `${start.slice(0, length)}${named === 'instant' ? 'Z' : ''}`;
  return { value, precision: named, start };
}

/**
 * Event ids as one column: 16 bytes each when every id is a canonical (lowercase) UUID, as the API
 * assigns and validates them; otherwise, exactly as given, a JSON array.
 */
export type PackedIds = Buffer | string;

export function packIds(ids: readonly string[]): PackedIds {
  const packed = Buffer.allocUnsafe(16 * ids.length);
  for (let i = 0; i < ids.length; i++) {
    if (!packUuid(ids[i], packed, 16 * i)) return JSON.stringify(ids);
  }
  return packed;
}

/**
 * Writes a canonical UUID's 16 bytes at `offset`; false when `id` is not one. By hand, in one pass: every
 * row, fact and change packs ids, and a regular expression then a hex decode cost twice as much.
 */
function packUuid(id: string, into: Buffer, offset: number): boolean {
  if (id.length !== 36) return false;
  let at = offset;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) i++;
    const high = hexDigit(id.charCodeAt(i));
    const low = hexDigit(id.charCodeAt(i + 1));
    if (high < 0 || low < 0) return false;
    into[at++] = (high << 4) | low;
  }
  return id[8] === '-' && id[13] === '-' && id[18] === '-' && id[23] === '-';
}

/** A lowercase hex digit's value; -1 for anything else. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

export function unpackIds(packed: PackedIds): string[] {
  if (typeof packed === 'string') return JSON.parse(packed) as string[];
  const ids = new Array<string>(packed.length / 16);
  for (let i = 0; i < ids.length; i++) {
    const hex = packed.toString('hex', 16 * i, 16 * i + 16);
    ids[i] =
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return ids;
}

export const packId = (id: string): PackedIds => packIds([id]);
export const unpackId = (packed: PackedIds): string => unpackIds(packed)[0];

/** Condition ids as one column: `3,17`; null for none. */
export function packNumbers(numbers: readonly number[]): string | null {
  return numbers.length === 0 ? null : numbers.join(',');
}

export function unpackNumbers(packed: string | null): number[] {
  return packed === null ? [] : packed.split(',').map(Number);
}

function inverse<K extends string>(codes: Readonly<Record<K, number>>): ReadonlyMap<number, K> {
  return new Map(Object.entries(codes).map(([name, code]) => [code as number, name as K]));
}

function decoded<K>(names: ReadonlyMap<number, K>, code: number, what: string): K {
  const name = names.get(code);
  if (name === undefined) throw new Error(`the timeline holds an unknown ${what} code ${code}`);
  return name;
}
