import {
  explain,
  factsKnownAt,
  relationStateAt,
  relationTimeline,
  STORY_IDS,
} from '@entente/domain';
import { aStateChange, recordStory, replay } from '../testing';

const COL_USA_INTEL = { actor: 'COL', target: 'USA', channel: 'intelligence' } as const;
const LATE_ID = 'a1a1a1a1-0000-4000-8000-000000000001';

/** The story as recorded on the 13th, then one more record at `recordedAt`. */
function storyThen(
  input: Parameters<typeof aStateChange>[1] & { type: string },
  recordedAt: string,
) {
  return replay(
    [{ command: { record: input }, recordedAt, recordedBy: 'late-editor' }],
    recordStory(),
  );
}

describe('bitemporal reading: valid time T as known at record time K', () => {
  describe('given a restriction on 5 November reported only on 20 November (late arrival)', () => {
    const lateRecordedAt = '2025-11-20T10:00:00.000Z';
    const facts = storyThen(
      aStateChange('CooperationRestricted', { eventId: LATE_ID, occurredAt: '2025-11-05' }),
      lateRecordedAt,
    );

    it('when 6 November is read as known on the 15th, then it is still active, as it was known then', () => {
      const state = relationStateAt(facts, COL_USA_INTEL, '2025-11-06', '2025-11-15T00:00:00Z');

      expect(state.status).toBe('active');
      expect(state.basis).toEqual([STORY_IDS.cooperationSince1990s]);
    });

    it('when 6 November is read as known after the late record, then it is restricted since the 5th', () => {
      const state = relationStateAt(facts, COL_USA_INTEL, '2025-11-06', '2025-11-21T00:00:00Z');

      expect(state).toMatchObject({
        status: 'restricted',
        since: '2025-11-05T00:00:00.000Z',
        basis: [LATE_ID],
      });
    });

    it('when K is exactly the late record time, then it is known (K is inclusive)', () => {
      expect(relationStateAt(facts, COL_USA_INTEL, '2025-11-06', lateRecordedAt).status).toBe(
        'restricted',
      );
      expect(
        relationStateAt(facts, COL_USA_INTEL, '2025-11-06', '2025-11-20T09:59:59.999Z').status,
      ).toBe('active');
    });

    it('when the timeline is read as known now, then the restriction sits between cooperation and the suspension', () => {
      expect(relationTimeline(facts, COL_USA_INTEL).map((i) => [i.status, i.from, i.to])).toEqual([
        ['active', '1990-01-01T00:00:00.000Z', '2025-11-05T00:00:00.000Z'],
        ['restricted', '2025-11-05T00:00:00.000Z', '2025-11-11T00:00:00.000Z'],
        ['suspended', '2025-11-11T00:00:00.000Z', null],
      ]);
    });

    it('when explained as known before the late record, then the late fact is excluded as recorded after K', () => {
      const explanation = explain(facts, COL_USA_INTEL, '2025-11-12', '2025-11-15T00:00:00Z');

      expect(explanation.steps.map((s) => s.eventId)).toEqual([
        STORY_IDS.cooperationSince1990s,
        STORY_IDS.petroSuspendsIntelligence,
      ]);
      expect(explanation.excluded).toEqual([
        expect.objectContaining({ eventId: LATE_ID, reason: 'recorded-after-known-at', by: null }),
      ]);
    });
  });

  describe('given Petro’s order is retracted on 1 December', () => {
    const retractedAt = '2025-12-01T08:00:00.000Z';
    const RETRACTION_ID = 'a1a1a1a1-0000-4000-8000-000000000002';
    const facts = storyThen(
      {
        type: 'EventRetracted',
        eventId: RETRACTION_ID,
        retracts: STORY_IDS.petroSuspendsIntelligence,
        reason: 'the post was a forgery',
      },
      retractedAt,
    );

    it('when read as known before the retraction, then the suspension still holds', () => {
      expect(
        relationStateAt(facts, COL_USA_INTEL, '2025-11-20', '2025-11-30T00:00:00Z').status,
      ).toBe('suspended');
    });

    it('when read as known from the retraction on, then its effect is gone and cooperation is active again', () => {
      const state = relationStateAt(facts, COL_USA_INTEL, '2025-11-20', retractedAt);

      expect(state.status).toBe('active');
      expect(state.basis).toEqual([STORY_IDS.cooperationSince1990s]);
    });

    it('when explained after the retraction, then the order is excluded as retracted, by the retraction', () => {
      const explanation = explain(facts, COL_USA_INTEL, '2025-11-20');

      expect(explanation.excluded).toEqual([
        expect.objectContaining({
          eventId: STORY_IDS.petroSuspendsIntelligence,
          reason: 'retracted',
          by: RETRACTION_ID,
        }),
      ]);
    });

    it('when explained before the retraction, then the retraction itself is listed as recorded after K', () => {
      const explanation = explain(facts, COL_USA_INTEL, '2025-11-20', '2025-11-30T00:00:00Z');

      expect(explanation.status).toBe('suspended');
      expect(explanation.excluded).toEqual([
        expect.objectContaining({
          eventId: RETRACTION_ID,
          type: 'EventRetracted',
          reason: 'recorded-after-known-at',
        }),
      ]);
    });
  });

  describe('given a correction that moves Petro’s order to 10 November', () => {
    const CORRECTION_ID = 'a1a1a1a1-0000-4000-8000-000000000003';
    const correctedAt = '2025-11-14T08:00:00.000Z';
    const facts = storyThen(
      {
        type: 'EventCorrected',
        eventId: CORRECTION_ID,
        corrects: STORY_IDS.petroSuspendsIntelligence,
        occurredAt: '2025-11-10',
        reason: 'the post was published on Monday, local time',
      },
      correctedAt,
    );

    it('when 10 November is read as known before and after the correction, then it changes only from the correction on', () => {
      expect(
        relationStateAt(facts, COL_USA_INTEL, '2025-11-10T12:00Z', '2025-11-14T07:00Z').status,
      ).toBe('active');
      expect(relationStateAt(facts, COL_USA_INTEL, '2025-11-10T12:00Z', correctedAt)).toMatchObject(
        {
          status: 'suspended',
          since: '2025-11-10T00:00:00.000Z',
          basis: [CORRECTION_ID],
          conditions: ['as long as the missile attack on boats in the Caribbean continues'],
        },
      );
    });

    it('when the facts in effect are listed, then the correction stands in for the original, which is superseded', () => {
      const known = factsKnownAt(facts);
      const inEffect = known.effective.find(
        (f) => f.reportId === STORY_IDS.petroSuspendsIntelligence,
      );

      expect(inEffect).toMatchObject({
        eventId: CORRECTION_ID,
        corrects: STORY_IDS.petroSuspendsIntelligence,
      });
      expect(known.excluded).toEqual([
        expect.objectContaining({
          eventId: STORY_IDS.petroSuspendsIntelligence,
          reason: 'superseded',
          by: CORRECTION_ID,
        }),
      ]);
    });
  });

  describe('given approximate dates in the same period as a precise one', () => {
    const facts = replay([
      {
        command: {
          record: aStateChange('CooperationEstablished', {
            eventId: LATE_ID,
            occurredAt: '2025-11-20',
          }),
        },
        recordedAt: '2025-12-01T00:00:00Z',
      },
      {
        command: {
          record: aStateChange('CooperationSuspended', {
            eventId: 'a1a1a1a1-0000-4000-8000-000000000004',
            occurredAt: '2025-11',
          }),
        },
        recordedAt: '2025-12-01T00:01:00Z',
      },
    ]);

    it('when the month-precision fact is folded, then it sorts at the start of its month, before the precise one, and is flagged approximate', () => {
      const explanation = explain(facts, COL_USA_INTEL, '2025-11-30');

      expect(
        explanation.steps.map((s) => [s.occurredAt.value, s.approximate, s.statusAfter]),
      ).toEqual([
        ['2025-11', true, 'suspended'],
        ['2025-11-20', false, 'active'],
      ]);
      expect(relationStateAt(facts, COL_USA_INTEL, '2025-11-05')).toMatchObject({
        status: 'suspended',
        since: '2025-11-01T00:00:00.000Z',
        approximate: true,
      });
    });
  });
});
