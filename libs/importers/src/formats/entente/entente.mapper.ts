import {
  isReportType,
  upcast,
  type ActorRegisteredData,
  type EventCorrectedData,
  type EventRetractedData,
  type ReportData,
  type RecordEventInput,
} from '@entente/domain';
import { skip, type RowOutcome } from '../../pipeline/row-outcome';
import { ententeLineProblem, type EntenteLine } from './entente-line';

/** The v3 fields of report data, optional because older lines upcast to data without them. */
type StoredReport = ReportData &
  Partial<
    Pick<
      RecordEventInput,
      'evidence' | 'coding' | 'actorRole' | 'targetRole' | 'actorAgent' | 'targetAgent'
    >
  > & {
    readonly reportedAt?: string | null;
  };

/**
 * One exported line as what to record again. Record time cannot move with a fact (the new store records
 * it now), so when the world learned of it does: `reportedAt` is the fact's effective report time in the
 * old store, min(reportedAt, recordedAt), and "as reported by" answers stay the same after the move.
 */
export function mapEntenteLine(value: unknown): RowOutcome {
  const problem = ententeLineProblem(value);
  if (problem) return skip('malformed', problem);
  const line = value as EntenteLine;
  try {
    const { data } = upcast(line.type, line.schemaVersion, line.data);
    if (line.type === 'ActorRegistered') {
      const actor = data as ActorRegisteredData;
      return {
        kind: 'actor',
        input: {
          code: actor.code,
          name: actor.name,
          kind: actor.kind,
          affiliation: actor.affiliation,
          office: actor.office,
        },
      };
    }
    if (line.type === 'EventRetracted' || line.type === 'EventCorrected') {
      return { kind: 'amendment', input: amendmentInput(line, data) };
    }
    if (!isReportType(line.type)) return skip('unmapped-code', `event type ${line.type}`);
    return {
      kind: 'fact',
      input: {
        type: line.type,
        eventId: line.eventId,
        ...reportInput(data as StoredReport, line.recordedAt),
      },
      amendments: (line.amendments ?? []).map((a) =>
        amendmentInput(a, upcast(a.type, a.schemaVersion, a.data).data),
      ),
    };
  } catch (error) {
    return skip('malformed', (error as Error).message);
  }
}

function amendmentInput(line: EntenteLine, data: unknown): RecordEventInput {
  if (line.type === 'EventRetracted') {
    const retraction = data as EventRetractedData & { reportedAt?: string | null };
    return {
      type: 'EventRetracted',
      eventId: line.eventId,
      retracts: retraction.retracts,
      reason: retraction.reason,
      reportedAt: effectiveReportedAt(retraction.reportedAt, line.recordedAt),
    };
  }
  const correction = data as EventCorrectedData & { reportedAt?: string | null };
  return {
    type: 'EventCorrected',
    eventId: line.eventId,
    ...reportInput(correction.replacement as StoredReport, line.recordedAt),
    corrects: correction.corrects,
    replacementType: correction.replacementType,
    reason: correction.reason,
    reportedAt: effectiveReportedAt(correction.reportedAt, line.recordedAt),
  };
}

function reportInput(data: StoredReport, recordedAt: string): Omit<RecordEventInput, 'type'> {
  const speaker = data.speaker;
  return {
    actors: data.actors,
    targets: data.targets,
    channel: data.channel,
    occurredAt: data.occurredAt.value,
    summary: data.summary,
    conditions: data.conditions,
    sources: data.sources,
    speaker: speaker === null ? null : 'code' in speaker ? speaker.code : speaker,
    ...(data.figure ? { figure: data.figure } : {}),
    ...(data.announcedChange !== undefined ? { announcedChange: data.announcedChange } : {}),
    ...(data.effectiveFrom ? { effectiveFrom: data.effectiveFrom.value } : {}),
    ...(data.location !== undefined ? { location: data.location } : {}),
    evidence: data.evidence ?? 'curated',
    reportedAt: effectiveReportedAt(data.reportedAt, recordedAt),
    coding: data.coding ?? null,
    actorRole: data.actorRole ?? null,
    targetRole: data.targetRole ?? null,
    actorAgent: data.actorAgent ?? null,
    targetAgent: data.targetAgent ?? null,
  };
}

function effectiveReportedAt(reportedAt: string | null | undefined, recordedAt: string): string {
  if (!reportedAt) return recordedAt;
  return Date.parse(reportedAt) < Date.parse(recordedAt) ? reportedAt : recordedAt;
}
