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
import type { ReportVersion, StoredAnomaly, TimelineAnomaly, TimelineFact } from './timeline-model';

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

/** A report's version on a key: `kind` 0 with its fact there, 1 with none, 2 the retraction. */
export interface VersionRecord {
  readonly key_id: number;
  readonly position: number;
  readonly report_position: number;
  readonly recorded_ms: number;
  readonly report_lag: number;
  readonly kind: number;
  readonly machine: number;
  readonly start_ms: number | null;
  readonly event_id: PackedIds | null;
  readonly type: number | null;
  readonly precision: number | null;
  readonly occurred: string | null;
  readonly conditions: string | null;
}

export const VERSION_WITH_FACT = 0;
export const VERSION_WITHOUT_FACT = 1;
export const RETRACTION = 2;

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

export function factOf(
  record: Omit<FactRecord, 'key_id'>,
  conditions: ConditionDictionary,
): TimelineFact {
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

export function versionRecord(
  keyId: number,
  version: ReportVersion,
  conditions: ConditionDictionary,
): VersionRecord {
  const fact = version.fact ? factRecord(keyId, version.fact, conditions) : null;
  return {
    key_id: keyId,
    position: version.position,
    report_position: version.report,
    recorded_ms: version.at.recordMs,
    report_lag: version.at.recordMs - version.at.reportMs,
    kind: version.retraction ? RETRACTION : fact ? VERSION_WITH_FACT : VERSION_WITHOUT_FACT,
    machine: version.machineCoded ? 1 : 0,
    start_ms: fact?.start_ms ?? null,
    event_id: fact?.event_id ?? null,
    type: fact?.type ?? null,
    precision: fact?.precision ?? null,
    occurred: fact?.occurred ?? null,
    conditions: fact?.conditions ?? null,
  };
}

/**
 * The fact a version with one puts on its key, in its report's place: the columns a version of kind
 * VERSION_WITH_FACT holds, none of them null there.
 */
export type VersionFactRecord = Omit<FactRecord, 'key_id' | 'position'> & {
  readonly report_position: number;
};

export function versionFactOf(
  record: VersionFactRecord,
  conditions: ConditionDictionary,
): TimelineFact {
  return factOf({ ...record, position: record.report_position }, conditions);
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
