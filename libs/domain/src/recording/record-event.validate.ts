import {
  EVENT_CATALOG,
  REPORT_TYPES,
  isEventType,
  isReportType,
  type ReportType,
} from '../events/event-catalog';
import type {
  EventCorrectedData,
  EventRetractedData,
  ReportData,
} from '../events/event-data.types';
import { Issues, isNonEmptyString, isPresent, isUuid } from './issues';
import { LIMITS } from '../events/fact-limits';
import { validateAmendmentReportedAt } from './provenance.validate';
import type { RecordEventInput } from './record-event.input';
import { validateReport, type ValidationContext } from './report.validate';

export type ValidatedEvent =
  | { readonly type: ReportType; readonly data: ReportData }
  | { readonly type: 'EventRetracted'; readonly data: EventRetractedData }
  | { readonly type: 'EventCorrected'; readonly data: EventCorrectedData };

export interface RecordEventValidationContext extends ValidationContext {
  /** For EventCorrected: the fact as it currently stands; fields the input omits are kept from it. */
  readonly corrected?: { readonly type: ReportType; readonly data: ReportData } | null;
}

const MAX_REASON = LIMITS.reason;

/**
 * Turns a `POST /v1/events` body into event data, or throws `ValidationError` listing every bad field.
 * Semantic checks only: what refers to stored history (does the retracted event exist?) is `decide`'s.
 */
export function validateRecordEvent(
  input: RecordEventInput,
  context: RecordEventValidationContext,
): ValidatedEvent {
  const issues = new Issues();
  const type = input.type;
  if (!isEventType(type)) {
    issues.add('type', `unknown event type; one of ${Object.keys(EVENT_CATALOG).join(', ')}`);
    throw issues.toError();
  }
  if (type === 'ActorRegistered') {
    issues.add('type', 'actors are registered with POST /v1/actors, not recorded as events');
    throw issues.toError();
  }
  if (isPresent(input.eventId) && !isUuid(input.eventId)) issues.add('eventId', 'must be a UUID');
  for (const [field, owner] of [
    ['retracts', 'EventRetracted'],
    ['corrects', 'EventCorrected'],
    ['replacementType', 'EventCorrected'],
  ] as const) {
    if (isPresent(input[field]) && type !== owner) issues.add(field, `only for ${owner}`);
  }
  const validated = validateByType(type, input, context, issues);
  issues.throwIfAny();
  return validated;
}

function validateByType(
  type: ReportType | 'EventRetracted' | 'EventCorrected',
  input: RecordEventInput,
  context: RecordEventValidationContext,
  issues: Issues,
): ValidatedEvent {
  if (type === 'EventRetracted') {
    if (!isUuid(input.retracts))
      issues.add('retracts', 'must be the id (UUID) of a recorded event');
    return {
      type,
      data: {
        retracts: input.retracts as string,
        reason: validateReason(input, true, issues) as string,
        reportedAt: validateAmendmentReportedAt(input.reportedAt, context.now, issues),
      },
    };
  }
  if (type === 'EventCorrected') return validateCorrection(input, context, issues);
  return { type, data: validateReport(type, input, context, issues) };
}

function validateCorrection(
  input: RecordEventInput,
  context: RecordEventValidationContext,
  issues: Issues,
): ValidatedEvent {
  if (!isUuid(input.corrects)) issues.add('corrects', 'must be the id (UUID) of a recorded event');
  let replacementType = context.corrected?.type;
  if (isPresent(input.replacementType)) {
    if (isReportType(input.replacementType)) replacementType = input.replacementType;
    else issues.add('replacementType', `must be one of ${REPORT_TYPES.join(', ')}`);
  } else if (!replacementType) {
    issues.add('replacementType', 'is required when the corrected fact is not given');
  }
  const merged =
    context.corrected && replacementType
      ? mergeIntoCurrent(context.corrected, replacementType, input)
      : input;
  const replacement = replacementType
    ? keepReportTime(validateReport(replacementType, merged, context, issues), context.corrected)
    : (undefined as unknown as ReportData);
  return {
    type: 'EventCorrected',
    data: {
      corrects: input.corrects as string,
      reason: validateReason(input, false, issues),
      replacementType: replacementType as ReportType,
      replacement,
      reportedAt: validateAmendmentReportedAt(input.reportedAt, context.now, issues),
    },
  };
}

function validateReason(input: RecordEventInput, required: boolean, issues: Issues): string | null {
  if (!isPresent(input.reason)) {
    if (required) issues.add('reason', 'is required: why the event is withdrawn');
    return null;
  }
  if (!isNonEmptyString(input.reason)) issues.add('reason', 'must be a non-empty string');
  else if (input.reason.length > MAX_REASON)
    issues.add('reason', `at most ${MAX_REASON} characters`);
  return input.reason;
}

/**
 * The fact was first reported when it was, whatever a correction changes (the correction's own report time
 * is the event's): only a valid start moved past it brings it forward, since nothing is reported before it
 * happens.
 */
function keepReportTime(
  replacement: ReportData,
  corrected: RecordEventValidationContext['corrected'],
): ReportData {
  const kept = corrected?.data.reportedAt ?? null;
  if (kept === null || !replacement.occurredAt) return replacement;
  const start = replacement.occurredAt.start;
  return { ...replacement, reportedAt: Date.parse(kept) < Date.parse(start) ? start : kept };
}

/** A correction sends only what changes; the event still carries the full replacement. */
function mergeIntoCurrent(
  corrected: { readonly type: ReportType; readonly data: ReportData },
  replacementType: ReportType,
  patch: RecordEventInput,
): RecordEventInput {
  const current = corrected.data;
  // Fields of one type do not carry over to another: a figure does not belong on a statement.
  const sameType = corrected.type === replacementType;
  const base: { -readonly [K in keyof RecordEventInput]?: RecordEventInput[K] } = {
    type: patch.type,
    actors: current.actors,
    targets: current.targets,
    channel: current.channel,
    occurredAt: current.occurredAt.value,
    summary: current.summary,
    conditions: current.conditions,
    sources: current.sources,
    speaker: current.speaker && 'code' in current.speaker ? current.speaker.code : current.speaker,
    evidence: current.evidence,
    coding: current.coding,
    actorRole: current.actorRole,
    targetRole: current.targetRole,
    actorAgent: current.actorAgent,
    targetAgent: current.targetAgent,
    ...(sameType && {
      figure: current.figure,
      announcedChange: current.announcedChange,
      effectiveFrom: current.effectiveFrom?.value,
      location: current.location,
    }),
  };
  if (isPresent(patch.actor) || isPresent(patch.actors)) delete base.actors;
  if (isPresent(patch.target) || isPresent(patch.targets)) delete base.targets;
  const given = Object.fromEntries(
    Object.entries(patch).filter(
      ([field, value]) =>
        isPresent(value) &&
        !['type', 'corrects', 'replacementType', 'reason', 'eventId', 'reportedAt'].includes(field),
    ),
  );
  return { ...base, ...given } as RecordEventInput;
}
