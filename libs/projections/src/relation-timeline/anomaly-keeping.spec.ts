import {
  STATE_CHANGE_TYPES,
  reportStream,
  relationStateAt,
  type EventCorrectedData,
  type RecordEventInput,
  type RecordedFact,
  type ReportData,
} from '@entente/domain';
import { aStateChange, aStatement, replay } from '@entente/domain/testing';
import { openSqliteDatabase, type RecordedEvent, type SqliteDatabase } from '@entente/event-store';
import fc from 'fast-check';
import { tableNamer } from '../runner/projection';
import { RELATION_TIMELINE, RelationTimelineWriter } from './relation-timeline.projection';
import { RelationTimelineQueries } from './relation-timeline.queries';
import { createTimelineTables } from './relation-timeline.schema';

/**
 * Generations created before anomalies were kept apart hold every anomaly of the fold in each row, and
 * rows written before `group` was left out hold it too. Such a generation, continued by this writer,
 * must answer and report changes exactly as a generation created now, and both as the domain's fold.
 */
const TABLES = tableNamer(RELATION_TIMELINE, 1);
const ACTORS = ['COL', 'USA', 'GBR'];
const CHANNELS = ['intelligence', 'trade'];
const DATES = ['2020', '2020-07', '2020-07-15', '2021-01-01', '2021-01-01T12:00:00Z', '2022-03'];
const FIRST_RECORD_MS = Date.parse('2023-01-01T00:00:00.000Z');

type Op =
  | { kind: 'record'; type: string; actor: number; target: number; channel: number; date: number }
  | { kind: 'statement'; actor: number; target: number; channel: number; date: number }
  | { kind: 'retract'; pick: number }
  | { kind: 'correct'; pick: number; type: string | null; date: number | null };

const index = (n: number) => fc.nat({ max: n - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      type: fc.constantFrom(...STATE_CHANGE_TYPES),
      actor: index(ACTORS.length),
      target: index(ACTORS.length),
      channel: index(CHANNELS.length),
      date: index(DATES.length),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('statement' as const),
      actor: index(ACTORS.length),
      target: index(ACTORS.length),
      channel: index(CHANNELS.length),
      date: index(DATES.length),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('correct' as const),
      pick: fc.nat(),
      type: fc.option(fc.constantFrom(...STATE_CHANGE_TYPES)),
      date: fc.option(index(DATES.length)),
    }),
  },
);

/** The ops replayed through the deciders (a refused op is left out), one minute apart. */
function factsOf(ops: readonly Op[]): RecordedFact[] {
  let facts: RecordedFact[] = [];
  const open: string[] = [];
  ops.forEach((op, i) => {
    const input = inputOf(op, open);
    if (!input) return;
    try {
      const recordedAt = new Date(FIRST_RECORD_MS + i * 60_000).toISOString();
      facts = replay([{ command: { record: input }, recordedAt }], facts);
    } catch {
      return;
    }
    const added = facts[facts.length - 1];
    if (op.kind === 'record' || op.kind === 'statement') open.push(added.eventId);
    if (op.kind === 'retract') open.splice(open.indexOf(input.retracts!), 1);
  });
  return facts;
}

function inputOf(op: Op, open: readonly string[]): RecordEventInput | null {
  switch (op.kind) {
    case 'record':
    case 'statement': {
      const actor = ACTORS[op.actor];
      const target = ACTORS[op.actor === op.target ? (op.target + 1) % ACTORS.length : op.target];
      const parties = {
        actor,
        target,
        channel: CHANNELS[op.channel],
        occurredAt: DATES[op.date],
      };
      return op.kind === 'record' ? aStateChange(op.type, parties) : aStatement(parties);
    }
    case 'retract':
      return open.length === 0
        ? null
        : { type: 'EventRetracted', retracts: open[op.pick % open.length], reason: 'misreported' };
    case 'correct':
      return open.length === 0
        ? null
        : {
            type: 'EventCorrected',
            corrects: open[op.pick % open.length],
            reason: 'better sources',
            ...(op.type && { replacementType: op.type }),
            ...(op.date !== null && { occurredAt: DATES[op.date] }),
            sources: [{ kind: 'news-report', outlet: 'Test Wire', quote: 'as reported' }],
          };
  }
}

function eventOf(fact: RecordedFact): RecordedEvent {
  const data = fact.data as { retracts?: string; corrects?: string };
  return {
    eventId: fact.eventId,
    stream: reportStream(data.retracts ?? data.corrects ?? fact.eventId),
    revision: 0,
    position: fact.position,
    type: fact.type,
    schemaVersion: fact.schemaVersion,
    data: fact.data,
    metadata: {
      recordedAt: fact.recordedAt,
      recordedBy: fact.recordedBy,
      correlationId: fact.eventId,
      causationId: null,
    },
  };
}

/** Each group applied by a fresh writer in its own transaction, as after restarts; returns the changes. */
function project(
  db: SqliteDatabase,
  groups: readonly (readonly RecordedEvent[])[],
  between: () => void = () => undefined,
): unknown[] {
  const changes: unknown[] = [];
  groups.forEach((events, i) => {
    if (i > 0) between();
    const writer = new RelationTimelineWriter(db, TABLES);
    writer.create();
    db.transaction(() => changes.push(...writer.apply(events)))();
  });
  return changes;
}

/** Rewrites every row as rows were written before `group` was left out (its content is never read). */
function addGroupToRows(db: SqliteDatabase): void {
  db.prepare(
    `UPDATE ${TABLES('rows')}
     SET state = substr(state, 1, length(state) - 1) || ',"group":{"start":"2020-01-01T00:00:00.000Z","before":null,"eventIds":[]}}'
     WHERE state NOT LIKE '%"group":%'`,
  ).run();
}

/** Every row version, its state without `group`. */
function rowsWithoutGroup(db: SqliteDatabase): unknown[] {
  return db
    .prepare<[], { state: string }>(
      `SELECT * FROM ${TABLES('rows')} ORDER BY key_id, valid_from, recorded_from`,
    )
    .all()
    .map((row) => {
      const { group: _group, ...state } = JSON.parse(row.state) as { group?: unknown };
      return { ...row, state };
    });
}

describe('relation timeline: anomalies kept apart or inline, rows with or without group', () => {
  it('given random histories, when a generation created before the anomalies table (rows with group) is continued, then it answers and reports changes as a generation created now, and as the domain fold', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (ops, cut1, cut2) => {
          const facts = factsOf(ops);
          const events = facts.map(eventOf);
          const [a, b] = [cut1 % (events.length + 1), cut2 % (events.length + 1)].sort(
            (x, y) => x - y,
          );
          const groups = [events.slice(0, a), events.slice(a, b), events.slice(b)];

          const now = openSqliteDatabase(':memory:');
          const before = openSqliteDatabase(':memory:');
          const inline = openSqliteDatabase(':memory:');
          try {
            expect(createTimelineTables(now, TABLES)).toBe('apart');
            for (const db of [before, inline]) {
              createTimelineTables(db, TABLES);
              db.exec(`DROP TABLE ${TABLES('anomalies')}`);
              expect(createTimelineTables(db, TABLES)).toBe('inline');
            }

            const changesNow = project(now, groups);
            const changesBefore = project(before, groups, () => addGroupToRows(before));
            const changesInline = project(inline, groups);
            expect(changesBefore).toEqual(changesNow);
            expect(changesInline).toEqual(changesNow);
            const changesTable = (db: SqliteDatabase) =>
              db.prepare(`SELECT * FROM ${TABLES('changes')} ORDER BY position, key_id`).all();
            expect(changesTable(before)).toEqual(changesTable(now));
            // Rows with group compare as the same rows without: no version is written for it alone.
            expect(rowsWithoutGroup(before)).toEqual(rowsWithoutGroup(inline));

            const live = () => ({ generation: 1, tables: TABLES });
            const queriesNow = new RelationTimelineQueries(now, live);
            const queriesBefore = new RelationTimelineQueries(before, live);
            const starts = facts.flatMap((f) => {
              const data = f.data as Partial<ReportData & EventCorrectedData>;
              const start = data.occurredAt?.start ?? data.replacement?.occurredAt.start;
              return start ? [Date.parse(start) - 1, Date.parse(start)] : [];
            });
            const times = [...new Set([...starts, Date.parse('2100-01-01')])];
            const knownAts = [
              ...new Set([
                FIRST_RECORD_MS - 1,
                ...facts.map((f) => Date.parse(f.recordedAt)),
                Date.parse('2100-01-01'),
              ]),
            ];
            for (const actor of ACTORS) {
              for (const target of ACTORS.filter((t) => t !== actor)) {
                for (const channel of CHANNELS) {
                  const key = { actor, target, channel };
                  for (const knownAt of knownAts) {
                    expect(queriesBefore.timeline(key, knownAt)).toEqual(
                      queriesNow.timeline(key, knownAt),
                    );
                    for (const at of times) {
                      const answer = queriesNow.stateAt(key, at, knownAt);
                      expect(JSON.stringify(queriesBefore.stateAt(key, at, knownAt))).toBe(
                        JSON.stringify(answer),
                      );
                      expect(answer).toEqual(
                        relationStateAt(facts, key, new Date(at), new Date(knownAt)),
                      );
                    }
                  }
                }
              }
            }
          } finally {
            now.close();
            before.close();
            inline.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
