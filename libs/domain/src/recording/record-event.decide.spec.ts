import { ConflictError, NotFoundError, ValidationError } from '@entente/common';
import {
  decideRecordEvent,
  evolveReport,
  initialReportState,
  reportStream,
  type Decision,
  type ReportState,
} from '@entente/domain';
import { aStateChange } from '../testing';

const REPORT = 'd0d0d0d0-0000-4000-8000-000000000001';
const RETRACTION = 'd0d0d0d0-0000-4000-8000-000000000002';
const CORRECTION = 'd0d0d0d0-0000-4000-8000-000000000003';
const context = (eventId: string) => ({
  now: new Date('2025-11-13T09:00:00.000Z'),
  eventId,
  registeredActors: new Set<string>(),
});

/** The stream after appending a decision's events, as the store would rebuild it. */
const apply = (state: ReportState, decision: Decision): ReportState =>
  decision.events.reduce(evolveReport, state);

const recorded = apply(
  initialReportState,
  decideRecordEvent(
    aStateChange('CooperationSuspended', { eventId: REPORT }),
    initialReportState,
    context('unused'),
  ),
);

describe('decideRecordEvent: each fact is its own stream, amended in place', () => {
  it('given a new fact, when decided, then it opens report-<eventId> expecting no stream, with the current schema version', () => {
    const decision = decideRecordEvent(
      aStateChange('CooperationSuspended'),
      initialReportState,
      context(REPORT),
    );

    expect(decision).toMatchObject({
      stream: `report-${REPORT}`,
      expectedRevision: 'no-stream',
      alreadyRecorded: false,
    });
    expect(decision.events).toEqual([
      expect.objectContaining({ eventId: REPORT, type: 'CooperationSuspended', schemaVersion: 3 }),
    ]);
  });

  it('given a client retry of the same fact, when decided, then it is recognised as already recorded; with other content it conflicts', () => {
    const same = decideRecordEvent(
      aStateChange('CooperationSuspended', { eventId: REPORT }),
      recorded,
      context('x'),
    );
    expect(same.alreadyRecorded).toBe(true);

    expect(() =>
      decideRecordEvent(
        aStateChange('CooperationRestricted', { eventId: REPORT }),
        recorded,
        context('x'),
      ),
    ).toThrow(ConflictError);
  });

  it('given a recorded fact, when it is retracted, then the retraction goes to its stream at its exact revision', () => {
    const input = { type: 'EventRetracted', retracts: REPORT, reason: 'misreported' };

    expect(decideRecordEvent(input, recorded, context(RETRACTION))).toEqual({
      stream: reportStream(REPORT),
      expectedRevision: 0,
      alreadyRecorded: false,
      events: [
        {
          eventId: RETRACTION,
          type: 'EventRetracted',
          schemaVersion: 2,
          data: { retracts: REPORT, reason: 'misreported', reportedAt: null },
        },
      ],
    });
  });

  it('given no such fact, when it is retracted, then NotFoundError', () => {
    expect(() =>
      decideRecordEvent(
        { type: 'EventRetracted', retracts: REPORT, reason: 'x' },
        initialReportState,
        context(RETRACTION),
      ),
    ).toThrow(NotFoundError);
  });

  describe('given a retracted fact', () => {
    const retracted = apply(
      recorded,
      decideRecordEvent(
        { type: 'EventRetracted', retracts: REPORT, reason: 'misreported' },
        recorded,
        context(RETRACTION),
      ),
    );

    it('when it is retracted again, then ConflictError', () => {
      expect(() =>
        decideRecordEvent(
          { type: 'EventRetracted', retracts: REPORT, reason: 'again' },
          retracted,
          context('e0e0e0e0-0000-4000-8000-000000000009'),
        ),
      ).toThrow(ConflictError);
    });

    it('when it is corrected, then ConflictError', () => {
      expect(() =>
        decideRecordEvent(
          { type: 'EventCorrected', corrects: REPORT, summary: 'better' },
          retracted,
          context(CORRECTION),
        ),
      ).toThrow(ConflictError);
    });

    it('when the same retraction is retried by its id, then it is recognised as already recorded', () => {
      const retry = decideRecordEvent(
        { type: 'EventRetracted', eventId: RETRACTION, retracts: REPORT, reason: 'misreported' },
        retracted,
        context('unused'),
      );

      expect(retry.alreadyRecorded).toBe(true);
    });

    it('when the retraction itself is retracted, then a validation error on retracts', () => {
      expect(() =>
        decideRecordEvent(
          { type: 'EventRetracted', retracts: RETRACTION, reason: 'undo' },
          retracted,
          context(CORRECTION),
        ),
      ).toThrow(
        expect.objectContaining({ issues: [expect.objectContaining({ field: 'retracts' })] }),
      );
      expect(() =>
        decideRecordEvent(
          { type: 'EventRetracted', retracts: RETRACTION, reason: 'undo' },
          retracted,
          context(CORRECTION),
        ),
      ).toThrow(ValidationError);
    });
  });

  it('given a recorded fact, when corrected with only a new date, then the event carries the full replacement', () => {
    const decision = decideRecordEvent(
      { type: 'EventCorrected', corrects: REPORT, occurredAt: '2025-11-10', reason: 'wrong day' },
      recorded,
      context(CORRECTION),
    );
    const corrected = apply(recorded, decision);

    expect(decision).toMatchObject({ stream: reportStream(REPORT), expectedRevision: 0 });
    expect(decision.events[0]).toMatchObject({
      eventId: CORRECTION,
      type: 'EventCorrected',
      schemaVersion: 3,
    });
    expect(corrected.type).toBe('CooperationSuspended');
    expect(corrected.data).toMatchObject({
      actors: ['COL'],
      targets: ['USA'],
      channel: 'intelligence',
      occurredAt: { value: '2025-11-10' },
      sources: [expect.objectContaining({ outlet: 'Test Wire' })],
    });
    expect(corrected.revision).toBe(1);
  });

  it('given a correction that changes the type, when decided, then the replacement has the new type', () => {
    const decision = decideRecordEvent(
      { type: 'EventCorrected', corrects: REPORT, replacementType: 'CooperationRestricted' },
      recorded,
      context(CORRECTION),
    );

    expect(apply(recorded, decision).type).toBe('CooperationRestricted');
  });

  it('given a correction with a bad field, when decided, then the field is named as in the input', () => {
    expect(() =>
      decideRecordEvent(
        { type: 'EventCorrected', corrects: REPORT, occurredAt: '2025-02-30' },
        recorded,
        context(CORRECTION),
      ),
    ).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'occurredAt' })] }),
    );
  });
});
