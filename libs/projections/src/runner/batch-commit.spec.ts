import { openSqliteDatabase, type RecordedEvent } from '@entente/event-store';
import { BatchCommit } from './batch-commit';
import type { ProjectionWriter } from './projection';

/** A writer that keeps the ids it applies and refuses events of type `Unreadable`, as a buggy one would. */
function fixture() {
  const db = openSqliteDatabase(':memory:');
  db.exec(`CREATE TABLE seen (event_id TEXT PRIMARY KEY);
           CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 0), position INTEGER NOT NULL)`);
  const insert = db.prepare('INSERT INTO seen VALUES (?)');
  const writer: ProjectionWriter<string> = {
    create: () => undefined,
    drop: () => undefined,
    reset: () => undefined,
    apply: (events) =>
      events.map((event) => {
        if (event.type === 'Unreadable') throw new Error(`cannot read ${event.eventId}`);
        insert.run(event.eventId);
        return event.eventId;
      }),
  };
  const save = db.prepare('INSERT OR REPLACE INTO checkpoint VALUES (0, ?)');
  const batches = new BatchCommit(db, writer, new Set(['Readable', 'Unreadable']), (position) =>
    save.run(position),
  );
  const seen = () => db.prepare('SELECT event_id FROM seen ORDER BY 1').pluck().all();
  const checkpoint = () => db.prepare('SELECT position FROM checkpoint').pluck().get();
  return { batches, seen, checkpoint };
}

const event = (position: number, type = 'Readable'): RecordedEvent => ({
  eventId: `e${position}`,
  stream: 's',
  revision: position,
  position,
  type,
  schemaVersion: 1,
  data: {},
  metadata: {
    recordedAt: '2025-01-01T00:00:00.000Z',
    recordedBy: 'test',
    correlationId: 'c',
    causationId: null,
  },
});

describe('committing a batch of events', () => {
  it('given readable events and one it does not handle, when committed, then all are applied in one go and the checkpoint passes the batch', () => {
    const { batches, seen, checkpoint } = fixture();

    const outcome = batches.commit([event(1), event(2, 'Other'), event(3)], 0, 5);

    expect(outcome).toEqual({ committed: true, changes: ['e1', 'e3'] });
    expect(seen()).toEqual(['e1', 'e3']);
    expect(checkpoint()).toBe(5);
  });

  it('given a batch whose third event the writer refuses, when committed, then the two before it are kept with their checkpoint and the failure names the third', () => {
    const { batches, seen, checkpoint } = fixture();

    const outcome = batches.commit([event(1), event(2), event(3, 'Unreadable'), event(4)], 0, 4);

    expect(outcome).toMatchObject({
      committed: false,
      reached: 2,
      kept: [{ eventId: 'e1' }, { eventId: 'e2' }],
      changes: ['e1', 'e2'],
      failure: { position: 3, eventId: 'e3', type: 'Unreadable', reason: 'cannot read e3' },
    });
    expect(seen()).toEqual(['e1', 'e2']);
    expect(checkpoint()).toBe(2);
  });

  it('given the first event refused, when committed, then nothing is kept and the checkpoint stays where it was', () => {
    const { batches, seen, checkpoint } = fixture();
    batches.commit([event(1)], 0, 1);

    const outcome = batches.commit([event(2, 'Unreadable'), event(3)], 1, 3);

    expect(outcome).toMatchObject({ committed: false, reached: 1, kept: [], changes: [] });
    expect(seen()).toEqual(['e1']);
    expect(checkpoint()).toBe(1);
  });
});
