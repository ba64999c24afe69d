import {
  ACTOR_ROLES,
  EVIDENCE_KINDS,
  type ActorRole,
  type Agent,
  type Evidence,
  type Source,
} from '../events/event-data.types';
import { tryParseOccurredAt, type OccurredAt } from '../events/occurred-at.value';
import { reportedAtFromSources } from '../events/reported-at.value';
import { isNonEmptyString, isPresent, type Issues } from './issues';
import { LIMITS } from '../events/fact-limits';
import type { AgentInput } from './record-event.input';
import { optionalText } from './source.validate';

const MAX_NAME = LIMITS.text;

export function validateEvidence(input: unknown, issues: Issues): Evidence {
  if (!isPresent(input)) return 'curated';
  if (!EVIDENCE_KINDS.includes(input as Evidence)) {
    issues.add('evidence', `must be ${EVIDENCE_KINDS.join(' or ')}`);
  }
  return input as Evidence;
}

/**
 * When the world learned of the fact: as given, else its earliest dated source, else null (its record time).
 * Given, it may not lie after now nor before the period the fact happened in began.
 */
export function validateReportedAt(
  input: unknown,
  occurredAt: OccurredAt | null,
  sources: readonly Source[],
  now: Date,
  issues: Issues,
): string | null {
  if (!isPresent(input)) return occurredAt ? reportedAtFromSources(sources, occurredAt) : null;
  const parsed = tryParseOccurredAt(input, now);
  if (!parsed.ok) {
    issues.add('reportedAt', parsed.message);
    return null;
  }
  if (occurredAt && parsed.value.start < occurredAt.start) {
    issues.add('reportedAt', `is before the fact happened (occurredAt ${occurredAt.value})`);
  }
  return parsed.value.start;
}

/** A retraction or correction is reported on its own day, which may come after its fact's. */
export function validateAmendmentReportedAt(
  input: unknown,
  now: Date,
  issues: Issues,
): string | null {
  if (!isPresent(input)) return null;
  const parsed = tryParseOccurredAt(input, now);
  if (!parsed.ok) issues.add('reportedAt', parsed.message);
  return parsed.ok ? parsed.value.start : null;
}

export function validateRole(input: unknown, field: string, issues: Issues): ActorRole | null {
  if (!isPresent(input)) return null;
  if (!ACTOR_ROLES.includes(input as ActorRole)) {
    issues.add(field, `must be one of ${ACTOR_ROLES.join(', ')}`);
  }
  return input as ActorRole;
}

export function validateAgent(input: unknown, field: string, issues: Issues): Agent | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'object' || Array.isArray(input)) {
    issues.add(field, 'must be { name, office? }');
    return null;
  }
  const agent = input as AgentInput;
  for (const key of Object.keys(agent)) {
    if (key !== 'name' && key !== 'office') issues.add(`${field}.${key}`, 'is not an agent field');
  }
  if (!isNonEmptyString(agent.name)) issues.add(`${field}.name`, 'is required');
  else if (agent.name.length > MAX_NAME)
    issues.add(`${field}.name`, `at most ${MAX_NAME} characters`);
  return {
    name: agent.name as string,
    office: optionalText(agent.office, `${field}.office`, MAX_NAME, issues),
  };
}
