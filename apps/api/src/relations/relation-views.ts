import type { RelationKey } from '@entente/domain';
import type { StateAt } from '@entente/projections';

/** A channel's state as the API shows it. */
export function channelStateView(channel: string, state: StateAt) {
  return {
    channel,
    status: state.status,
    since: state.since,
    sinceOccurredAt: state.sinceOccurredAt?.value ?? null,
    approximate: state.approximate,
    conditions: state.conditions,
    basis: state.basis,
    anomalies: state.anomalies.map(({ kind, eventId, message }) => ({ kind, eventId, message })),
  };
}

export function relationView(key: RelationKey, state: StateAt) {
  const { channel: _channel, ...rest } = channelStateView(key.channel, state);
  return { actor: key.actor, target: key.target, channel: key.channel, ...rest };
}
