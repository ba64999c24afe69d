import { stateRoleOf } from './icews-sectors.crosswalk';

describe('ICEWS sectors -> the role a state organ acts in', () => {
  it('given a defence minister also in the legislature, then the ministry wins: military', () => {
    expect(
      stateRoleOf(['Executive', 'Government', 'Lower House', 'Defense / Security Ministry']),
    ).toBe('military');
  });

  it('given a head of government who is also foreign minister, then head-of-state', () => {
    expect(stateRoleOf(['Executive Office', 'Foreign Ministry', 'Government'])).toBe(
      'head-of-state',
    );
  });

  it('given a ministry ICEWS names by its field, then it acts for the government', () => {
    expect(stateRoleOf(['Finance / Economy / Commerce / Trade Ministry'])).toBe('government');
  });

  it('given only party and ideology sectors, then no state role', () => {
    expect(stateRoleOf(['Parties', '(National) Major Party', 'Center Right'])).toBeNull();
  });
});
