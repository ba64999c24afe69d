import { CAMEO_CODES } from '@entente/domain';
import { typeOfCameo, typeOfPlover } from './event-types.crosswalk';

describe('CAMEO -> Entente type and channel', () => {
  it.each([
    ['046', 'CooperationEstablished', 'negotiations'],
    ['054', 'CooperationEstablished', 'diplomatic'],
    ['064', 'CooperationEstablished', 'intelligence'],
    ['071', 'CooperationEstablished', 'economic-aid'],
    ['085', 'CooperationResumed', 'trade'],
    ['1621', 'CooperationRestricted', 'economic-aid'],
    ['163', 'CooperationRestricted', 'trade'],
    ['164', 'CooperationSuspended', 'negotiations'],
    ['165', 'CooperationSuspended', 'mediation'],
    ['1661', 'CooperationSuspended', 'peacekeeping'],
    ['1662', 'CooperationSuspended', 'inspections'],
    ['1663', 'CooperationSuspended', 'humanitarian-aid'],
  ])('given %s, a change of a named cooperation, then it is %s on %s', (code, type, channel) => {
    expect(typeOfCameo(code)).toEqual({ type, channel });
  });

  it.each([
    ['010', 'StatementIssued'],
    ['020', 'RequestMade'],
    ['036', 'PolicyAnnounced'],
    ['042', 'MeetingHeld'],
    ['057', 'AgreementSigned'],
    ['060', 'PolicyAnnounced'],
    ['112', 'AccusationMade'],
    ['1121', 'AccusationMade'],
    ['125', 'ProposalRejected'],
    ['1313', 'ThreatIssued'],
    ['141', 'ProtestLodged'],
    ['160', 'PolicyAnnounced'],
    ['195', 'MilitaryActionReported'],
  ])('given %s, then it is the context type %s, on no channel', (code, type) => {
    expect(typeOfCameo(code)).toEqual({ type, channel: null });
  });

  it('given 161 with no text beyond its label, then it is a restriction of diplomatic relations', () => {
    const label = 'Reduce or break diplomatic relations';
    expect(typeOfCameo('161', label, label)).toEqual({
      type: 'CooperationRestricted',
      channel: 'diplomatic',
    });
  });

  it('given 161 whose sentence says relations were severed, then it is a severance', () => {
    expect(typeOfCameo('161', 'Qatar said it had severed diplomatic ties with Iran')).toEqual({
      type: 'RelationsSevered',
      channel: 'diplomatic',
    });
  });

  it('given 1621 whose sentence says aid was halted, then it is a suspension, not a reduction', () => {
    expect(typeOfCameo('1621', 'Washington halted economic assistance')).toEqual({
      type: 'CooperationSuspended',
      channel: 'economic-aid',
    });
  });

  it('given every code of the CAMEO table, then each maps to a type', () => {
    const unmapped = [...CAMEO_CODES.values()].filter((c) => typeOfCameo(c.code) === undefined);
    expect(unmapped.map((c) => c.code)).toEqual([]);
  });

  it('given a code outside CAMEO, then it maps to nothing', () => {
    expect(typeOfCameo('21')).toBeUndefined();
  });
});

describe('PLOVER -> Entente type and channel', () => {
  it('given SANCTION in an intelligence context, then it restricts intelligence', () => {
    expect(typeOfPlover('SANCTION', 'withdraw', ['intelligence'])).toEqual({
      type: 'CooperationRestricted',
      channel: 'intelligence',
    });
  });

  it('given SANCTION of diplomatic relations whose text says they were broken off, then a severance', () => {
    expect(
      typeOfPlover('SANCTION', 'withdraw', ['diplomatic'], 'Riyadh broke off relations'),
    ).toEqual({
      type: 'RelationsSevered',
      channel: 'diplomatic',
    });
  });

  it('given COOPERATE with no context naming a channel, then it is context', () => {
    expect(typeOfPlover('COOPERATE', null, ['refugee'])).toEqual({
      type: 'PolicyAnnounced',
      channel: null,
    });
  });

  it('given AID in a humanitarian context, then humanitarian aid is established', () => {
    expect(typeOfPlover('AID', null, ['humanitarian'])).toEqual({
      type: 'CooperationEstablished',
      channel: 'humanitarian-aid',
    });
  });

  it.each([
    ['CONSULT', 'MeetingHeld'],
    ['REQUEST', 'RequestMade'],
    ['PROTEST', 'ProtestLodged'],
    ['REJECT', 'ProposalRejected'],
    ['THREATEN', 'ThreatIssued'],
    ['AGREE', 'AgreementSigned'],
    ['ASSAULT', 'MilitaryActionReported'],
  ])('given %s, then it is %s', (event, type) => {
    expect(typeOfPlover(event, null, [])).toEqual({ type, channel: null });
  });
});
