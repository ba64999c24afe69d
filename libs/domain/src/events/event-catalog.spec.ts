import { EVENT_CATALOG, EVENT_TYPES, KNOWN_CHANNELS, isChannelSlug } from '@entente/domain';

describe('the event catalog: the public contract of type strings', () => {
  it('given the catalog, when its type strings are listed, then they are exactly the published ones', () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        'AccusationMade',
        'ActorRegistered',
        'CooperationEstablished',
        'CooperationRestricted',
        'CooperationResumed',
        'CooperationSuspended',
        'EventCorrected',
        'EventRetracted',
        'FigureCited',
        'MembershipRestored',
        'MembershipSuspended',
        'MilitaryActionReported',
        'PolicyAnnounced',
        'RelationsRestored',
        'RelationsSevered',
        'StatementIssued',
        'MeetingHeld',
        'RequestMade',
        'ProtestLodged',
        'ProposalRejected',
        'ThreatIssued',
        'AgreementSigned',
      ].sort(),
    );
  });

  it('given each entry, when read, then its key is its type string (never a class name)', () => {
    for (const [key, entry] of Object.entries(EVENT_CATALOG)) expect(entry.type).toBe(key);
  });

  it('given the state changes, when their effect is read, then each leads to its status with its default channel', () => {
    const effects = Object.values(EVENT_CATALOG)
      .filter((e) => e.category === 'state-change')
      .map((e) => [e.type, e.leadsTo, e.defaultChannel]);

    expect(effects).toEqual([
      ['CooperationEstablished', 'active', null],
      ['CooperationSuspended', 'suspended', null],
      ['CooperationRestricted', 'restricted', null],
      ['CooperationResumed', 'active', null],
      ['RelationsSevered', 'severed', 'diplomatic'],
      ['RelationsRestored', 'active', 'diplomatic'],
      ['MembershipSuspended', 'suspended', 'membership'],
      ['MembershipRestored', 'active', 'membership'],
    ]);
  });

  it('given the other categories, when read, then they lead to no status and carry their schema version', () => {
    const others = Object.values(EVENT_CATALOG).filter((e) => e.category !== 'state-change');

    expect(others.every((e) => e.leadsTo === null)).toBe(true);
    expect(others.map((e) => [e.type, e.category, e.schemaVersion])).toEqual([
      ['PolicyAnnounced', 'context', 3],
      ['StatementIssued', 'context', 3],
      ['AccusationMade', 'context', 3],
      ['MilitaryActionReported', 'context', 3],
      ['FigureCited', 'context', 3],
      ['MeetingHeld', 'context', 3],
      ['RequestMade', 'context', 3],
      ['ProtestLodged', 'context', 3],
      ['ProposalRejected', 'context', 3],
      ['ThreatIssued', 'context', 3],
      ['AgreementSigned', 'context', 3],
      ['EventRetracted', 'correction', 2],
      ['EventCorrected', 'correction', 3],
      ['ActorRegistered', 'registry', 1],
    ]);
  });

  it('given CAMEO sanction codes in real data, when mapped, then a state change type names each', () => {
    const codes = Object.values(EVENT_CATALOG).flatMap((e) => e.codes.map((c) => c.split(' ')[1]));

    for (const cameo of ['161', '1621', '1622', '163', '164', '165', '166', '064', '112', '195']) {
      expect(codes).toContain(cameo);
    }
  });

  it('given each PLOVER event type, when the catalog is read, then some Entente type records it', () => {
    const plover = new Set(
      Object.values(EVENT_CATALOG).flatMap((e) =>
        e.codes.filter((c) => c.startsWith('PLOVER ')).map((c) => c.split(/[ /]/)[1]),
      ),
    );

    for (const event of [
      'AGREE',
      'CONSULT',
      'REQUEST',
      'PROTEST',
      'REJECT',
      'THREATEN',
      'SANCTION',
      'ACCUSE',
    ]) {
      expect(plover).toContain(event);
    }
  });

  it('given the documented channels, when checked, then each is a valid slug, and odd spellings are not', () => {
    expect(Object.keys(KNOWN_CHANNELS).every(isChannelSlug)).toBe(true);
    expect(
      ['Intelligence', 'visa_services', '-military', 'counter--narcotics', ''].some(isChannelSlug),
    ).toBe(false);
  });
});
