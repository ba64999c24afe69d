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
      ['PolicyAnnounced', 'context', 2],
      ['StatementIssued', 'context', 2],
      ['AccusationMade', 'context', 2],
      ['MilitaryActionReported', 'context', 2],
      ['FigureCited', 'context', 2],
      ['EventRetracted', 'correction', 1],
      ['EventCorrected', 'correction', 2],
      ['ActorRegistered', 'registry', 1],
    ]);
  });

  it('given CAMEO sanction codes in real data, when mapped, then a state change type names each', () => {
    const codes = Object.values(EVENT_CATALOG).flatMap((e) => e.codes.map((c) => c.split(' ')[1]));

    for (const cameo of ['161', '1621', '1622', '163', '164', '165', '166', '064', '112', '195']) {
      expect(codes).toContain(cameo);
    }
  });

  it('given the documented channels, when checked, then each is a valid slug, and odd spellings are not', () => {
    expect(Object.keys(KNOWN_CHANNELS).every(isChannelSlug)).toBe(true);
    expect(
      ['Intelligence', 'visa_services', '-military', 'counter--narcotics', ''].some(isChannelSlug),
    ).toBe(false);
  });
});
