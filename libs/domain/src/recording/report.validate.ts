import { isKnownActor, type ActorLookup } from '../actors/actor-code.value';
import { isChannelSlug } from '../events/channel.value';
import {
  EVENT_CATALOG,
  STATE_CHANGE_TYPES,
  isStateChangeType,
  type ReportType,
} from '../events/event-catalog';
import type { ReportData } from '../events/event-data.types';
import { tryParseOccurredAt, type OccurredAt } from '../events/occurred-at.value';
import { validateCoding } from '../coding/coding.validate';
import { isNonEmptyString, isPresent, type Issues } from './issues';
import { LIMITS } from '../events/fact-limits';
import {
  validateAgent,
  validateEvidence,
  validateReportedAt,
  validateRole,
} from './provenance.validate';
import type { RecordEventInput } from './record-event.input';
import { optionalText, validateFigure, validateSources, validateSpeaker } from './source.validate';

export interface ValidationContext {
  readonly now: Date;
  readonly registeredActors: ActorLookup;
}

const MAX_PARTIES = LIMITS.parties;
const MAX_SUMMARY = LIMITS.summary;
const MAX_CONDITIONS = LIMITS.conditions;
const MAX_CONDITION = LIMITS.condition;

/**
 * Who said it matters for these; a policy or a reported action is attributed to its actor and sources. A
 * machine coder names no speaker apart from the acting side, which then stands for it.
 */
const SPEAKER_REQUIRED: readonly ReportType[] = [
  'StatementIssued',
  'AccusationMade',
  'FigureCited',
];

/** Checks the content of a state change or a context fact, adding an issue per bad field. */
export function validateReport(
  type: ReportType,
  input: RecordEventInput,
  context: ValidationContext,
  issues: Issues,
): ReportData {
  const stateChange = isStateChangeType(type);
  const actors = validateParties(input, 'actor', 'actors', true, context, issues);
  const targets = validateParties(input, 'target', 'targets', stateChange, context, issues);
  if (
    targets.length > 0 &&
    targets.every((t) => actors.length > 0 && actors.every((a) => a === t))
  ) {
    issues.add(isPresent(input.targets) ? 'targets' : 'target', 'an actor cannot act on itself');
  }
  const occurredAt = tryParseOccurredAt(input.occurredAt, context.now);
  if (!occurredAt.ok) issues.add('occurredAt', occurredAt.message);
  if (!isNonEmptyString(input.summary)) issues.add('summary', 'is required');
  else if (input.summary.length > MAX_SUMMARY) {
    issues.add('summary', `at most ${MAX_SUMMARY} characters`);
  }
  const channel = validateChannel(type, input.channel, issues);
  const conditions = validateConditions(input.conditions, issues);
  const sources = validateSources(input.sources, stateChange, context.now, issues);
  const evidence = validateEvidence(input.evidence, issues);
  const data: ReportData = {
    actors,
    targets,
    channel,
    occurredAt: occurredAt.ok ? occurredAt.value : (undefined as unknown as OccurredAt),
    summary: input.summary as string,
    conditions,
    sources,
    speaker: validateSpeaker(
      input.speaker,
      SPEAKER_REQUIRED.includes(type) && evidence !== 'machine-coded',
      context.registeredActors,
      issues,
    ),
    evidence,
    reportedAt: validateReportedAt(
      input.reportedAt,
      occurredAt.ok ? occurredAt.value : null,
      sources,
      context.now,
      issues,
    ),
    coding: validateCoding(input.coding, issues),
    actorRole: validateRole(input.actorRole, 'actorRole', issues),
    targetRole: validateRole(input.targetRole, 'targetRole', issues),
    actorAgent: validateAgent(input.actorAgent, 'actorAgent', issues),
    targetAgent: validateAgent(input.targetAgent, 'targetAgent', issues),
  };
  return { ...data, ...validateTypeSpecific(type, input, context, issues) };
}

function validateParties(
  input: RecordEventInput,
  singular: 'actor' | 'target',
  plural: 'actors' | 'targets',
  required: boolean,
  context: ValidationContext,
  issues: Issues,
): string[] {
  const one = input[singular];
  const many = input[plural];
  if (isPresent(one) && isPresent(many)) {
    issues.add(plural, `give ${singular} or ${plural}, not both`);
    return [];
  }
  const entries: [unknown, string][] = isPresent(one)
    ? [[one, singular]]
    : Array.isArray(many)
      ? many.map((code, i) => [code, `${plural}[${i}]`])
      : [];
  if (isPresent(many) && !Array.isArray(many)) {
    issues.add(plural, 'must be a list of actor codes');
    return [];
  }
  if (entries.length === 0) {
    if (required) issues.add(isPresent(many) ? plural : singular, 'is required');
    return [];
  }
  if (entries.length > MAX_PARTIES) issues.add(plural, `at most ${MAX_PARTIES}`);
  const codes: string[] = [];
  for (const [code, field] of entries) {
    if (typeof code !== 'string' || code === '') issues.add(field, 'must be an actor code');
    else if (!isKnownActor(code, context.registeredActors)) {
      issues.add(field, `unknown actor ${code}: not an ISO 3166-1 alpha-3 code nor registered`);
    } else if (codes.includes(code)) issues.add(field, `${code} is listed twice`);
    else codes.push(code);
  }
  return codes;
}

function validateChannel(type: ReportType, input: unknown, issues: Issues): string | null {
  if (!isPresent(input)) {
    const fallback = EVENT_CATALOG[type].defaultChannel;
    if (isStateChangeType(type) && fallback === null) {
      issues.add('channel', `is required for ${type} (e.g. intelligence, military, diplomatic)`);
    }
    return fallback;
  }
  if (typeof input !== 'string' || !isChannelSlug(input)) {
    issues.add('channel', 'must be a lowercase slug such as intelligence or counter-narcotics');
    return null;
  }
  return input;
}

function validateConditions(input: unknown, issues: Issues): string[] {
  if (!isPresent(input)) return [];
  if (!Array.isArray(input)) {
    issues.add('conditions', 'must be a list of conditions in words');
    return [];
  }
  if (input.length > MAX_CONDITIONS) issues.add('conditions', `at most ${MAX_CONDITIONS}`);
  input.forEach((condition: unknown, i) => {
    if (!isNonEmptyString(condition)) issues.add(`conditions[${i}]`, 'must be a non-empty string');
    else if (condition.length > MAX_CONDITION) {
      issues.add(`conditions[${i}]`, `at most ${MAX_CONDITION} characters`);
    }
  });
  return input as string[];
}

function validateTypeSpecific(
  type: ReportType,
  input: RecordEventInput,
  context: ValidationContext,
  issues: Issues,
): Partial<ReportData> {
  const only = (field: keyof RecordEventInput, owner: ReportType): boolean => {
    if (type === owner) return true;
    if (isPresent(input[field])) issues.add(field, `only for ${owner}`);
    return false;
  };
  const extra: { -readonly [K in keyof ReportData]?: ReportData[K] } = {};
  if (only('figure', 'FigureCited'))
    extra.figure = validateFigure(input.figure, context.now, issues);
  const announces = only('announcedChange', 'PolicyAnnounced');
  if (only('effectiveFrom', 'PolicyAnnounced') && announces) {
    extra.announcedChange = null;
    if (isPresent(input.announcedChange)) {
      if (isStateChangeType(input.announcedChange)) extra.announcedChange = input.announcedChange;
      else issues.add('announcedChange', `must be one of ${STATE_CHANGE_TYPES.join(', ')}`);
    }
    extra.effectiveFrom = null;
    if (isPresent(input.effectiveFrom)) {
      const parsed = tryParseOccurredAt(input.effectiveFrom, context.now, { allowFuture: true });
      if (parsed.ok) extra.effectiveFrom = parsed.value;
      else issues.add('effectiveFrom', parsed.message);
    }
  }
  if (only('location', 'MilitaryActionReported')) {
    extra.location = optionalText(input.location, 'location', LIMITS.text, issues);
  }
  return extra;
}
