import { ConflictError, ValidationError } from '@entente/common';
import {
  decideRegisterActor,
  evolveActor,
  initialActorState,
  isKnownActor,
  isoCountryName,
} from '@entente/domain';

const context = {
  eventId: 'f0f0f0f0-0000-4000-8000-000000000001',
  registeredActors: new Set(['ICG']),
};

describe('decideRegisterActor: bodies and people become known once registered', () => {
  it('given a new person affiliated with a registered body, when registered, then actor-<CODE> is opened', () => {
    const decision = decideRegisterActor(
      {
        code: 'ELIZABETH-DICKINSON',
        name: 'Elizabeth Dickinson',
        kind: 'person',
        office: 'Researcher',
        affiliation: 'ICG',
      },
      initialActorState,
      context,
    );

    expect(decision).toEqual({
      stream: 'actor-ELIZABETH-DICKINSON',
      expectedRevision: 'no-stream',
      alreadyRecorded: false,
      events: [
        {
          eventId: context.eventId,
          type: 'ActorRegistered',
          schemaVersion: 1,
          data: {
            code: 'ELIZABETH-DICKINSON',
            name: 'Elizabeth Dickinson',
            kind: 'person',
            affiliation: 'ICG',
            office: 'Researcher',
          },
        },
      ],
    });
    expect(evolveActor(initialActorState, decision.events[0]).registered?.name).toBe(
      'Elizabeth Dickinson',
    );
  });

  it('given an ISO 3166 code, when registered, then ConflictError: governments are known from the start', () => {
    expect(isoCountryName('COL')).toBe('Colombia');
    expect(() =>
      decideRegisterActor(
        { code: 'COL', name: 'Colombia', kind: 'government' },
        initialActorState,
        context,
      ),
    ).toThrow(ConflictError);
  });

  it('given a code already registered, when registered again, then ConflictError', () => {
    const registered = evolveActor(initialActorState, {
      eventId: 'x',
      type: 'ActorRegistered',
      schemaVersion: 1,
      data: {
        code: 'EGMONT',
        name: 'Egmont Group',
        kind: 'organization',
        affiliation: null,
        office: null,
      },
    });

    expect(() =>
      decideRegisterActor(
        { code: 'EGMONT', name: 'Egmont', kind: 'organization' },
        registered,
        context,
      ),
    ).toThrow(ConflictError);
    expect(() =>
      decideRegisterActor(
        { code: 'ICG', name: 'ICG', kind: 'organization' },
        initialActorState,
        context,
      ),
    ).toThrow(ConflictError);
  });

  it('given a malformed code, an unknown kind and an unknown affiliation, when registered, then all three are named', () => {
    try {
      decideRegisterActor(
        { code: 'gustavo petro', name: 'Gustavo Petro', kind: 'president', affiliation: 'NOPE' },
        initialActorState,
        context,
      );
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field)).toEqual([
        'code',
        'kind',
        'affiliation',
      ]);
    }
  });

  it('given a registered lookup as a function, when asked, then ISO codes and registered codes are known, others not', () => {
    const lookup = (code: string) => code === 'NATO';

    expect([
      isKnownActor('QAT', lookup),
      isKnownActor('NATO', lookup),
      isKnownActor('EGMONT', lookup),
    ]).toEqual([true, true, false]);
  });
});
