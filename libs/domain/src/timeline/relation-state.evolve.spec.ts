import {
  evolveRelation,
  initialRelationState,
  parseOccurredAt,
  type RelationFact,
  type RelationState,
} from '@entente/domain';

const NOW = new Date('2026-01-01T00:00:00Z');

function fact(
  eventId: string,
  type: string,
  occurredAt: string,
  conditions: string[] = [],
): RelationFact {
  return { eventId, type, data: { occurredAt: parseOccurredAt(occurredAt, NOW), conditions } };
}

const fold = (...facts: RelationFact[]): RelationState =>
  facts.reduce(evolveRelation, initialRelationState);

describe('evolveRelation: the state machine of one (actor, target, channel)', () => {
  it('given nothing recorded, when the initial state is read, then it is unknown with no since and no basis', () => {
    expect(initialRelationState).toMatchObject({
      status: 'unknown',
      since: null,
      basis: [],
      anomalies: [],
    });
  });

  it.each([
    ['CooperationEstablished', 'active'],
    ['CooperationSuspended', 'suspended'],
    ['CooperationRestricted', 'restricted'],
    ['RelationsSevered', 'severed'],
    ['MembershipSuspended', 'suspended'],
  ])(
    'given an unknown relation, when %s is applied, then it is %s without anomaly',
    (type, status) => {
      const state = fold(fact('a', type, '2025-01-02'));

      expect(state).toMatchObject({
        status,
        since: '2025-01-02T00:00:00.000Z',
        basis: ['a'],
        anomalies: [],
      });
    },
  );

  it('given active cooperation, when suspended then resumed, then it is active since the resumption, resting on it alone', () => {
    const state = fold(
      fact('a', 'CooperationEstablished', '2020'),
      fact('b', 'CooperationSuspended', '2025-11-11', ['while the strikes continue']),
      fact('c', 'CooperationResumed', '2025-12-01'),
    );

    expect(state).toMatchObject({
      status: 'active',
      since: '2025-12-01T00:00:00.000Z',
      basis: ['c'],
      conditions: [],
      anomalies: [],
    });
  });

  it('given a suspension, when a second report confirms it later, then since stays and both are the basis, conditions merged', () => {
    const state = fold(
      fact('a', 'CooperationSuspended', '2025-11-11', ['while the strikes continue']),
      fact('b', 'CooperationSuspended', '2025-11-13', ['until an apology']),
    );

    expect(state).toMatchObject({
      status: 'suspended',
      since: '2025-11-11T00:00:00.000Z',
      basis: ['a', 'b'],
      conditions: ['while the strikes continue', 'until an apology'],
      anomalies: [],
    });
  });

  it('given nothing was ever suspended, when a resumption is reported, then it applies and is flagged as a resumption without suspension', () => {
    const state = fold(fact('a', 'CooperationResumed', '2025-11-11'));

    expect(state.status).toBe('active');
    expect(state.anomalies).toEqual([
      expect.objectContaining({
        kind: 'resumption-without-suspension',
        eventId: 'a',
        from: 'unknown',
        to: 'active',
      }),
    ]);
  });

  it('given relations severed, when cooperation is "established" without a restoration, then it is flagged as an unexpected transition', () => {
    const state = fold(
      fact('a', 'RelationsSevered', '2024'),
      fact('b', 'CooperationEstablished', '2025'),
    );

    expect(state.status).toBe('active');
    expect(state.anomalies.map((a) => [a.kind, a.from, a.to])).toEqual([
      ['unexpected-transition', 'severed', 'active'],
    ]);
  });

  it('given a suspension and a resumption reported for the same day, when folded, then the later record wins, the status never changed that day, and the conflict is flagged', () => {
    const state = fold(
      fact('a', 'CooperationEstablished', '2020'),
      fact('b', 'CooperationSuspended', '2025-11-11'),
      fact('c', 'CooperationResumed', '2025-11-11'),
    );

    expect(state).toMatchObject({
      status: 'active',
      since: '2020-01-01T00:00:00.000Z',
      basis: ['a', 'c'],
    });
    expect(state.anomalies).toEqual([
      expect.objectContaining({ kind: 'conflicting-reports', eventId: 'c', conflictsWith: ['b'] }),
    ]);
  });

  it('given an approximate suspension ("since 2024"), when folded, then since is the start of the year and flagged approximate', () => {
    const state = fold(fact('a', 'MembershipSuspended', '2024'));

    expect(state).toMatchObject({ since: '2024-01-01T00:00:00.000Z', approximate: true });
    expect(state.sinceOccurredAt?.precision).toBe('year');
  });

  it('given a context fact, when it is applied, then the state is the same object', () => {
    const before = fold(fact('a', 'CooperationSuspended', '2025-11-11'));

    expect(evolveRelation(before, fact('b', 'StatementIssued', '2025-11-12'))).toBe(before);
  });
});
