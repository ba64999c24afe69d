import { ManualClock } from '@entente/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../event-store.port';
import { openSqliteDatabase } from './sqlite-database';
import { SqliteEventStore } from './sqlite-event-store.adapter';

const anEvent = (n = 0): EventToAppend => ({
  eventId: randomUUID(),
  type: 'Counted',
  schemaVersion: 1,
  data: { n },
  metadata: { recordedBy: 'spec', correlationId: 'c' },
});

describe('SqliteEventStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'entente-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given 64 appends issued together, when they commit, then they share one transaction', async () => {
    const store = SqliteEventStore.open({ file: join(dir, 'events.db') });
    await Promise.all(Array.from({ length: 64 }, (_, i) => store.append(`s-${i}`, [anEvent(i)])));
    expect(store.commitStats()).toEqual({ transactions: 1, requests: 64 });
    await store.close();
  });

  it('given appends awaited one by one, when they commit, then each has its own transaction', async () => {
    const store = SqliteEventStore.open({ file: join(dir, 'events.db') });
    for (let i = 0; i < 5; i++) await store.append('s-1', [anEvent(i)]);
    expect(store.commitStats()).toEqual({ transactions: 5, requests: 5 });
    await store.close();
  });

  it('given a closed store, when reopened, then every event is there and positions continue', async () => {
    const file = join(dir, 'events.db');
    const first = SqliteEventStore.open({ file });
    const before = await first.append('s-1', [anEvent(1), anEvent(2)]);
    await first.close();
    const second = SqliteEventStore.open({ file });
    expect(await second.readStream('s-1')).toEqual(before.events);
    const after = await second.append('s-1', [anEvent(3)], { expectedRevision: 1 });
    expect(after.position).toBe(before.position + 1);
    await second.close();
  });

  it('given a wall clock that goes backwards, when appending, then recorded-at never does', async () => {
    const clock = new ManualClock(new Date('2025-11-12T00:00:00.000Z'));
    const store = SqliteEventStore.open({ file: ':memory:', clock });
    await store.append('s-1', [anEvent()]);
    clock.set('2025-11-11T00:00:00.000Z');
    const { events } = await store.append('s-1', [anEvent()]);
    expect(events[0].metadata.recordedAt).toBe('2025-11-12T00:00:00.000Z');
    await store.close();
  });

  it('given each durability setting, when the file is opened, then WAL is on and synchronous follows it', () => {
    const full = openSqliteDatabase(join(dir, 'full.db'));
    expect(full.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(full.pragma('synchronous', { simple: true })).toBe(2);
    const normal = openSqliteDatabase(join(dir, 'normal.db'), { durability: 'normal' });
    expect(normal.pragma('synchronous', { simple: true })).toBe(1);
    full.close();
    normal.close();
  });

  it('given pending appends, when the store closes, then they are committed, not dropped', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open({ file });
    const pending = store.append('s-1', [anEvent()]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0 });
    const reopened = SqliteEventStore.open({ file });
    expect(await reopened.readStream('s-1')).toHaveLength(1);
    await reopened.close();
  });
});
