import { factsKnownAt, STORY_IDS } from '@entente/domain';
import { recordStory, replay } from '../testing';

describe('factsKnownAt: which reported facts are in effect as known at K', () => {
  const story = recordStory('2025-11-13T09:00:00.000Z');

  it('given the story recorded a minute apart, when read at the time of its sixth fact, then only the first six facts are in effect', () => {
    const registrations = 8;
    const k = new Date(
      Date.parse('2025-11-13T09:00:00.000Z') + (registrations + 5) * 60_000,
    ).toISOString();
    const known = factsKnownAt(story, k);

    expect(known.effective).toHaveLength(6);
    expect(known.excluded).toHaveLength(17 - 6);
    expect(known.excluded.every((e) => e.reason === 'recorded-after-known-at')).toBe(true);
  });

  it('given registrations in the history, when facts are listed, then registrations are neither in effect nor excluded', () => {
    const known = factsKnownAt(story);

    expect(known.effective.map((f) => f.type)).not.toContain('ActorRegistered');
    expect(known.excluded).toEqual([]);
  });

  it('given a fact listed twice (a replayed page), when read, then it counts once', () => {
    expect(factsKnownAt([...story, ...story]).effective).toHaveLength(17);
  });

  it('given the facts in effect, when listed, then they are in fold order: valid time, then record order', () => {
    const order = factsKnownAt(story).effective.map((f) => f.eventId);

    expect(order.slice(0, 3)).toEqual([
      STORY_IDS.cooperationSince1990s,
      STORY_IDS.pegasusDisclosure,
      STORY_IDS.egmontSuspendsColombia,
    ]);
    expect(order.indexOf(STORY_IDS.ukAndNetherlandsRestrict)).toBeLessThan(
      order.indexOf(STORY_IDS.petroSuspendsIntelligence),
    );
  });

  it('given a correction then a retraction of the same fact, when read between them and after, then superseded, then retracted with every version', () => {
    const facts = replay(
      [
        {
          command: {
            record: {
              type: 'EventCorrected',
              eventId: 'e2e2e2e2-0000-4000-8000-000000000001',
              corrects: STORY_IDS.egmontSuspendsColombia,
              occurredAt: '2024-09',
            },
          },
          recordedAt: '2025-11-20T00:00:00Z',
        },
        {
          command: {
            record: {
              type: 'EventRetracted',
              eventId: 'e2e2e2e2-0000-4000-8000-000000000002',
              retracts: STORY_IDS.egmontSuspendsColombia,
              reason: 'unconfirmed',
            },
          },
          recordedAt: '2025-11-25T00:00:00Z',
        },
      ],
      story,
    );

    expect(
      factsKnownAt(facts, '2025-11-21T00:00:00Z').excluded.map((e) => [e.type, e.reason]),
    ).toEqual([
      ['MembershipSuspended', 'superseded'],
      ['EventRetracted', 'recorded-after-known-at'],
    ]);
    expect(factsKnownAt(facts).excluded.map((e) => [e.type, e.reason, e.by])).toEqual([
      ['MembershipSuspended', 'retracted', 'e2e2e2e2-0000-4000-8000-000000000002'],
      ['EventCorrected', 'retracted', 'e2e2e2e2-0000-4000-8000-000000000002'],
    ]);
    expect(factsKnownAt(facts).effective.map((f) => f.reportId)).not.toContain(
      STORY_IDS.egmontSuspendsColombia,
    );
  });
});
