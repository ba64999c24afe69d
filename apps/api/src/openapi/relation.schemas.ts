import { EVIDENCE_KINDS, RELATION_STATUSES } from '@entente/domain';
import {
  bool,
  instant,
  int,
  list,
  mapOf,
  oneOf,
  orNull,
  ref,
  shape,
  str,
  type Schema,
} from './schema-builders';
import { codedMembers } from './coding.schemas';
import { STORY } from './story.examples';

export const status = oneOf(RELATION_STATUSES);
const evidence = oneOf(EVIDENCE_KINDS);
const facts = list(str(), 'Event ids.');

/** What every answer read "as known" states about the limits it was read under. */
export const knowledge = {
  knownAt: instant('The record time read: what was recorded by then.'),
  reportedBy: orNull(instant('The report time read, if limited.')),
  evidence: oneOf(['curated', 'all'], 'Which facts counted.'),
};

const nothingRecorded = {
  note: str(
    'Says that nothing is recorded for the pair (or the channel): an empty answer is not "no change".',
  ),
};

/** The answers about pairs: a state, its history, how it was reached, its context. */
export const RELATION_SCHEMAS: Record<string, Schema> = {
  OccurredAt: shape({
    value: str('As the sources gave it: 2025, 2025-11, 2025-11-11 or an instant.'),
    precision: oneOf(['year', 'month', 'day', 'instant']),
    start: instant('The start of the period: the sort key.'),
  }),
  Anomaly: shape(
    { kind: str(), eventId: str(), message: str() },
    { type: str(), from: status, to: status, conflictsWith: facts },
  ),
  Source: shape(
    { kind: str() },
    { url: orNull(str()), outlet: orNull(str()), publishedAt: orNull(str()), quote: orNull(str()) },
  ),
  ChannelState: shape(
    {
      channel: str(),
      status,
      since: orNull(instant('Since when the status has held; null while unknown.')),
      sinceOccurredAt: orNull(ref('OccurredAt')),
      approximate: bool('True when `since` comes from a year or a month.'),
      conditions: list(str()),
      basis: facts,
      anomalies: list(ref('Anomaly')),
    },
    { basisEvidence: mapOf(evidence, 'How each fact of the basis was established.') },
  ),
  RelationState: {
    ...shape(
      {
        actor: str(),
        target: str(),
        at: instant('The valid time read.'),
        ...knowledge,
        channels: list(ref('ChannelState')),
      },
      nothingRecorded,
    ),
    example: STORY.state,
  },
  ActorRelations: shape({
    actor: str(),
    at: instant(),
    ...knowledge,
    relations: list({
      allOf: [shape({ actor: str(), target: str() }), ref('ChannelState')],
    }),
  }),
  Interval: shape({
    channel: str(),
    status,
    from: instant(),
    to: orNull(instant('Exclusive; null while it holds.')),
    eventId: str('The fact that opened the interval.'),
    approximate: bool(),
    conditions: list(str()),
    basis: facts,
  }),
  Timeline: {
    ...shape(
      { actor: str(), target: str(), ...knowledge, intervals: list(ref('Interval')) },
      nothingRecorded,
    ),
    example: STORY.timeline,
  },
  AuditStep: shape({
    eventId: str('The version applied: the original, or the correction in effect.'),
    reportId: str(),
    corrects: orNull(str()),
    type: str(),
    occurredAt: ref('OccurredAt'),
    approximate: bool(),
    recordedAt: instant(),
    recordedBy: str(),
    reportedAt: instant(),
    evidence,
    summary: str(),
    conditions: list(str()),
    sources: list(ref('Source')),
    statusAfter: status,
    anomalies: list(ref('Anomaly')),
    ...codedMembers,
  }),
  ExcludedFact: shape({
    eventId: str(),
    reportId: str(),
    type: str(),
    reason: str(
      'Why it is left out: retracted, superseded, not yet recorded or reported, machine-coded.',
    ),
    by: orNull(str('The retraction or correction that excludes it.')),
    recordedAt: instant(),
    position: int(),
  }),
  Audit: shape(
    {
      key: shape({ actor: str(), target: str(), channel: str() }),
      status,
      since: orNull(instant()),
      sinceOccurredAt: orNull(ref('OccurredAt')),
      approximate: bool(),
      conditions: list(str()),
      basis: facts,
      anomalies: list(ref('Anomaly')),
      at: instant(),
      ...knowledge,
      steps: list(ref('AuditStep'), 'Each state change applied, in fold order.'),
      excluded: list(ref('ExcludedFact')),
      contextFacts: int(),
      context: shape({ count: int(), href: str('The context route, under the same limits.') }),
    },
    nothingRecorded,
  ),
  ContextFact: shape(
    {
      eventId: str(),
      reportId: str(),
      corrects: orNull(str()),
      type: str(),
      actors: list(str()),
      targets: list(str()),
      channel: orNull(str()),
      occurredAt: ref('OccurredAt'),
      summary: str(),
      evidence,
      sources: list(ref('Source')),
      reportedAt: instant(),
      recordedAt: instant(),
      recordedBy: str(),
      ...codedMembers,
    },
    {
      speaker: { description: 'An actor code as { code }, or { name, office?, affiliation? }.' },
      figure: { type: 'object' },
      location: str(),
      announcedChange: str(),
      effectiveFrom: orNull(str()),
    },
  ),
  Context: shape({
    actor: str(),
    target: str(),
    channel: orNull(str()),
    from: orNull(instant()),
    to: orNull(instant()),
    ...knowledge,
    total: int('Facts in the window, over every page.'),
    facts: list(ref('ContextFact')),
    next: orNull(int('`offset` for the next page; null on the last.')),
  }),
};
