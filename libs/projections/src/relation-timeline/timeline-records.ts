import {
  anomalyCode,
  anomalyOf,
  occurredAtOf,
  packId,
  packNumbers,
  statusCode,
  statusOf,
  storedOccurredAt,
  typeCode,
  typeOf,
  unpackId,
  unpackNumbers,
  type PackedIds,
} from './timeline-codec';
import type { ConditionDictionary } from './timeline-dictionaries';
import type { StoredAnomaly, TimelineAnomaly, TimelineFact } from './timeline-model';

export interface FactRecord {
  readonly key_id: number;
  readonly start_ms: number;
  readonly position: number;
  readonly event_id: PackedIds;
  readonly type: number;
  readonly precision: number;
  readonly occurred: string | null;
  readonly conditions: string | null;
}

export interface AnomalyRecord {
  readonly valid_from: number;
  readonly seq: number;
  readonly recorded_from: number;
  readonly report_lag: number;
  readonly kind: number;
  readonly event_id: PackedIds;
  readonly type: number;
  readonly from_status: number;
  readonly to_status: number;
  readonly conflicts: number | null;
}

export function factRecord(
  keyId: number,
  fact: TimelineFact,
  conditions: ConditionDictionary,
): FactRecord {
  const occurred = storedOccurredAt(fact.data.occurredAt);
  return {
    key_id: keyId,
    start_ms: fact.startMs,
    position: fact.position,
    event_id: packId(fact.eventId),
    type: typeCode(fact.type),
    precision: occurred.precision,
    occurred: occurred.occurred,
    conditions: packNumbers(conditions.idsOf(fact.data.conditions)),
  };
}

export function factOf(record: FactRecord, conditions: ConditionDictionary): TimelineFact {
  return {
    eventId: unpackId(record.event_id),
    type: typeOf(record.type),
    startMs: record.start_ms,
    position: record.position,
    data: {
      occurredAt: occurredAtOf(record.start_ms, record.precision, record.occurred),
      conditions: conditions.textsOf(unpackNumbers(record.conditions)),
    },
  };
}

/** An anomaly's columns after its key, start, sequence and record time. */
export function anomalyParams(
  a: TimelineAnomaly,
): [number, PackedIds, number, number, number, number | null] {
  return [
    anomalyCode(a.kind),
    packId(a.eventId),
    typeCode(a.type),
    statusCode(a.from),
    statusCode(a.to),
    a.conflicts,
  ];
}

export function anomalyFrom(record: AnomalyRecord): StoredAnomaly {
  return {
    validFrom: record.valid_from,
    seq: record.seq,
    recordedFrom: record.recorded_from,
    reportedFrom: record.recorded_from - record.report_lag,
    kind: anomalyOf(record.kind),
    eventId: unpackId(record.event_id),
    type: typeOf(record.type),
    from: statusOf(record.from_status),
    to: statusOf(record.to_status),
    conflicts: record.conflicts,
  };
}
