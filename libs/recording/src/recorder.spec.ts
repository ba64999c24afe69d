import {
  ConflictError,
  ManualClock,
  NotFoundError,
  ValidationError,
  sequentialIds,
} from '@entente/common';
import { SqliteEventStore, type EventStore } from '@entente/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aStateChange } from '@entente/domain/testing';
import { createRecorder, type Recorder } from '@entente/recording';

const META = { recordedBy: 'spec', correlationId: 'corr-1' };
const id = (n: number) => `d0d0d0d0-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const fact = (n: number, overrides = {}) =>
  aStateChange('CooperationSuspended', { eventId: id(n), summary: `fact ${n}`, ...overrides });

describe('the recorder: one write path for every caller', () => {
  let dir: string;
  let store: EventStore & { close(): Promise<void> };
  let recorder: Recorder;
  const clock = new ManualClock(new Date('2025-11-13T09:00:00.000Z'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'entente-recorder-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.db'), clock });
    recorder = createRecorder({ store, clock, newId: sequentialIds('e0e0e0e0-0000-4000-8000-') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const storedIds = async () => (await store.readAll({ maxCount: 10_000 })).map((e) => e.eventId);

  it('given a fact recorded in a batch, when it is sent again alone, then it answers as stored, once', async () => {
    const [inBatch] = await recorder.recordBatch([fact(1), fact(2)], META);

    const again = await recorder.record(fact(1), META);

    expect(again).toEqual({ ...inBatch, alreadyRecorded: true });
    expect(await storedIds()).toEqual([id(1), id(2)]);
  });

  it('given a fact recorded alone, when it is sent again inside a batch with new ones, then only the new ones are stored and the item says it was there', async () => {
    const alone = await recorder.record(fact(1), META);

    const answers = await recorder.recordBatch([fact(2), fact(1), fact(3)], META);

    expect(answers.map((a) => [a.eventId, a.alreadyRecorded])).toEqual([
      [id(2), false],
      [id(1), true],
      [id(3), false],
    ]);
    expect(answers[1]).toEqual({ ...alone, alreadyRecorded: true });
    expect(answers[0].stream).toBe(`batch-${id(2)}`);
    expect(await storedIds()).toEqual([id(1), id(2), id(3)]);
  });

  it('given a stored fact, when a batch reuses its id with other content, then the conflict names the item and nothing of the batch is stored', async () => {
    await recorder.record(fact(1), META);

    const attempt = recorder.recordBatch([fact(2), fact(1, { summary: 'other' })], META);

    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(
      /^events\[1\]: event d0d0d0d0-0000-4000-8000-000000000001/,
    );
    expect(await storedIds()).toEqual([id(1)]);
  });

  it('given a batch with every fact already stored, when recorded again, then nothing is appended', async () => {
    const first = await recorder.recordBatch([fact(1), fact(2)], META);
    const head = await store.headPosition();

    const second = await recorder.recordBatch([fact(1), fact(2)], META);

    expect(second).toEqual(first.map((a) => ({ ...a, alreadyRecorded: true })));
    expect(await store.headPosition()).toBe(head);
  });

  it('given the same fact twice in one batch, when recorded, then it is stored once; with other content it is a conflict', async () => {
    const answers = await recorder.recordBatch([fact(1), fact(1)], META);
    expect(answers.map((a) => a.alreadyRecorded)).toEqual([false, true]);
    expect(answers[1].position).toBe(answers[0].position);

    await expect(recorder.recordBatch([fact(5), fact(5, { summary: 'x' })], META)).rejects.toThrow(
      /events\[1\]: event .* appears at events\[0\] with other content/,
    );
  });

  it('given bad items, when a batch is recorded, then every bad field is named by item and nothing is stored', async () => {
    const attempt = recorder.recordBatch(
      [
        fact(1),
        fact(2, { occurredAt: 'soon' }),
        { type: 'EventRetracted', retracts: id(1), reason: 'x' },
      ],
      META,
    );

    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      issues: [
        expect.objectContaining({ field: 'events[1].occurredAt' }),
        expect.objectContaining({ field: 'events[2].type' }),
      ],
    });
    expect(await storedIds()).toEqual([]);
  });

  it('given a fact recorded in a batch, when it is retracted, then the retraction finds its stream through the store and a retry answers the same', async () => {
    await recorder.recordBatch([fact(1), fact(2)], META);
    const retraction = {
      type: 'EventRetracted',
      eventId: id(9),
      retracts: id(2),
      reason: 'misread',
    };

    const first = await recorder.record(retraction, META);
    const retry = await recorder.record(retraction, META);

    expect(first).toMatchObject({ stream: `batch-${id(1)}`, alreadyRecorded: false });
    expect(retry).toEqual({ ...first, alreadyRecorded: true });
    const [stored] = await store.readEvents!([id(9)]);
    expect(stored.metadata).toMatchObject({
      recordedBy: 'spec',
      correlationId: 'corr-1',
      causationId: id(2),
    });
  });

  it('given no such fact, when it is amended, then NotFound; given a retraction id, then it is not a fact', async () => {
    await expect(
      recorder.record({ type: 'EventRetracted', retracts: id(7), reason: 'x' }, META),
    ).rejects.toThrow(NotFoundError);

    await recorder.record(fact(1), META);
    await recorder.record(
      { type: 'EventRetracted', eventId: id(8), retracts: id(1), reason: 'x' },
      META,
    );
    await expect(
      recorder.record({ type: 'EventRetracted', retracts: id(8), reason: 'x' }, META),
    ).rejects.toThrow(/is a retraction of/);
  });

  it('given two corrections of neighbours in one batch at once, when both append, then the one that lost the race decides again and both are stored', async () => {
    await recorder.recordBatch([fact(1), fact(2)], META);

    const [a, b] = await Promise.all([
      recorder.record(
        { type: 'EventCorrected', corrects: id(1), occurredAt: '2025-11-10', reason: 'day' },
        META,
      ),
      recorder.record(
        { type: 'EventCorrected', corrects: id(2), occurredAt: '2025-11-09', reason: 'day' },
        META,
      ),
    ]);

    expect([a.stream, b.stream]).toEqual([`batch-${id(1)}`, `batch-${id(1)}`]);
    expect((await store.readStream(`batch-${id(1)}`)).map((e) => e.type)).toEqual([
      'CooperationSuspended',
      'CooperationSuspended',
      'EventCorrected',
      'EventCorrected',
    ]);
  });

  it('given an unregistered body, when a fact names it, then it is refused until it is registered', async () => {
    const withBody = fact(1, {
      actor: 'EGMONT',
      target: 'COL',
      channel: 'membership',
      type: 'MembershipSuspended',
    });
    await expect(recorder.record(withBody, META)).rejects.toThrow(/unknown actor EGMONT/);

    await recorder.registerActor(
      { code: 'EGMONT', name: 'Egmont Group', kind: 'organization' },
      META,
    );

    await expect(recorder.record(withBody, META)).resolves.toMatchObject({
      alreadyRecorded: false,
    });
  });
});
