import { STATE_CHANGE_TYPES, type RecordEventInput, type RecordedFact } from '@entente/domain';
import { replay, type ReplayStep } from '@entente/domain/testing';
import fc from 'fast-check';

/**
 * Random histories for projection tests: reports over a few actors and channels, late records,
 * retractions and corrections, turned into facts by the domain's own deciders (`replay`), so that every
 * generated history is one the API could have recorded.
 */

/** The actors, channels and valid years a history is drawn from. */
export interface Universe {
  readonly actors: readonly string[];
  readonly channels: readonly string[];
  readonly years: readonly number[];
}

/** Few keys and few valid starts: ties, conflicts and late records are frequent. */
export const SMALL_UNIVERSE: Universe = {
  actors: ['COL', 'USA', 'GBR'],
  channels: ['intelligence', 'trade'],
  years: [2020, 2021, 2022],
};

/** More keys and years, for histories of thousands of facts. */
export const WIDE_UNIVERSE: Universe = {
  actors: ['COL', 'USA', 'GBR', 'NLD', 'VEN', 'EGMONT'],
  channels: ['intelligence', 'trade', 'military', 'membership'],
  years: [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022],
};

/** Every generated valid time lies before this; record times start here. */
export const FIRST_RECORD_MS = Date.parse('2023-01-01T00:00:00.000Z');

const CONDITIONS = ['until the inquiry ends', 'pending talks', 'while the strikes go on'];
const SOURCES = [{ kind: 'news-report', outlet: 'Test Wire', quote: 'as reported' }];
const SPEAKER = { name: 'A spokesperson' };

export interface Parties {
  readonly actors: readonly string[];
  readonly targets: readonly string[];
}

export type Op =
  | {
      readonly kind: 'record';
      readonly type: string;
      readonly parties: Parties;
      readonly channel: string;
      readonly occurredAt: string;
      readonly conditions: readonly string[];
    }
  | {
      readonly kind: 'context';
      readonly parties: Parties;
      readonly channel: string | null;
      readonly occurredAt: string;
    }
  | { readonly kind: 'retract'; readonly pick: number }
  | {
      readonly kind: 'correct';
      readonly pick: number;
      /** A state-change type, 'StatementIssued' (turns it into context) or null (same type). */
      readonly replacementType: string | null;
      readonly parties: Parties | null;
      readonly channel: string | null;
      readonly occurredAt: string | null;
      readonly conditions: readonly string[] | null;
    };

export interface TimedOp {
  readonly op: Op;
  /** Milliseconds after the previous record time: 0 records at the same instant. */
  readonly gapMs: number;
  /** How long before its record time the event was publicly reported (null: it says nothing). */
  readonly reportedAgoMs?: number | null;
  /** A report or correction from machine-coded data rather than a person's reading. */
  readonly machineCoded?: boolean;
}

/** What a history may hold beyond the record axis. */
export interface Provenance {
  /** Report times before the record times (a fact published days before it was recorded here). */
  readonly reported?: boolean;
  /** Machine-coded reports and corrections beside curated ones. */
  readonly coded?: boolean;
}

/** A valid time with a random precision; few distinct starts, so that ties are frequent. */
export function occurredAtArb(universe: Universe): fc.Arbitrary<string> {
  return fc
    .record({
      year: fc.constantFrom(...universe.years),
      month: fc.constantFrom(1, 2, 7),
      day: fc.constantFrom(1, 15),
      hour: fc.constantFrom(0, 0, 13),
      offset: fc.constantFrom('Z', 'Z', '+02:00', '-05:00'),
      precision: fc.constantFrom('year', 'month', 'day', 'instant'),
    })
    .map(({ year, month, day, hour, offset, precision }) => {
      const mm = String(month).padStart(2, '0');
      const dd = String(day).padStart(2, '0');
      if (precision === 'year') return `${year}`;
      if (precision === 'month') return `${year}-${mm}`;
      if (precision === 'day') return `${year}-${mm}-${dd}`;
      return `${year}-${mm}-${dd}T${String(hour).padStart(2, '0')}:00:00${offset}`;
    });
}

/** One or two actors acting on one or two targets, with at least one pair that is not a self-pair. */
export function partiesArb(universe: Universe): fc.Arbitrary<Parties> {
  return fc
    .record({
      actors: fc.subarray([...universe.actors], { minLength: 1, maxLength: 2 }),
      targets: fc.subarray([...universe.actors], { minLength: 1, maxLength: 2 }),
    })
    .filter(({ actors, targets }) => actors.some((a) => targets.some((t) => t !== a)));
}

export function opArb(universe: Universe): fc.Arbitrary<Op> {
  const parties = partiesArb(universe);
  const channel = fc.constantFrom(...universe.channels);
  const occurredAt = occurredAtArb(universe);
  const conditions = fc.subarray(CONDITIONS, { maxLength: 2 });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('record' as const),
        type: fc.constantFrom(...STATE_CHANGE_TYPES),
        parties,
        channel,
        occurredAt,
        conditions,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('context' as const),
        parties,
        channel: fc.option(channel),
        occurredAt,
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('retract' as const), pick: fc.nat() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('correct' as const),
        pick: fc.nat(),
        replacementType: fc.option(fc.constantFrom(...STATE_CHANGE_TYPES, 'StatementIssued'), {
          freq: 2,
        }),
        parties: fc.option(parties),
        channel: fc.option(channel),
        occurredAt: fc.option(occurredAt),
        conditions: fc.option(conditions),
      }),
    },
  );
}

/** Gaps between record times: often none (several facts recorded at one instant), sometimes days. */
export const gapArb: fc.Arbitrary<number> = fc.constantFrom(0, 0, 1, 2, 60_000, 86_400_000);

/** Reported up to two days before recorded, often not at all (then at the record time). */
const reportedAgoArb = fc.option(
  fc.constantFrom(0, 1, 30_000, 3_600_000, 86_400_000, 172_800_000),
  {
    freq: 2,
  },
);

/** Lengths spread evenly up to `maxLength`, not biased towards short histories. */
export function timedOpsArb(
  maxLength: number,
  universe: Universe = SMALL_UNIVERSE,
  provenance: Provenance = {},
): fc.Arbitrary<TimedOp[]> {
  return fc.array(
    fc.record({
      op: opArb(universe),
      gapMs: gapArb,
      reportedAgoMs: provenance.reported ? reportedAgoArb : fc.constant(null),
      machineCoded: provenance.coded ? fc.boolean() : fc.constant(false),
    }),
    { minLength: 1, maxLength, size: 'max' },
  );
}

/**
 * A fixed history of about `count` facts drawn from `seed`: thousands of reports over many keys with late
 * records, retractions and corrections, for tests that need volume rather than shrinking.
 */
export function historyOf(count: number, seed: number, universe = WIDE_UNIVERSE): RecordedFact[] {
  const ops = fc.sample(
    fc.array(fc.record({ op: opArb(universe), gapMs: gapArb }), {
      minLength: count,
      maxLength: count,
    }),
    { seed, numRuns: 1 },
  )[0];
  return factsOf(ops, { history: replay(REGISTRATIONS) });
}

/** Bodies registered before the history begins, for the actor registry. */
const REGISTRATIONS: ReplayStep[] = ['EGMONT', 'ICG', 'OAS-OBSERVERS', 'GUSTAVO-PETRO'].map(
  (code, i) => ({
    command: {
      register:
        code === 'GUSTAVO-PETRO'
          ? { code, name: 'Gustavo Petro', kind: 'person', office: 'President', affiliation: 'COL' }
          : { code, name: `The ${code} body`, kind: 'organization' },
    },
    recordedAt: new Date(FIRST_RECORD_MS - (10 - i) * 60_000).toISOString(),
  }),
);

/**
 * Replays the ops in order through the deciders, one record time after another, and returns the facts.
 * A retraction or correction picks among the reports not retracted yet; an op the deciders refuse (a
 * correction that would make an invalid report) is left out, as the API would refuse it.
 */
export function factsOf(
  ops: readonly TimedOp[],
  options: { firstRecordMs?: number; history?: readonly RecordedFact[] } = {},
): RecordedFact[] {
  let facts: RecordedFact[] = [...(options.history ?? [])];
  const open: string[] = [];
  let recordMs = options.firstRecordMs ?? FIRST_RECORD_MS;
  for (const { op, gapMs, reportedAgoMs, machineCoded } of ops) {
    recordMs += gapMs;
    const input = withProvenance(inputOf(op, open), op, recordMs, reportedAgoMs, machineCoded);
    if (!input) continue;
    const step: ReplayStep = {
      command: { record: input },
      recordedAt: new Date(recordMs).toISOString(),
    };
    let next: RecordedFact[];
    try {
      next = replay([step], facts);
    } catch {
      continue;
    }
    const added = next[next.length - 1];
    if (op.kind === 'record' || op.kind === 'context') open.push(added.eventId);
    if (op.kind === 'retract') open.splice(open.indexOf(input.retracts!), 1);
    facts = next;
  }
  return facts;
}

function withProvenance(
  input: RecordEventInput | null,
  op: Op,
  recordMs: number,
  reportedAgoMs: number | null | undefined,
  machineCoded: boolean | undefined,
): RecordEventInput | null {
  if (!input) return null;
  const reported =
    reportedAgoMs === null || reportedAgoMs === undefined
      ? {}
      : { reportedAt: new Date(recordMs - reportedAgoMs).toISOString() };
  const coded =
    machineCoded &&
    (op.kind === 'record' || (op.kind === 'correct' && op.replacementType !== 'StatementIssued'))
      ? { evidence: 'machine-coded', coding: { dataset: 'icews' } }
      : {};
  return { ...input, ...reported, ...coded };
}

function inputOf(op: Op, open: readonly string[]): RecordEventInput | null {
  switch (op.kind) {
    case 'record':
      return {
        type: op.type,
        actors: op.parties.actors,
        targets: op.parties.targets,
        channel: op.channel,
        occurredAt: op.occurredAt,
        summary: `${op.type} (generated)`,
        conditions: op.conditions,
        sources: SOURCES,
      };
    case 'context':
      return {
        type: 'StatementIssued',
        actors: op.parties.actors,
        targets: op.parties.targets,
        channel: op.channel,
        occurredAt: op.occurredAt,
        summary: 'a statement (generated)',
        speaker: SPEAKER,
      };
    case 'retract':
      if (open.length === 0) return null;
      return {
        type: 'EventRetracted',
        retracts: open[op.pick % open.length],
        reason: 'misreported',
      };
    case 'correct': {
      if (open.length === 0) return null;
      const toContext = op.replacementType === 'StatementIssued';
      return {
        type: 'EventCorrected',
        corrects: open[op.pick % open.length],
        reason: 'better sources',
        ...(op.replacementType && { replacementType: op.replacementType }),
        ...(op.parties && { actors: op.parties.actors, targets: op.parties.targets }),
        ...(op.channel && { channel: op.channel }),
        ...(op.occurredAt && { occurredAt: op.occurredAt }),
        ...(op.conditions && { conditions: op.conditions }),
        ...(toContext ? { speaker: SPEAKER } : { sources: SOURCES }),
      };
    }
  }
}

/** Every directed key over the actors and channels, touched or not. */
export function allKeys(
  universe: Universe = SMALL_UNIVERSE,
): { actor: string; target: string; channel: string }[] {
  const { actors, channels } = universe;
  return actors.flatMap((actor) =>
    actors
      .filter((target) => target !== actor)
      .flatMap((target) => channels.map((channel) => ({ actor, target, channel }))),
  );
}
