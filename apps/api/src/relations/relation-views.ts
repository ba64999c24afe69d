import type { FactInEffect, RelationKey } from '@entente/domain';
import type { StateAt } from '@entente/projections';

/**
 * A channel's state as the API shows it; `evidence` says how each fact of the basis was established
 * (absent: the caller did not look it up).
 */
export function channelStateView(
  channel: string,
  state: StateAt,
  evidence?: ReadonlyMap<string, string>,
) {
  return {
    channel,
    status: state.status,
    since: state.since,
    sinceOccurredAt: state.sinceOccurredAt ?? null,
    approximate: state.approximate,
    conditions: state.conditions,
    basis: state.basis,
    ...(evidence && {
      basisEvidence: Object.fromEntries(
        state.basis.map((id) => [id, evidence.get(id) ?? 'curated']),
      ),
    }),
    anomalies: state.anomalies.map(({ kind, eventId, message }) => ({ kind, eventId, message })),
  };
}

export function relationView(
  key: RelationKey,
  state: StateAt,
  evidence?: ReadonlyMap<string, string>,
) {
  const { channel: _channel, ...rest } = channelStateView(key.channel, state, evidence);
  return { actor: key.actor, target: key.target, channel: key.channel, ...rest };
}

/** A context fact as the context route lists it: what was said or done, by whom, coded how, from where. */
export function contextFactView(fact: FactInEffect) {
  const { data } = fact;
  return {
    eventId: fact.eventId,
    reportId: fact.reportId,
    corrects: fact.corrects,
    type: fact.type,
    actors: data.actors,
    targets: data.targets,
    channel: data.channel,
    occurredAt: data.occurredAt,
    summary: data.summary,
    speaker: data.speaker,
    actorRole: data.actorRole,
    actorAgent: data.actorAgent,
    targetRole: data.targetRole,
    targetAgent: data.targetAgent,
    evidence: data.evidence,
    coding: data.coding,
    sources: data.sources,
    reportedAt: fact.reportedAt,
    recordedAt: fact.recordedAt,
    recordedBy: fact.recordedBy,
    ...(data.figure && { figure: data.figure }),
    ...(data.location !== undefined && { location: data.location }),
    ...(data.announcedChange !== undefined && {
      announcedChange: data.announcedChange,
      effectiveFrom: data.effectiveFrom,
    }),
  };
}
