import {
  relationStateAt,
  relationTimeline,
  type RecordedFact,
  type RelationKey,
} from '@entente/domain';
import { aStateChange, recordStory, replay, type ReplayStep } from '@entente/domain/testing';
import {
  appendFacts,
  projectionHarness,
  type ProjectionHarness,
} from '../support/projection-harness';

const ms = (iso: string) => Date.parse(iso);
const NOW = ms('2026-11-24T00:00:00Z');
const COL_USA_INTEL: RelationKey = { actor: 'COL', target: 'USA', channel: 'intelligence' };

describe('relation-timeline projection', () => {
  let harness: ProjectionHarness;
  beforeEach(async () => (harness = await projectionHarness()));
  afterEach(() => harness.close());

  async function project(facts: readonly RecordedFact[]) {
    await appendFacts(harness.store, harness.clock, facts);
    await harness.settle();
  }

  describe('given the story of November 2025', () => {
    let facts: RecordedFact[];
    beforeEach(async () => {
      facts = recordStory();
      await project(facts);
    });

    it('when Colombia -> US intelligence is asked as of now, then it is suspended from the order with its condition', () => {
      const state = harness.timeline.stateAt(COL_USA_INTEL, NOW, NOW);
      expect(state.status).toBe('suspended');
      expect(state.since).toBe('2025-11-11T00:00:00.000Z');
      expect(state.approximate).toBe(false);
      expect(state.conditions.join(' ')).toMatch(/missile attack on boats in the Caribbean/);
    });

    it('when the Egmont Group -> Colombia membership is asked, then it is suspended since 2024, approximately', () => {
      const state = harness.timeline.stateAt(
        { actor: 'EGMONT', target: 'COL', channel: 'membership' },
        NOW,
        NOW,
      );
      expect(state).toMatchObject({
        status: 'suspended',
        since: '2024-01-01T00:00:00.000Z',
        approximate: true,
      });
      expect(
        harness.timeline.stateAt(
          { actor: 'EGMONT', target: 'COL', channel: 'membership' },
          ms('2023-12-31T00:00:00Z'),
          NOW,
        ).status,
      ).toBe('unknown');
    });

    it('when the UK and the Netherlands are asked, then both restricted intelligence to the US', () => {
      for (const actor of ['GBR', 'NLD']) {
        expect(
          harness.timeline.stateAt({ actor, target: 'USA', channel: 'intelligence' }, NOW, NOW)
            .status,
        ).toBe('restricted');
      }
    });

    it('when every key of the story is asked at many times, then the projection agrees with the domain fold', () => {
      const keys = [
        ...harness.timeline.keysOf('COL'),
        ...harness.timeline.keysOf('USA'),
        ...harness.timeline.keysOf('EGMONT'),
      ];
      expect(keys.length).toBeGreaterThanOrEqual(4);
      const times = [
        '1989-01-01',
        '1990-01-01',
        '2024-06-01',
        '2025-10-15',
        '2025-11-11',
        '2025-11-12',
        '2026-11-24',
      ].map(ms);
      const recordTimes = [...new Set(facts.map((f) => ms(f.recordedAt)))];
      for (const key of keys) {
        for (const at of times) {
          for (const knownAt of [...recordTimes, NOW]) {
            const expected = relationStateAt(facts, key, new Date(at), new Date(knownAt));
            const actual = harness.timeline.stateAt(key, at, knownAt);
            expect({ key, at, knownAt, ...actual }).toEqual({ key, at, knownAt, ...expected });
          }
        }
        expect(harness.timeline.timeline(key, NOW)).toEqual(
          relationTimeline(facts, key, new Date(NOW)),
        );
      }
    });

    it('when every key of the story is asked at once, then each answer is the one it gets alone, in a transaction or not', () => {
      const never = { actor: 'NLD', target: 'COL', channel: 'military' };
      const keys = [...harness.timeline.keysOf('COL'), never, ...harness.timeline.keysOf('USA')];
      const knownAt = NOW;
      const alone = keys.map((key) => harness.timeline.stateAt(key, NOW, knownAt));
      expect(alone.filter((state) => state.status === 'unknown')).not.toHaveLength(0);
      expect(alone.filter((state) => state.status !== 'unknown')).not.toHaveLength(0);

      expect(harness.timeline.statesAt(keys, NOW, knownAt)).toEqual(alone);
      expect(harness.db.inTransaction).toBe(false);
      const inOpenTransaction = harness.db.transaction(() =>
        harness.timeline.statesAt(keys, NOW, knownAt),
      );
      expect(inOpenTransaction()).toEqual(alone);
      expect(harness.timeline.statesAt([], NOW, knownAt)).toEqual([]);
    });

    it('when the US -> Colombia intelligence is asked, then direction matters: it is not suspended', () => {
      const state = harness.timeline.stateAt(
        { actor: 'USA', target: 'COL', channel: 'intelligence' },
        NOW,
        NOW,
      );
      expect(state.status).not.toBe('suspended');
    });
  });

  describe('given a suspension recorded late', () => {
    const steps: ReplayStep[] = [
      {
        command: { record: aStateChange('CooperationEstablished', { occurredAt: '2020-01-01' }) },
        recordedAt: '2025-01-01T00:00:00Z',
      },
      {
        command: { record: aStateChange('CooperationResumed', { occurredAt: '2025-06-01' }) },
        recordedAt: '2025-06-02T00:00:00Z',
      },
      // Learned in December that intelligence had been suspended since March.
      {
        command: { record: aStateChange('CooperationSuspended', { occurredAt: '2025-03-01' }) },
        recordedAt: '2025-12-01T00:00:00Z',
      },
    ];

    it('when asked about April as known before and after the late record, then only the later answer changes', async () => {
      await project(replay(steps));
      const april = ms('2025-04-01T00:00:00Z');
      expect(
        harness.timeline.stateAt(COL_USA_INTEL, april, ms('2025-11-30T00:00:00Z')).status,
      ).toBe('active');
      expect(
        harness.timeline.stateAt(COL_USA_INTEL, april, ms('2025-12-01T00:00:00Z')).status,
      ).toBe('suspended');
      expect(harness.timeline.stateAt(COL_USA_INTEL, april, NOW)).toMatchObject({
        status: 'suspended',
        since: '2025-03-01T00:00:00.000Z',
      });
      expect(
        harness.timeline.stateAt(
          COL_USA_INTEL,
          ms('2025-07-01T00:00:00Z'),
          ms('2025-12-01T00:00:00Z'),
        ).status,
      ).toBe('active');
    });

    it('when the timeline is asked as known before and after, then each shows its own history', async () => {
      const facts = replay(steps);
      await project(facts);
      expect(
        harness.timeline.timeline(COL_USA_INTEL, ms('2025-11-30T00:00:00Z')).map((i) => i.status),
      ).toEqual(['active']);
      expect(harness.timeline.timeline(COL_USA_INTEL, NOW).map((i) => i.status)).toEqual([
        'active',
        'suspended',
        'active',
      ]);
      expect(harness.timeline.timeline(COL_USA_INTEL, NOW)).toEqual(
        relationTimeline(facts, COL_USA_INTEL, new Date(NOW)),
      );
    });
  });

  describe('given a suspension later retracted', () => {
    it('when asked before and after the retraction was recorded, then the retraction only changes the later answer', async () => {
      const first = replay([
        {
          command: { record: aStateChange('CooperationSuspended', { occurredAt: '2025-11-11' }) },
          recordedAt: '2025-11-12T00:00:00Z',
        },
      ]);
      const facts = replay(
        [
          {
            command: {
              record: {
                type: 'EventRetracted',
                retracts: first[0].eventId,
                reason: 'misreported',
                occurredAt: '2025-11-13',
                summary: 'retracted',
              },
            },
            recordedAt: '2025-11-14T00:00:00Z',
          },
        ],
        first,
      );
      await project(facts);
      const at = ms('2025-11-20T00:00:00Z');
      expect(harness.timeline.stateAt(COL_USA_INTEL, at, ms('2025-11-13T00:00:00Z')).status).toBe(
        'suspended',
      );
      expect(harness.timeline.stateAt(COL_USA_INTEL, at, ms('2025-11-14T00:00:00Z')).status).toBe(
        'unknown',
      );
      expect(harness.timeline.timeline(COL_USA_INTEL, NOW)).toEqual([]);
    });
  });

  describe('given a suspension later corrected to another day and another channel', () => {
    it('when asked before and after the correction was recorded, then only the later answers move, on both channels', async () => {
      const first = replay([
        {
          command: { record: aStateChange('CooperationSuspended', { occurredAt: '2025-11-11' }) },
          recordedAt: '2025-11-12T00:00:00Z',
        },
      ]);
      const facts = replay(
        [
          {
            command: {
              record: {
                type: 'EventCorrected',
                corrects: first[0].eventId,
                reason: 'it was the military channel, from the 5th',
                channel: 'military',
                occurredAt: '2025-11-05',
              },
            },
            recordedAt: '2025-11-20T00:00:00Z',
          },
        ],
        first,
      );
      await project(facts);
      const COL_USA_MILITARY = { ...COL_USA_INTEL, channel: 'military' };
      const before = ms('2025-11-19T00:00:00Z');
      const after = ms('2025-11-20T00:00:00Z');
      const nov8 = ms('2025-11-08T00:00:00Z');
      const nov15 = ms('2025-11-15T00:00:00Z');

      expect(harness.timeline.stateAt(COL_USA_INTEL, nov15, before).status).toBe('suspended');
      expect(harness.timeline.stateAt(COL_USA_MILITARY, nov15, before).status).toBe('unknown');
      expect(harness.timeline.stateAt(COL_USA_INTEL, nov15, after).status).toBe('unknown');
      expect(harness.timeline.stateAt(COL_USA_MILITARY, nov8, after)).toMatchObject({
        status: 'suspended',
        since: '2025-11-05T00:00:00.000Z',
        basis: [facts[1].eventId],
      });
      expect(harness.timeline.stateAt(COL_USA_MILITARY, nov8, before).status).toBe('unknown');
      for (const key of [COL_USA_INTEL, COL_USA_MILITARY]) {
        for (const knownAt of [before, after, NOW]) {
          expect(harness.timeline.timeline(key, knownAt)).toEqual(
            relationTimeline(facts, key, new Date(knownAt)),
          );
        }
      }
    });
  });

  describe('given events recorded while the projection is live', () => {
    it('when each arrives, then the change names the key, the earliest valid time changed and where it stands now', async () => {
      const seen: unknown[] = [];
      const subscription = harness.manager
        .applied$('relation-timeline')
        .subscribe((batch) => seen.push(...batch.changes));
      await project(
        replay([
          {
            command: {
              record: aStateChange('CooperationSuspended', {
                occurredAt: '2025-11-11',
              }),
            },
            recordedAt: '2025-11-12T00:00:00Z',
          },
        ]),
      );
      subscription.unsubscribe();
      expect(seen).toEqual([
        expect.objectContaining({
          key: COL_USA_INTEL,
          from: '2025-11-11T00:00:00.000Z',
          current: expect.objectContaining({
            status: 'suspended',
            since: '2025-11-11T00:00:00.000Z',
          }),
        }),
      ]);
      expect(harness.timeline.changesAfter(0, Number.MAX_SAFE_INTEGER)).toEqual([
        expect.objectContaining({ key: COL_USA_INTEL }),
      ]);
    });
  });
});
