import { explain, factsKnownAt, relationStateAt, relationTimeline } from '@entente/domain';
import { aStateChange, aStatement, replay } from '../testing';

const KEY = { actor: 'USA', target: 'PRK', channel: 'diplomatic' } as const;
const REPORT = 'f0f0f0f0-0000-4000-8000-000000000001';
const CODED = 'f0f0f0f0-0000-4000-8000-000000000002';
const RETRACTION = 'f0f0f0f0-0000-4000-8000-000000000003';

/**
 * History imported in 2026 about 2018: recorded here long after it was reported. A curated severance
 * reported on 2018-06-02, a machine-coded restoration reported on 2018-06-05, and the severance's retraction
 * reported on 2018-06-10 but recorded on 2026-03-01.
 */
const history = replay([
  {
    command: {
      record: aStateChange('RelationsSevered', {
        eventId: REPORT,
        actor: 'USA',
        target: 'PRK',
        channel: undefined,
        occurredAt: '2018-06-01',
        sources: [{ kind: 'news-report', outlet: 'Wire', publishedAt: '2018-06-02' }],
      }),
    },
    recordedAt: '2026-02-01T00:00:00Z',
  },
  {
    command: {
      record: aStateChange('RelationsRestored', {
        eventId: CODED,
        actor: 'USA',
        target: 'PRK',
        channel: undefined,
        occurredAt: '2018-06-04',
        evidence: 'machine-coded',
        reportedAt: '2018-06-05',
        coding: { dataset: 'icews', externalId: '1', scheme: 'CAMEO', code: '054' },
      }),
    },
    recordedAt: '2026-02-01T00:01:00Z',
  },
  {
    command: {
      record: {
        type: 'EventRetracted',
        eventId: RETRACTION,
        retracts: REPORT,
        reason: 'the wire withdrew it',
        reportedAt: '2018-06-10',
      },
    },
    recordedAt: '2026-03-01T00:00:00Z',
  },
]);

describe('two knowledge axes and a choice of evidence', () => {
  it('given facts reported in 2018 and recorded in 2026, when read as reported by a 2018 date, then what the world knew then answers, whatever was recorded here', () => {
    expect(relationStateAt(history, KEY, '2018-06-03', { reportedBy: '2018-06-01' }).status).toBe(
      'unknown',
    );
    expect(
      relationStateAt(history, KEY, '2018-06-03', { reportedBy: '2018-06-02T23:59:59Z' }).status,
    ).toBe('severed');
    expect(relationStateAt(history, KEY, '2018-06-06', { reportedBy: '2018-06-06' }).status).toBe(
      'active',
    );
  });

  it('given a retraction reported later, when read as reported before it, then the fact stands; after, it is gone with the reason', () => {
    expect(relationStateAt(history, KEY, '2018-06-03', { reportedBy: '2018-06-09' }).status).toBe(
      'severed',
    );
    const after = factsKnownAt(history, { reportedBy: '2018-06-11' });
    expect(after.effective.map((f) => f.eventId)).toEqual([CODED]);
    expect(after.excluded).toContainEqual(
      expect.objectContaining({ eventId: REPORT, reason: 'retracted', by: RETRACTION }),
    );
    expect(
      factsKnownAt(history, { reportedBy: '2018-06-09' }).excluded.map((e) => [
        e.eventId,
        e.reason,
      ]),
    ).toEqual([[RETRACTION, 'reported-after-reported-by']]);
  });

  it('given both axes, when read, then both must hold: reported by then and recorded here by then', () => {
    const both = { reportedBy: '2018-06-30', knownAt: '2026-02-15' };

    expect(relationStateAt(history, KEY, '2018-06-03', both).status).toBe('severed');
    expect(
      relationStateAt(history, KEY, '2018-06-03', { ...both, knownAt: '2026-01-01' }).status,
    ).toBe('unknown');
  });

  it('given a machine-coded fact, when only curated evidence is asked for, then it is left out, and the audit says why', () => {
    const curated = { evidence: 'curated' as const, knownAt: '2026-02-15' };

    expect(relationTimeline(history, KEY, curated).map((i) => i.status)).toEqual(['severed']);
    expect(relationTimeline(history, KEY, { knownAt: '2026-02-15' }).map((i) => i.status)).toEqual([
      'severed',
      'active',
    ]);
    const audit = explain(history, KEY, '2018-06-30', curated);
    expect(audit).toMatchObject({
      status: 'severed',
      evidence: 'curated',
      knownAt: '2026-02-15T00:00:00.000Z',
    });
    expect(audit.excluded).toContainEqual(
      expect.objectContaining({ eventId: CODED, reason: 'machine-coded' }),
    );
  });

  it('given an audit, when read, then each step says when it was reported, its evidence, coding and sides, and context facts on the key are counted', () => {
    const withContext = replay(
      [
        {
          command: {
            record: aStatement({
              actor: 'USA',
              target: 'PRK',
              channel: undefined,
              occurredAt: '2018-06-03',
            }),
          },
          recordedAt: '2026-02-02T00:00:00Z',
        },
      ],
      history,
    );

    const audit = explain(withContext, KEY, '2018-06-30', { knownAt: '2026-02-15' });

    expect(
      audit.steps.map((s) => [s.eventId, s.reportedAt, s.evidence, s.coding?.code ?? null]),
    ).toEqual([
      [REPORT, '2018-06-02T00:00:00.000Z', 'curated', null],
      [CODED, '2018-06-05T00:00:00.000Z', 'machine-coded', '054'],
    ]);
    expect(audit.contextFacts).toBe(1);
  });
});
