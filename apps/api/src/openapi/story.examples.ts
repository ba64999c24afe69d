/**
 * Examples for the document, from the seed story (November 2025: Colombia suspends intelligence sharing
 * with the United States), as the API answered them with the story recorded.
 */
const SUSPENDED = '5707e000-2025-4111-8000-000000000011';
const SINCE = { value: '2025-11-11', precision: 'day', start: '2025-11-11T00:00:00.000Z' };
const CONDITION = 'as long as the missile attack on boats in the Caribbean continues';

export const STORY = {
  recorded: {
    eventId: SUSPENDED,
    type: 'CooperationSuspended',
    stream: `report-${SUSPENDED}`,
    position: 19,
    recordedAt: '2025-11-12T09:30:00.000Z',
    alreadyRecorded: false,
  },
  event: {
    eventId: SUSPENDED,
    type: 'CooperationSuspended',
    schemaVersion: 3,
    data: {
      actors: ['COL'],
      targets: ['USA'],
      channel: 'intelligence',
      occurredAt: SINCE,
      summary:
        "Petro ordered Colombia's intelligence services on Tuesday night to suspend sending information to US agencies, ending decades of bilateral cooperation, in a post on X.",
      conditions: [CONDITION],
      sources: [
        {
          kind: 'social-media-post',
          url: 'https://x.com/petrogustavo',
          outlet: 'X',
          publishedAt: '2025-11-11',
          quote:
            'Such action will continue as long as the missile attack on boats in the Caribbean continues',
        },
      ],
      speaker: { code: 'GUSTAVO-PETRO' },
      evidence: 'curated',
      reportedAt: SINCE.start,
      coding: null,
      actorRole: null,
      targetRole: null,
      actorAgent: null,
      targetAgent: null,
    },
    stream: `report-${SUSPENDED}`,
    revision: 0,
    position: 19,
    recordedAt: '2025-11-12T09:30:00.000Z',
    reportedAt: '2025-11-11T00:00:00.000Z',
    recordedBy: 'newsdesk',
    correlationId: 'ceb7e4c8-fa71-4b0d-a712-8a238fff7039',
    causationId: null,
  },
  actor: {
    code: 'EGMONT',
    name: 'Egmont Group of Financial Intelligence Units',
    kind: 'organization',
    affiliation: null,
    office: null,
    registered: true,
    eventId: '01a231f5-6126-7519-8426-b8223977b923',
    recordedAt: '2025-11-12T09:00:00.000Z',
    recordedBy: 'newsdesk',
  },
  state: {
    actor: 'COL',
    target: 'USA',
    at: '2025-11-30T23:59:59.999Z',
    knownAt: '2025-12-01T00:00:00.000Z',
    reportedBy: null,
    evidence: 'all',
    channels: [
      {
        channel: 'intelligence',
        status: 'suspended',
        since: SINCE.start,
        sinceOccurredAt: SINCE,
        approximate: false,
        conditions: [CONDITION],
        basis: [SUSPENDED],
        basisEvidence: { [SUSPENDED]: 'curated' },
        anomalies: [],
      },
    ],
  },
  timeline: {
    actor: 'COL',
    target: 'USA',
    knownAt: '2025-12-01T00:00:00.000Z',
    reportedBy: null,
    evidence: 'all',
    intervals: [
      {
        channel: 'intelligence',
        status: 'active',
        from: '1990-01-01T00:00:00.000Z',
        to: SINCE.start,
        eventId: '5707e000-2025-4111-8000-000000000001',
        approximate: true,
        conditions: [],
        basis: ['5707e000-2025-4111-8000-000000000001'],
      },
      {
        channel: 'intelligence',
        status: 'suspended',
        from: SINCE.start,
        to: null,
        eventId: SUSPENDED,
        approximate: false,
        conditions: [CONDITION],
        basis: [SUSPENDED],
      },
    ],
  },
} as const;
