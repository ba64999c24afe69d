import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { at, compareTf, type TfPosition } from './tf-position';

export interface ProposedEvent {
  /** Lower case, as the server prints a Guid. */
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  readonly stream: string;
  readonly revision: number;
  /** Byte offset of the record in the log: commit and prepare position alike. */
  readonly position: number;
  readonly postPosition: number;
  /** .NET ticks since the Unix epoch, what the server sends as `created`. */
  readonly created: bigint;
}

export type ExpectedVersion =
  | { readonly kind: 'any' }
  | { readonly kind: 'no-stream' }
  | { readonly kind: 'stream-exists' }
  | { readonly kind: 'revision'; readonly revision: number };

export type AppendOutcome =
  | { readonly kind: 'written'; readonly records: readonly LogRecord[] }
  | { readonly kind: 'idempotent'; readonly records: readonly LogRecord[] }
  /** `current` is -1 when the stream does not exist. */
  | { readonly kind: 'wrong-expected-version'; readonly current: number };

export interface InMemoryLogOptions {
  /** How many recent event ids the server remembers for its best-effort idempotency. */
  readonly idempotencyCacheSize?: number;
  /** Write the few `$` events a fresh server has, so that filters have something to exclude. */
  readonly seedSystemEvents?: boolean;
  readonly now?: () => Date;
}

/** A real log starts with an epoch record; events never sit at position 0. */
const EPOCH_RECORD_SIZE = 128;
/** Roughly a prepare record's header, so that positions are byte offsets, not counters. */
const RECORD_OVERHEAD = 96;

/**
 * The double's transaction log, shared by its server incarnations so that a restart keeps the data (a
 * durable node) but loses what a node only keeps in memory (the idempotency cache, subscriptions).
 */
export class InMemoryLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly recentIds = new Map<string, LogRecord>();
  private readonly listeners = new EventEmitter();
  private end = EPOCH_RECORD_SIZE;

  constructor(private readonly options: InMemoryLogOptions = {}) {
    this.listeners.setMaxListeners(0);
    if (options.seedSystemEvents ?? true) {
      this.appendSystemEvent('$user-admin', '$UserCreated');
      this.appendSystemEvent('$user-ops', '$UserCreated');
      this.appendSystemEvent('$users', '$User');
    }
  }

  get endPosition(): number {
    return this.end;
  }

  get size(): number {
    return this.records.length;
  }

  recordAt(index: number): LogRecord | undefined {
    return this.records[index];
  }

  stream(name: string): readonly LogRecord[] | undefined {
    return this.streams.get(name);
  }

  /** Where a read or subscription may start: the log's start or end, or the start of a record. */
  isRecordBoundary(commit: number): boolean {
    if (commit === 0 || commit === this.end) return true;
    const i = this.firstIndexAtOrAfter(at(commit));
    return this.records[i]?.position === commit;
  }

  /** Index of the first record whose position is at or after `from`. */
  firstIndexAtOrAfter(from: TfPosition): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareTf(at(this.records[mid].position), from) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The write path's commit check, including the server's id-based, best-effort idempotency. */
  append(
    stream: string,
    expected: ExpectedVersion,
    events: readonly ProposedEvent[],
  ): AppendOutcome {
    const existing = this.streams.get(stream) ?? [];
    const current = existing.length - 1;
    if (expected.kind === 'stream-exists' && current < 0) {
      return { kind: 'wrong-expected-version', current };
    }
    if (expected.kind === 'any' || expected.kind === 'stream-exists') {
      const remembered = events.map((e) => this.recentIds.get(e.eventId));
      if (remembered[0]?.stream === stream) {
        return remembered.every((r) => r?.stream === stream)
          ? { kind: 'idempotent', records: remembered as LogRecord[] }
          : { kind: 'wrong-expected-version', current };
      }
      return this.write(stream, events, current);
    }
    const expectedRevision = expected.kind === 'no-stream' ? -1 : expected.revision;
    if (expectedRevision < current) {
      const already = events.map((_e, i) => existing[expectedRevision + 1 + i]);
      const matches = already.map((r, i) => r?.eventId === events[i].eventId);
      if (matches.every(Boolean)) return { kind: 'idempotent', records: already };
      return { kind: 'wrong-expected-version', current };
    }
    if (expectedRevision > current) return { kind: 'wrong-expected-version', current };
    return this.write(stream, events, current);
  }

  /** What the server itself writes: `$`-prefixed streams and types, ignored by Entente. */
  appendSystemEvent(stream: string, type: string): LogRecord {
    const data = Buffer.from('{}');
    const outcome = this.write(stream, [
      { eventId: randomUUID(), type, contentType: 'application/json', data, metadata: data },
    ]);
    return outcome.records[0];
  }

  /** Calls `listener` synchronously after each write, with the records it added. */
  onAppended(listener: (records: readonly LogRecord[]) => void): () => void {
    this.listeners.on('appended', listener);
    return () => this.listeners.off('appended', listener);
  }

  /** A restarted node has forgotten the ids it had cached. */
  forgetRecentIds(): void {
    this.recentIds.clear();
  }

  private write(
    stream: string,
    events: readonly ProposedEvent[],
    current = (this.streams.get(stream)?.length ?? 0) - 1,
  ): { kind: 'written'; records: LogRecord[] } {
    const created = BigInt((this.options.now?.() ?? new Date()).getTime()) * 10_000n;
    const records = events.map((event, i) => {
      const size =
        RECORD_OVERHEAD +
        Buffer.byteLength(stream) +
        Buffer.byteLength(event.type) +
        event.data.length +
        event.metadata.length;
      const record: LogRecord = {
        ...event,
        stream,
        revision: current + 1 + i,
        position: this.end,
        postPosition: this.end + size,
        created,
      };
      this.end = record.postPosition;
      return record;
    });
    const streamRecords = this.streams.get(stream) ?? [];
    this.streams.set(stream, streamRecords);
    for (const record of records) {
      this.records.push(record);
      streamRecords.push(record);
      this.remember(record);
    }
    this.listeners.emit('appended', records);
    return { kind: 'written', records };
  }

  private remember(record: LogRecord): void {
    this.recentIds.delete(record.eventId);
    this.recentIds.set(record.eventId, record);
    const limit = this.options.idempotencyCacheSize ?? 100_000;
    if (this.recentIds.size > limit) {
      this.recentIds.delete(this.recentIds.keys().next().value as string);
    }
  }
}
