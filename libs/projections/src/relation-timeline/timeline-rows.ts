import { append, materializeStanding, type RelationStanding } from '@entente/domain';
import {
  occurredAtOf,
  packNumbers,
  statusCode,
  statusOf,
  storedOccurredAt,
  unpackNumbers,
  type PackedIds,
} from './timeline-codec';
import type { ConditionDictionary } from './timeline-dictionaries';
import type { ListCodec } from './timeline-lists';
import type { Standing, StoredRow, TimelineRow } from './timeline-model';

/** The columns that hold a standing, in rows and in changes. */
export interface StandingRecord {
  readonly status: number;
  /** In a row, null when the standing holds since the row's own start (most often). */
  readonly since_ms: number | null;
  readonly since_precision: number;
  readonly since_occurred: string | null;
  readonly conditions: string | null;
  readonly basis_chunk: Buffer | null;
  readonly basis: PackedIds;
}

export interface RowRecord extends StandingRecord {
  readonly valid_from: number;
  readonly recorded_from: number;
  readonly recorded_to: number | null;
  readonly report_lag: number;
  readonly end_report_lag: number | null;
  readonly group_chunk: Buffer | null;
  readonly group_ids: PackedIds | null;
}

/** A row's columns after its key and times, in the order the row statements take them. */
export type RowParams = [
  status: number,
  sinceMs: number | null,
  sincePrecision: number,
  sinceOccurred: string | null,
  conditions: string | null,
  basisChunk: Buffer | null,
  basis: PackedIds,
  groupChunk: Buffer | null,
  groupIds: PackedIds | null,
];

/** Turns standings and rows into columns and back; lists through the list codec. */
export class RowCodec {
  /** A standing is written by its row and by the change that made it: encoded once. */
  private encoded = new WeakMap<Standing, StandingRecord>();

  constructor(
    private readonly lists: ListCodec,
    private readonly conditions: ConditionDictionary,
  ) {}

  /** Forgets encodings whose chunks a rollback may have undone. */
  reset(): void {
    this.encoded = new WeakMap();
  }

  standingRecord(standing: Standing): StandingRecord {
    let record = this.encoded.get(standing);
    if (!record) this.encoded.set(standing, (record = this.encode(standing)));
    return record;
  }

  private encode(standing: Standing): StandingRecord {
    const since = storedOccurredAt(standing.since!.data.occurredAt);
    const basis = this.lists.store(standing.basis!);
    return {
      status: statusCode(standing.status),
      since_ms: since.startMs,
      since_precision: since.precision,
      since_occurred: since.occurred,
      conditions: packNumbers(this.conditions.idsOf(standing.conditions)),
      basis_chunk: basis.chunk,
      basis: basis.tail,
    };
  }

  /** The standing and the group. */
  rowParams(row: TimelineRow): RowParams {
    const s = this.standingRecord(row.standing);
    // A group of one fact that ends the basis is that fact: the row needs no list of its own.
    const single = row.group.length === 1 && row.group.last === row.standing.basis!.last;
    const group = single ? null : this.lists.store(row.group);
    return [
      s.status,
      s.since_ms === row.validFrom ? null : s.since_ms,
      s.since_precision,
      s.since_occurred,
      s.conditions,
      s.basis_chunk,
      s.basis,
      group?.chunk ?? null,
      group?.tail ?? null,
    ];
  }

  /** A row's standing needs the row's start: its `since` is most often that start. */
  standingOf(record: StandingRecord, validFrom?: number): Standing {
    const sinceMs = record.since_ms ?? validFrom!;
    const occurredAt = occurredAtOf(sinceMs, record.since_precision, record.since_occurred);
    return {
      status: statusOf(record.status),
      // Only its valid time is read from the fact that set `since`.
      since: { eventId: '', type: '', data: { occurredAt, conditions: [] } },
      conditions: this.conditions.textsOf(unpackNumbers(record.conditions)),
      basis: this.lists.load({ chunk: record.basis_chunk, tail: record.basis }),
    };
  }

  rowOf(record: RowRecord): StoredRow {
    const standing = this.standingOf(record, record.valid_from);
    const group =
      record.group_ids === null
        ? append(null, standing.basis!.last)
        : this.lists.load({ chunk: record.group_chunk, tail: record.group_ids });
    return {
      validFrom: record.valid_from,
      recordedFrom: record.recorded_from,
      reportedFrom: record.recorded_from - record.report_lag,
      standing,
      group,
    };
  }
}

/** A standing as live followers get it, its basis read only when asked for. */
export function lazyStanding(standing: Standing): RelationStanding {
  let materialized: RelationStanding | null = null;
  const read = () => (materialized ??= materializeStanding(standing));
  return {
    status: standing.status,
    get since() {
      return read().since;
    },
    get sinceOccurredAt() {
      return read().sinceOccurredAt;
    },
    get approximate() {
      return read().approximate;
    },
    get conditions() {
      return read().conditions;
    },
    get basis() {
      return read().basis;
    },
  };
}
