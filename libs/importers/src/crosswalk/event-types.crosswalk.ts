/**
 * CAMEO and PLOVER codes -> the Entente type a row is recorded as, and for state changes the channel.
 *
 * A row becomes a state change only when its code means a change of one named cooperation (161 of
 * diplomatic relations, 1621 of economic aid, 164 of negotiations...): those move a relationship's
 * timeline. Everything else is context beside the timeline, by the nearest type; its exact code stays in
 * the fact's coding. Where a code covers a weaker and a stronger change ("reduce or break"), the weaker
 * is recorded unless the row's own text says the stronger: see `strongerByText`.
 */

export type MappedType =
  | 'CooperationEstablished'
  | 'CooperationSuspended'
  | 'CooperationRestricted'
  | 'CooperationResumed'
  | 'RelationsSevered'
  | 'PolicyAnnounced'
  | 'StatementIssued'
  | 'AccusationMade'
  | 'MilitaryActionReported'
  | 'MeetingHeld'
  | 'RequestMade'
  | 'ProtestLodged'
  | 'ProposalRejected'
  | 'ThreatIssued'
  | 'AgreementSigned';

export interface TypeMapping {
  readonly type: MappedType;
  /** Set for state changes, null for context. */
  readonly channel: string | null;
}

/** A stronger reading of a code, taken when the row's text (beyond the code's own label) says so. */
interface StrongerReading {
  readonly type: MappedType;
  readonly pattern: RegExp;
}

interface StateChangeRule extends TypeMapping {
  readonly stronger?: StrongerReading;
}

const SEVERED: StrongerReading = {
  type: 'RelationsSevered',
  pattern:
    /\b(sever(s|ed|ing)?|rupture[sd]?|break(s|ing)? off|broke off|cut(s|ting)? (off )?(all )?(diplomatic )?(ties|relations))\b/i,
};
const STOPPED: StrongerReading = {
  type: 'CooperationSuspended',
  pattern:
    /\b(stop(s|ped|ping)?|halt(s|ed|ing)?|suspend(s|ed|ing)?|freez(e|es|ing)|froze(n)?|cut(s|ting)? off)\b/i,
};
const EMBARGO: StrongerReading = {
  type: 'CooperationSuspended',
  pattern: /\b(embargo(es|ed)?|boycott(s|ed|ing)?|total ban)\b/i,
};

const change = (
  type: MappedType,
  channel: string,
  stronger?: StrongerReading,
): StateChangeRule => ({ type, channel, stronger });

/** CAMEO codes recorded as state changes, by exact code. */
const CAMEO_STATE_CHANGES: Readonly<Record<string, StateChangeRule>> = {
  '045': change('CooperationEstablished', 'mediation'),
  '046': change('CooperationEstablished', 'negotiations'),
  '054': change('CooperationEstablished', 'diplomatic'),
  '061': change('CooperationEstablished', 'economic'),
  '062': change('CooperationEstablished', 'military'),
  '063': change('CooperationEstablished', 'judicial'),
  '064': change('CooperationEstablished', 'intelligence'),
  '071': change('CooperationEstablished', 'economic-aid'),
  '072': change('CooperationEstablished', 'military-aid'),
  '073': change('CooperationEstablished', 'humanitarian-aid'),
  '074': change('CooperationEstablished', 'peacekeeping'),
  '085': change('CooperationResumed', 'trade'),
  '0861': change('CooperationResumed', 'peacekeeping'),
  '0862': change('CooperationResumed', 'inspections'),
  '0863': change('CooperationResumed', 'humanitarian-aid'),
  '161': change('CooperationRestricted', 'diplomatic', SEVERED),
  '1621': change('CooperationRestricted', 'economic-aid', STOPPED),
  '1622': change('CooperationRestricted', 'military-aid', STOPPED),
  '1623': change('CooperationRestricted', 'humanitarian-aid', STOPPED),
  '163': change('CooperationRestricted', 'trade', EMBARGO),
  '164': change('CooperationSuspended', 'negotiations'),
  '165': change('CooperationSuspended', 'mediation'),
  '1661': change('CooperationSuspended', 'peacekeeping'),
  '1662': change('CooperationSuspended', 'inspections'),
  '1663': change('CooperationSuspended', 'humanitarian-aid'),
};

/**
 * Context types by the longest matching code prefix. 06x/07x/08x/16x without a named cooperation, and
 * 17x coercion, have no context type of their own: they are recorded as PolicyAnnounced (a step taken
 * that changes no named cooperation), violent coercion as MilitaryActionReported.
 */
const CAMEO_CONTEXT: Readonly<Record<string, MappedType>> = {
  '01': 'StatementIssued',
  '02': 'RequestMade',
  '03': 'PolicyAnnounced',
  '04': 'MeetingHeld',
  '05': 'StatementIssued',
  '057': 'AgreementSigned',
  '06': 'PolicyAnnounced',
  '07': 'PolicyAnnounced',
  '08': 'PolicyAnnounced',
  '087': 'MilitaryActionReported',
  '09': 'AccusationMade',
  '10': 'RequestMade',
  '11': 'AccusationMade',
  '12': 'ProposalRejected',
  '13': 'ThreatIssued',
  '14': 'ProtestLodged',
  '15': 'MilitaryActionReported',
  '16': 'PolicyAnnounced',
  '17': 'PolicyAnnounced',
  '1712': 'MilitaryActionReported',
  '175': 'MilitaryActionReported',
  '18': 'MilitaryActionReported',
  '19': 'MilitaryActionReported',
  '20': 'MilitaryActionReported',
};

/**
 * The type and channel of a CAMEO code; `text` is whatever the row says beyond the code (a sentence),
 * `label` the code's own name, which is never read as evidence ("Reduce or break..." says "break").
 * Undefined for a code outside CAMEO 1.1b3's roots.
 */
export function typeOfCameo(code: string, text = '', label = ''): TypeMapping | undefined {
  const rule = CAMEO_STATE_CHANGES[code];
  if (rule) return strongerByText(rule, text, label);
  for (let prefix = code; prefix.length >= 2; prefix = prefix.slice(0, -1)) {
    const type = CAMEO_CONTEXT[prefix];
    if (type) return { type, channel: null };
  }
  return undefined;
}

function strongerByText(rule: StateChangeRule, text: string, label: string): TypeMapping {
  const own = label ? text.split(label).join(' ') : text;
  if (rule.stronger && rule.stronger.pattern.test(own)) {
    return { type: rule.stronger.type, channel: rule.channel };
  }
  return { type: rule.type, channel: rule.channel };
}

/** PLOVER contexts that name a cooperation channel. */
const PLOVER_CONTEXT_CHANNELS: Readonly<Record<string, string>> = {
  intelligence: 'intelligence',
  diplomatic: 'diplomatic',
  military: 'military',
  economic: 'economic',
  legal: 'judicial',
  illegal_drugs: 'counter-narcotics',
};
const PLOVER_AID_CHANNELS: Readonly<Record<string, string>> = {
  economic: 'economic-aid',
  military: 'military-aid',
  humanitarian: 'humanitarian-aid',
  peacekeeping: 'peacekeeping',
};
const PLOVER_SANCTION_CHANNELS: Readonly<Record<string, string>> = {
  intelligence: 'intelligence',
  diplomatic: 'diplomatic',
  military: 'military',
  economic: 'trade',
  humanitarian: 'humanitarian-aid',
};

const PLOVER_CONTEXT_TYPES: Readonly<Record<string, MappedType>> = {
  AGREE: 'AgreementSigned',
  CONSULT: 'MeetingHeld',
  SUPPORT: 'StatementIssued',
  CONCEDE: 'PolicyAnnounced',
  COOPERATE: 'PolicyAnnounced',
  AID: 'PolicyAnnounced',
  RETREAT: 'PolicyAnnounced',
  REQUEST: 'RequestMade',
  ACCUSE: 'AccusationMade',
  REJECT: 'ProposalRejected',
  THREATEN: 'ThreatIssued',
  PROTEST: 'ProtestLodged',
  SANCTION: 'PolicyAnnounced',
  MOBILIZE: 'MilitaryActionReported',
  COERCE: 'PolicyAnnounced',
  ASSAULT: 'MilitaryActionReported',
};

function firstChannel(
  contexts: readonly string[],
  channels: Readonly<Record<string, string>>,
): string | undefined {
  return contexts.map((c) => channels[c]).find((c) => c !== undefined);
}

/**
 * The type and channel of a PLOVER event with its mode and contexts: cooperation, aid and sanctions
 * become state changes on the channel their context names, the rest context.
 */
export function typeOfPlover(
  event: string,
  mode: string | null,
  contexts: readonly string[],
  text = '',
): TypeMapping | undefined {
  const context = PLOVER_CONTEXT_TYPES[event];
  if (!context) return undefined;
  const onChannel = (type: MappedType, channel: string | undefined): TypeMapping =>
    channel ? { type, channel } : { type: context, channel: null };
  switch (event) {
    case 'COOPERATE':
      return onChannel('CooperationEstablished', firstChannel(contexts, PLOVER_CONTEXT_CHANNELS));
    case 'AID':
      return onChannel('CooperationEstablished', firstChannel(contexts, PLOVER_AID_CHANNELS));
    case 'RETREAT':
      if (mode === 'ease' && contexts.includes('economic'))
        return { type: 'CooperationResumed', channel: 'trade' };
      if (mode === 'access')
        return onChannel('CooperationResumed', firstChannel(contexts, PLOVER_AID_CHANNELS));
      return contexts.includes('military')
        ? { type: 'MilitaryActionReported', channel: null }
        : { type: context, channel: null };
    case 'SANCTION': {
      const channel = firstChannel(contexts, PLOVER_SANCTION_CHANNELS);
      if (!channel) return { type: context, channel: null };
      if (channel === 'diplomatic')
        return strongerByText(change('CooperationRestricted', channel, SEVERED), text, '');
      if (channel === 'trade')
        return strongerByText(change('CooperationRestricted', channel, EMBARGO), text, '');
      return strongerByText(change('CooperationRestricted', channel, STOPPED), text, '');
    }
    default:
      return { type: context, channel: null };
  }
}
