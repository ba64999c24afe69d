import { LIMITS } from './fact-limits';
/**
 * A channel is an open lowercase slug: recorders may name any channel, so that an unforeseen kind of
 * cooperation is recorded rather than forced into a near miss. These are the documented ones; reuse them.
 */
export const KNOWN_CHANNELS: Readonly<Record<string, string>> = {
  diplomatic: 'Diplomatic relations: embassies, ambassadors, recognition (default of Relations*).',
  intelligence: 'Sharing of intelligence between services.',
  'military-intelligence':
    'Military intelligence specifically (operational plans, targeting data).',
  'financial-intelligence': 'Financial-intelligence exchange (money laundering, asset tracing).',
  military: 'Military cooperation: exercises, basing, joint operations.',
  'counter-narcotics':
    'Cooperation against drug trafficking: interdiction, extradition of traffickers.',
  membership: 'Membership of an international body (default of Membership*).',
  'visa-services': 'Issuing of visas and consular services to the other side.',
  consular: 'Consular presence and assistance.',
  trade: 'Trade: embargoes, boycotts, tariffs as sanctions (CAMEO 163).',
  financial: 'Financial sanctions and access to payment systems.',
  'economic-aid': 'Economic assistance (CAMEO 1621).',
  'military-aid': 'Military assistance (CAMEO 1622).',
  'humanitarian-aid': 'Humanitarian assistance and aid agencies (CAMEO 1623, 1663).',
  negotiations: 'Negotiations between the two sides (CAMEO 164).',
  mediation: 'Mediation by one side (CAMEO 165).',
  peacekeeping: 'Peacekeepers present or provided (CAMEO 1661).',
  inspections: 'Inspectors and observers admitted (CAMEO 1662).',
  judicial: 'Judicial cooperation and extradition.',
};

const CHANNEL_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const MAX_CHANNEL_LENGTH = LIMITS.channel;

export function isChannelSlug(channel: string): boolean {
  return channel.length <= MAX_CHANNEL_LENGTH && CHANNEL_PATTERN.test(channel);
}
