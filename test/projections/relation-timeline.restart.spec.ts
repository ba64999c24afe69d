import { ownStreamOf, type RecordedFact } from '@entente/domain';
import { aStateChange, aStatement, replay } from '@entente/domain/testing';
import { openSqliteDatabase, type RecordedEvent, type SqliteDatabase } from '@entente/event-store';
import { relationTimelineProjection, tableNamer } from '@entente/projections';
import { dumpGeneration } from '../support/projection-tables';

/** The event as a store would hand it over (one event per report stream, so revision 0 or more). */
function asEvents(facts: readonly RecordedFact[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return facts.map((fact) => {
    const stream = ownStreamOf(fact);
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    return {
      eventId: fact.eventId,
      stream,
      revision,
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
  });
}

/** Applies each group with a fresh writer over the same tables, as a restart (or a rollback) would. */
function project(db: SqliteDatabase, groups: readonly (readonly RecordedEvent[])[]): void {
  const tables = tableNamer(relationTimelineProjection.name, 1);
  for (const events of groups) {
    const writer = relationTimelineProjection.open(db, tables);
    writer.create();
    db.transaction(() => writer.apply(events))();
  }
}

describe('relation-timeline writer restarts', () => {
  let databases: SqliteDatabase[] = [];
  const open = () => {
    const db = openSqliteDatabase(':memory:');
    databases.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of databases) db.close();
    databases = [];
  });

  it('given a log whose record time goes back after an event that changed no rows (two appends committed out of the order their times were taken), when the writer restarts in between, then its rows equal those of one pass', () => {
    const events = asEvents(
      replay([
        {
          command: { record: aStateChange('CooperationEstablished', { occurredAt: '2024-01-01' }) },
          recordedAt: '2025-01-01T00:00:00.000Z',
        },
        // A statement changes no timeline rows...
        {
          command: { record: aStatement({ occurredAt: '2025-02-20' }) },
          recordedAt: '2025-03-01T00:00:00.000Z',
        },
        // ...and the next event carries an earlier record time than it.
        {
          command: { record: aStateChange('CooperationSuspended', { occurredAt: '2025-01-15' }) },
          recordedAt: '2025-02-01T00:00:00.000Z',
        },
      ]),
    );
    const onePass = open();
    project(onePass, [events]);
    const restarted = open();
    project(restarted, [events.slice(0, 2), events.slice(2)]);

    const prefix = tableNamer(relationTimelineProjection.name, 1)('');
    expect(dumpGeneration(restarted, prefix)).toEqual(dumpGeneration(onePass, prefix));
  });

  it('given a generation whose tables a crash left half created (rows, no anomalies), when the writer starts over it, then it creates the rest and its tables equal those of one pass', () => {
    const events = asEvents(
      replay([
        {
          // Resumed with nothing suspended: an anomaly, kept beside the rows.
          command: { record: aStateChange('CooperationResumed', { occurredAt: '2024-01-01' }) },
          recordedAt: '2025-01-01T00:00:00.000Z',
        },
        {
          command: { record: aStateChange('CooperationSuspended', { occurredAt: '2024-06-01' }) },
          recordedAt: '2025-02-01T00:00:00.000Z',
        },
      ]),
    );
    const onePass = open();
    project(onePass, [events]);
    const crashed = open();
    const tables = tableNamer(relationTimelineProjection.name, 1);
    relationTimelineProjection.open(crashed, tables).create();
    crashed.exec(`DROP TABLE ${tables('anomalies')}`);
    project(crashed, [events]);

    const prefix = tables('');
    expect(dumpGeneration(crashed, prefix)).toEqual(dumpGeneration(onePass, prefix));
    expect(dumpGeneration(onePass, prefix).tables.anomalies).toHaveLength(1);
  });
});
