import type { ResolvedEvent } from '@eventstore/db-client';
import { toEventData, toRecordedEvent } from './eventstoredb-event.mapper';

const resolved = (overrides: Record<string, unknown> = {}): ResolvedEvent =>
  ({
    event: {
      streamId: 'report-1',
      id: 'AAAAAAAA-0000-4000-8000-000000000001',
      revision: 3n,
      type: 'Happened',
      isJson: true,
      data: { n: 1 },
      metadata: undefined,
      created: new Date('2025-02-03T04:05:06.000Z'),
      position: { commit: 100n, prepare: 100n },
      ...overrides,
    },
  }) as unknown as ResolvedEvent;

describe('events between the port and EventStoreDB', () => {
  it('writes the metadata the port needs, with the schema version, as JSON, and no record time: the server sets it', () => {
    const data = toEventData({
      eventId: 'AAAAAAAA-0000-4000-8000-000000000001',
      type: 'Happened',
      schemaVersion: 2,
      data: { n: 1 },
      metadata: { recordedBy: 'alice', correlationId: 'c-1' },
    });
    expect(data).toEqual({
      id: 'aaaaaaaa-0000-4000-8000-000000000001',
      contentType: 'application/json',
      type: 'Happened',
      data: { n: 1 },
      metadata: {
        recordedBy: 'alice',
        correlationId: 'c-1',
        causationId: null,
        schemaVersion: 2,
      },
    });
  });

  it('given an event written by another application, then it still maps, with what the server knows', () => {
    const event = toRecordedEvent(resolved());
    expect(event).toEqual({
      eventId: 'aaaaaaaa-0000-4000-8000-000000000001',
      stream: 'report-1',
      revision: 3,
      position: 201,
      type: 'Happened',
      schemaVersion: 1,
      data: { n: 1 },
      metadata: {
        recordedAt: '2025-02-03T04:05:06.000Z',
        recordedBy: '',
        correlationId: '',
        causationId: null,
      },
    });
    expect(Object.isFrozen(event.data)).toBe(true);
  });

  it('given an event of ours, then its record time is when the server created it', () => {
    const metadata = {
      recordedBy: 'alice',
      correlationId: 'c-1',
      causationId: null,
      schemaVersion: 2,
    };
    expect(toRecordedEvent(resolved({ metadata })).metadata.recordedAt).toBe(
      '2025-02-03T04:05:06.000Z',
    );
  });

  it('given an event written before record time came from the server, then it keeps the record time it was written with', () => {
    const metadata = {
      recordedAt: '2025-02-03T04:00:00.000Z',
      recordedBy: 'alice',
      correlationId: 'c-1',
      causationId: null,
      schemaVersion: 2,
    };
    expect(toRecordedEvent(resolved({ metadata })).metadata.recordedAt).toBe(
      '2025-02-03T04:00:00.000Z',
    );
  });

  it('given a server that reports no position for a stream read, then it says which server is needed', () => {
    const noPosition = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(() => toRecordedEvent(resolved({ position: noPosition }))).toThrow(/23\.10/);
  });
});
