import {
  EVENT_CATALOG,
  evolveReport,
  initialReportState,
  relationStateAt,
  upcast,
  type RecordedFact,
} from '@entente/domain';

const V1_SUSPENSION = {
  actor: 'COL',
  target: 'USA',
  channel: 'intelligence',
  occurredAt: '2025-11-11',
  summary: 'Colombia suspends sending intelligence to US agencies',
  condition: 'as long as the missile attack on boats in the Caribbean continues',
  source: { kind: 'social-media-post', outlet: 'X', url: 'https://x.com/petrogustavo' },
  speaker: 'GUSTAVO-PETRO',
};

describe('upcast: stored data is read at the current schema version', () => {
  it('given a v1 CooperationSuspended with one source object, when upcast, then it is v3 with sources, actors, targets, conditions, a parsed occurredAt, and curated evidence', () => {
    expect(upcast('CooperationSuspended', 1, V1_SUSPENSION)).toEqual({
      schemaVersion: 3,
      data: {
        actors: ['COL'],
        targets: ['USA'],
        channel: 'intelligence',
        occurredAt: { value: '2025-11-11', precision: 'day', start: '2025-11-11T00:00:00.000Z' },
        summary: 'Colombia suspends sending intelligence to US agencies',
        conditions: ['as long as the missile attack on boats in the Caribbean continues'],
        sources: [
          {
            kind: 'social-media-post',
            url: 'https://x.com/petrogustavo',
            outlet: 'X',
            publishedAt: null,
            quote: null,
          },
        ],
        speaker: { code: 'GUSTAVO-PETRO' },
        evidence: 'curated',
        reportedAt: null,
        coding: null,
        actorRole: null,
        targetRole: null,
        actorAgent: null,
        targetAgent: null,
      },
    });
  });

  it('given a v2 fact whose sources are dated, when upcast, then it was reported when its earliest source was published, but not before it happened', () => {
    const v2 = upcast('CooperationSuspended', 1, V1_SUSPENSION).data as Record<string, unknown>;
    const dated = (publishedAt: string[]) => ({
      ...v2,
      sources: publishedAt.map((p) => ({
        kind: 'news-report',
        url: null,
        outlet: 'X',
        publishedAt: p,
        quote: null,
      })),
    });

    expect(
      upcast('CooperationSuspended', 2, dated(['2025-11-13', '2025-11-12T09:30:00Z'])).data,
    ).toMatchObject({
      reportedAt: '2025-11-12T09:30:00.000Z',
    });
    expect(upcast('CooperationSuspended', 2, dated(['2025-11'])).data).toMatchObject({
      reportedAt: '2025-11-11T00:00:00.000Z',
    });
  });

  it('given a v1 EventCorrected, when upcast, then its replacement is upcast with it', () => {
    const { schemaVersion, data } = upcast('EventCorrected', 1, {
      corrects: 'c0c0c0c0-0000-4000-8000-000000000001',
      replacementType: 'CooperationRestricted',
      replacement: { ...V1_SUSPENSION, source: undefined, condition: null },
    });

    expect(schemaVersion).toBe(3);
    expect(data).toMatchObject({
      reason: null,
      replacementType: 'CooperationRestricted',
      replacement: { actors: ['COL'], sources: [], conditions: [], evidence: 'curated' },
      reportedAt: null,
    });
  });

  it('given current data, when upcast, then it is returned as is', () => {
    const data = { retracts: 'x', reason: 'y', reportedAt: null };

    expect(upcast('EventRetracted', 2, data)).toEqual({ schemaVersion: 2, data });
  });

  it('given a v1 retraction, when upcast, then it was reported when it was recorded', () => {
    expect(upcast('EventRetracted', 1, { retracts: 'x', reason: 'y' })).toEqual({
      schemaVersion: 2,
      data: { retracts: 'x', reason: 'y', reportedAt: null },
    });
  });

  it('given a version newer than the catalog knows, when upcast, then it fails rather than guess', () => {
    expect(() => upcast('CooperationSuspended', 4, {})).toThrow(/newer than the known v3/);
  });

  it('given a type not in the catalog, when upcast, then it passes through for the fold to ignore', () => {
    expect(upcast('SomethingElse', 7, { a: 1 })).toEqual({ schemaVersion: 7, data: { a: 1 } });
  });

  it('given a v1 fact in the store, when the report stream and the timeline read it, then it counts like a current fact', () => {
    const fact: RecordedFact = {
      eventId: 'c0c0c0c0-0000-4000-8000-000000000001',
      position: 1,
      recordedAt: '2025-11-12T00:00:00.000Z',
      recordedBy: 'legacy-importer',
      type: 'CooperationSuspended',
      schemaVersion: 1,
      data: V1_SUSPENSION,
    };

    expect(evolveReport(initialReportState, fact).data?.sources).toHaveLength(1);
    expect(
      relationStateAt(
        [fact],
        { actor: 'COL', target: 'USA', channel: 'intelligence' },
        '2025-11-12',
      ),
    ).toMatchObject({
      status: 'suspended',
      conditions: ['as long as the missile attack on boats in the Caribbean continues'],
    });
    expect(EVENT_CATALOG.CooperationSuspended.schemaVersion).toBe(3);
  });
});
