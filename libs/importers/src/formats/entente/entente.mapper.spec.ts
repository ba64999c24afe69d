import { mapEntenteLine } from './entente.mapper';

const REPORT_ID = '0190f5a4-8f00-7000-8000-000000000001';
const line = {
  eventId: REPORT_ID,
  type: 'CooperationSuspended',
  schemaVersion: 2,
  data: {
    actors: ['COL'],
    targets: ['USA'],
    channel: 'intelligence',
    occurredAt: { value: '2025-11-11', precision: 'day', start: '2025-11-11T00:00:00.000Z' },
    summary: 'Colombia suspends intelligence sharing with US agencies.',
    conditions: ['as long as the strikes on boats continue'],
    sources: [
      {
        kind: 'social-media-post',
        url: 'https://x.com/petrogustavo/status/1',
        outlet: null,
        publishedAt: '2025-11-11',
        quote: null,
      },
    ],
    speaker: { code: 'GUSTAVO-PETRO' },
  },
  stream: `report-${REPORT_ID}`,
  revision: 0,
  position: 7,
  recordedAt: '2025-11-12T09:00:00.000Z',
  recordedBy: 'recorder',
  correlationId: 'c',
  causationId: null,
  amendments: [
    {
      eventId: '0190f5a4-8f00-7000-8000-000000000002',
      type: 'EventRetracted',
      schemaVersion: 1,
      data: { retracts: REPORT_ID, reason: 'misread the post' },
      stream: `report-${REPORT_ID}`,
      revision: 1,
      position: 9,
      recordedAt: '2025-11-13T09:00:00.000Z',
      recordedBy: 'recorder',
      correlationId: 'c',
      causationId: REPORT_ID,
    },
  ],
};

describe('an exported line (GET /v1/events/{id}) as what to record again', () => {
  it('given a v2 report, then the same fact as input, reported when its source was published', () => {
    expect(mapEntenteLine(line)).toMatchObject({
      kind: 'fact',
      input: {
        type: 'CooperationSuspended',
        eventId: REPORT_ID,
        actors: ['COL'],
        targets: ['USA'],
        channel: 'intelligence',
        occurredAt: '2025-11-11',
        conditions: ['as long as the strikes on boats continue'],
        speaker: 'GUSTAVO-PETRO',
        evidence: 'curated',
        reportedAt: '2025-11-11T00:00:00.000Z',
      },
    });
  });

  it('given its amendments, then each is recorded after it, with its own report time', () => {
    const outcome = mapEntenteLine(line);
    expect(outcome.kind === 'fact' && outcome.amendments).toEqual([
      {
        type: 'EventRetracted',
        eventId: '0190f5a4-8f00-7000-8000-000000000002',
        retracts: REPORT_ID,
        reason: 'misread the post',
        reportedAt: '2025-11-13T09:00:00.000Z',
      },
    ]);
  });

  it('given an earlier reportedAt than its record time, then that is kept', () => {
    const early = {
      ...line,
      schemaVersion: 3,
      data: { ...line.data, reportedAt: '2025-11-11T20:00:00.000Z' },
    };
    expect(mapEntenteLine(early)).toMatchObject({
      input: { reportedAt: '2025-11-11T20:00:00.000Z' },
    });
  });

  it('given a report whose sources give no date, then reported when the old store recorded it', () => {
    const undated = {
      ...line,
      data: { ...line.data, sources: [{ ...line.data.sources[0], publishedAt: null }] },
    };
    expect(mapEntenteLine(undated)).toMatchObject({
      input: { reportedAt: '2025-11-12T09:00:00.000Z' },
    });
  });

  it('given a registration, then the actor to register', () => {
    const registered = {
      ...line,
      type: 'ActorRegistered',
      schemaVersion: 1,
      data: {
        code: 'EGMONT',
        name: 'Egmont Group',
        kind: 'organization',
        affiliation: null,
        office: null,
      },
    };
    expect(mapEntenteLine(registered)).toEqual({
      kind: 'actor',
      input: {
        code: 'EGMONT',
        name: 'Egmont Group',
        kind: 'organization',
        affiliation: null,
        office: null,
      },
    });
  });

  it('given a line that is not a stored event, then malformed, saying why', () => {
    expect(mapEntenteLine({ ...line, eventId: 'nope' })).toEqual({
      kind: 'skip',
      reason: 'malformed',
      detail: 'eventId is not a UUID',
    });
  });
});
