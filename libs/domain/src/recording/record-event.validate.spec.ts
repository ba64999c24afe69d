import { ValidationError } from '@entente/common';
import { validateRecordEvent, type RecordEventInput, type ReportData } from '@entente/domain';
import { aStateChange, aStatement } from '../testing';

const context = {
  now: new Date('2025-11-13T09:00:00.000Z'),
  registeredActors: new Set(['EGMONT', 'GUSTAVO-PETRO']),
};

function issuesOf(input: RecordEventInput): { field: string; message: string }[] {
  try {
    validateRecordEvent(input, context);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const fields = (input: RecordEventInput): string[] => issuesOf(input).map((i) => i.field);
const reportOf = (input: RecordEventInput): ReportData =>
  validateRecordEvent(input, context).data as ReportData;

describe('validateRecordEvent: a POST /v1/events body to event data, or every bad field at once', () => {
  it('given a valid state change, when validated, then the data is normalised: lists, parsed date, full sources', () => {
    expect(validateRecordEvent(aStateChange('CooperationSuspended'), context)).toEqual({
      type: 'CooperationSuspended',
      data: {
        actors: ['COL'],
        targets: ['USA'],
        channel: 'intelligence',
        occurredAt: { value: '2025-11-11', precision: 'day', start: '2025-11-11T00:00:00.000Z' },
        summary: 'CooperationSuspended (test)',
        conditions: [],
        sources: [
          {
            kind: 'news-report',
            url: null,
            outlet: 'Test Wire',
            publishedAt: null,
            quote: 'as reported',
          },
        ],
        speaker: null,
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

  it('given many bad fields, when validated, then each is named with its path in one error', () => {
    const input = aStateChange('CooperationSuspended', {
      actor: 'XYZ',
      target: undefined,
      targets: ['USA', 'QQQ'],
      channel: 'Intelligence',
      occurredAt: '2017-13-45',
      summary: '',
      sources: [
        { kind: 'rumour', outlet: 'Somewhere' },
        { kind: 'news-report', url: 'ftp://example.org/x' },
        { kind: 'document' },
      ],
      conditions: [''],
    });

    expect(fields(input)).toEqual([
      'actor',
      'targets[1]',
      'occurredAt',
      'summary',
      'channel',
      'conditions[0]',
      'sources[0].kind',
      'sources[1].url',
      'sources[2]',
    ]);
  });

  it('given a state change without sources, when validated, then sources is required', () => {
    expect(issuesOf(aStateChange('CooperationRestricted', { sources: [] }))).toEqual([
      { field: 'sources', message: 'a state change needs at least one source' },
    ]);
  });

  it('given a date after now, when validated, then occurredAt is refused', () => {
    expect(fields(aStateChange('CooperationSuspended', { occurredAt: '2025-11-14' }))).toEqual([
      'occurredAt',
    ]);
  });

  it('given an unregistered body, when validated, then it is unknown; once registered, it is accepted', () => {
    expect(fields(aStateChange('MembershipSuspended', { actor: 'NATO', channel: null }))).toEqual([
      'actor',
    ]);
    expect(
      validateRecordEvent(
        aStateChange('MembershipSuspended', { actor: 'EGMONT', channel: null }),
        context,
      ).data,
    ).toMatchObject({ actors: ['EGMONT'], channel: 'membership' });
  });

  it('given RelationsSevered without a channel, when validated, then the channel defaults to diplomatic; a cooperation type needs one', () => {
    expect(reportOf(aStateChange('RelationsSevered', { channel: undefined })).channel).toBe(
      'diplomatic',
    );
    expect(fields(aStateChange('CooperationSuspended', { channel: undefined }))).toEqual([
      'channel',
    ]);
  });

  it('given both actor and actors, or an actor acting on itself, when validated, then those fields are refused', () => {
    expect(fields(aStateChange('CooperationSuspended', { actors: ['GBR'] }))).toEqual(['actors']);
    expect(fields(aStateChange('CooperationSuspended', { target: 'COL' }))).toEqual(['target']);
    expect(
      fields(aStateChange('CooperationSuspended', { actors: ['COL', 'COL'], actor: undefined })),
    ).toEqual(['actors[1]']);
  });

  it('given a statement, when validated, then it needs a speaker but no source, and a speaker may be inline', () => {
    expect(fields(aStatement({ speaker: undefined }))).toEqual(['speaker']);
    expect(fields(aStatement({ speaker: 'ELIZABETH-DICKINSON' }))).toEqual(['speaker']);
    expect(reportOf(aStatement({ speaker: 'GUSTAVO-PETRO' })).speaker).toEqual({
      code: 'GUSTAVO-PETRO',
    });
    expect(
      reportOf(aStatement({ speaker: { name: 'An official', office: 'intelligence liaison' } }))
        .speaker,
    ).toEqual({ name: 'An official', office: 'intelligence liaison', affiliation: null });
  });

  it('given a figure, when validated, then value, unit and period are checked', () => {
    const input = aStatement({
      type: 'FigureCited',
      figure: {
        value: Number.NaN,
        unit: '',
        description: 'share',
        period: { from: '2025-06', to: '2024-01' },
      },
    });

    expect(fields(input)).toEqual(['figure.value', 'figure.unit', 'figure.period']);
  });

  it('given a policy announced for a future date, when validated, then effectiveFrom may lie after now', () => {
    const data = validateRecordEvent(
      aStatement({
        type: 'PolicyAnnounced',
        speaker: 'GUSTAVO-PETRO',
        announcedChange: 'RelationsSevered',
        effectiveFrom: '2026-01',
        conditions: ['if the strikes continue'],
      }),
      context,
    ).data;

    expect(data).toMatchObject({
      announcedChange: 'RelationsSevered',
      effectiveFrom: { value: '2026-01', precision: 'month' },
    });
  });

  it('given fields that belong to another type, when validated, then each is refused by name', () => {
    expect(
      fields(
        aStateChange('CooperationSuspended', {
          figure: { value: 1 },
          retracts: 'x',
          location: 'Caribbean',
        }),
      ),
    ).toEqual(['retracts', 'figure', 'location']);
  });

  it('given an unknown type or ActorRegistered, when validated, then type is refused', () => {
    expect(fields({ type: 'CooperationPaused' })).toEqual(['type']);
    expect(issuesOf({ type: 'ActorRegistered' })[0].message).toMatch(/POST \/v1\/actors/);
  });

  it('given a retraction without a reason and with a malformed id, when validated, then both are named', () => {
    expect(fields({ type: 'EventRetracted', retracts: 'not-a-uuid' })).toEqual([
      'retracts',
      'reason',
    ]);
  });
});
