import { explain, STORY_IDS } from '@entente/domain';
import { aStateChange, recordStory, replay } from '../testing';

const COL_USA_INTEL = { actor: 'COL', target: 'USA', channel: 'intelligence' } as const;

describe('explain: the steps of the fold and what was left out', () => {
  const facts = recordStory();

  it('given the story, when Colombia -> US is explained before the order, then the order is excluded as after T', () => {
    const explanation = explain(facts, COL_USA_INTEL, '2025-11-10T00:00:00Z');

    expect(explanation).toMatchObject({
      status: 'active',
      at: '2025-11-10T00:00:00.000Z',
      knownAt: null,
      steps: [
        {
          eventId: STORY_IDS.cooperationSince1990s,
          type: 'CooperationEstablished',
          occurredAt: { value: '1990', precision: 'year' },
          approximate: true,
          recordedBy: 'story-editor',
          statusAfter: 'active',
          anomalies: [],
        },
      ],
      excluded: [{ eventId: STORY_IDS.petroSuspendsIntelligence, reason: 'after-at', by: null }],
    });
  });

  it('given context facts on the pair, when explained, then they are neither steps nor exclusions', () => {
    const explanation = explain(facts, COL_USA_INTEL, '2025-12-01T00:00:00Z');
    const mentioned = [...explanation.steps, ...explanation.excluded].map((e) => e.eventId);

    expect(mentioned).not.toContain(STORY_IDS.dickinsonStrongBlow);
    expect(mentioned).not.toContain(STORY_IDS.meeksKeyWestFigure);
  });

  it('given a resumption of something never suspended, when explained, then its step carries the anomaly', () => {
    const odd = replay(
      [
        {
          command: {
            record: aStateChange('CooperationResumed', {
              eventId: 'e1e1e1e1-0000-4000-8000-000000000001',
              actor: 'QAT',
              target: 'USA',
              channel: 'military',
            }),
          },
          recordedAt: '2025-11-13T00:00:00Z',
        },
      ],
      facts,
    );
    const explanation = explain(
      odd,
      { actor: 'QAT', target: 'USA', channel: 'military' },
      '2025-11-12',
    );

    expect(explanation.status).toBe('active');
    expect(explanation.steps[0].anomalies.map((a) => a.kind)).toEqual([
      'resumption-without-suspension',
    ]);
    expect(explanation.anomalies).toHaveLength(1);
  });
});
