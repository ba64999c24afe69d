import { ValidationError } from '@entente/common';
import { validateRecordEvent, type RecordEventInput, type ReportData } from '@entente/domain';
import { aStateChange, aStatement } from '../testing';

const context = {
  now: new Date('2025-11-13T09:00:00.000Z'),
  registeredActors: new Set(['GUSTAVO-PETRO']),
};

const reportOf = (input: RecordEventInput): ReportData =>
  validateRecordEvent(input, context).data as ReportData;

function issuesOf(input: RecordEventInput): { field: string; message: string }[] {
  try {
    validateRecordEvent(input, context);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const ICEWS_CODING = {
  dataset: 'icews',
  externalId: '32889836',
  scheme: 'CAMEO',
  code: '1621',
  mode: 'withdraw',
  context: ['economic'],
  goldstein: { value: -5.6, scale: 'icews' },
  quadClass: 4,
  mentions: 3,
  sourcesCount: 2,
  articles: 4,
  tone: -2.5,
  location: { name: 'Hanoi', country: 'VNM', lat: 21.0245, lon: 105.841 },
  sentence: { story: '47400351', sentence: 2 },
  crosswalk: 'entente-crosswalk/1',
};

describe('a fact says how it was established, when it was reported, and how it was coded', () => {
  it('given no evidence, when validated, then the fact is curated; machine-coded is kept as given', () => {
    expect(reportOf(aStateChange('CooperationSuspended')).evidence).toBe('curated');
    expect(
      reportOf(aStateChange('CooperationSuspended', { evidence: 'machine-coded' })).evidence,
    ).toBe('machine-coded');
    expect(issuesOf(aStateChange('CooperationSuspended', { evidence: 'guessed' }))).toEqual([
      { field: 'evidence', message: 'must be curated or machine-coded' },
    ]);
  });

  it('given a full ICEWS coding, when validated, then every field is kept as sent', () => {
    expect(reportOf(aStateChange('CooperationSuspended', { coding: ICEWS_CODING })).coding).toEqual(
      ICEWS_CODING,
    );
  });

  it('given a coding with only its dataset, when validated, then the other fields are null or empty', () => {
    expect(
      reportOf(aStateChange('CooperationSuspended', { coding: { dataset: 'my-notes' } })).coding,
    ).toEqual({
      dataset: 'my-notes',
      externalId: null,
      scheme: null,
      code: null,
      mode: null,
      context: [],
      goldstein: null,
      quadClass: null,
      mentions: null,
      sourcesCount: null,
      articles: null,
      tone: null,
      location: null,
      sentence: null,
      crosswalk: null,
    });
  });

  it('given codes that do not exist in their scheme and out-of-range figures, when validated, then each field is named', () => {
    const coding = {
      ...ICEWS_CODING,
      code: '1621x',
      goldstein: { value: 12, scale: 'cameo' },
      quadClass: 5,
      mentions: -1,
      tone: 101,
      location: { country: 'CO', lat: 95 },
      sentence: { sentence: 1.5 },
      extra: true,
    };

    expect(
      issuesOf(aStateChange('CooperationSuspended', { coding } as unknown as RecordEventInput)).map(
        (i) => i.field,
      ),
    ).toEqual([
      'coding.extra',
      'coding.code',
      'coding.goldstein.value',
      'coding.goldstein.scale',
      'coding.quadClass',
      'coding.mentions',
      'coding.tone',
      'coding.location.country',
      'coding.location.lat',
      'coding.sentence.story',
      'coding.sentence.sentence',
    ]);
  });

  it('given a PLOVER code, when validated, then it is checked against PLOVER, and a code needs its scheme', () => {
    const plover = (code: string) =>
      aStateChange('CooperationSuspended', {
        coding: { dataset: 'polecat', scheme: 'PLOVER', code },
      });

    expect(reportOf(plover('SANCTION')).coding).toMatchObject({
      scheme: 'PLOVER',
      code: 'SANCTION',
    });
    expect(issuesOf(plover('1621')).map((i) => i.field)).toEqual(['coding.code']);
    expect(
      issuesOf(aStateChange('CooperationSuspended', { coding: { dataset: 'x', code: '040' } })),
    ).toEqual([{ field: 'coding.scheme', message: 'is required with a code: CAMEO or PLOVER' }]);
  });

  it('given no reportedAt, when validated, then it is the earliest dated source, or null (the record time)', () => {
    const sources = [
      { kind: 'news-report', outlet: 'A', publishedAt: '2025-11-12' },
      { kind: 'news-report', outlet: 'B', publishedAt: '2025-11-11T22:15:00-05:00' },
      { kind: 'news-report', outlet: 'C' },
    ];

    expect(reportOf(aStateChange('CooperationSuspended', { sources })).reportedAt).toBe(
      '2025-11-12T00:00:00.000Z',
    );
    expect(reportOf(aStateChange('CooperationSuspended')).reportedAt).toBeNull();
  });

  it('given an explicit reportedAt, when validated, then it is stored as the start of its period; after now or before the fact it is refused', () => {
    expect(
      reportOf(aStateChange('CooperationSuspended', { reportedAt: '2025-11-12' })).reportedAt,
    ).toBe('2025-11-12T00:00:00.000Z');
    expect(issuesOf(aStateChange('CooperationSuspended', { reportedAt: '2025-11-14' }))).toEqual([
      { field: 'reportedAt', message: '2025-11-14 is after now (2025-11-13T09:00:00.000Z)' },
    ]);
    expect(issuesOf(aStateChange('CooperationSuspended', { reportedAt: '2025-11-10' }))).toEqual([
      { field: 'reportedAt', message: 'is before the fact happened (occurredAt 2025-11-11)' },
    ]);
    expect(issuesOf(aStateChange('CooperationSuspended', { reportedAt: 'soon' }))[0].field).toBe(
      'reportedAt',
    );
  });

  it('given roles and agents for both sides, when validated, then they are kept; unknown roles and nameless agents are refused', () => {
    const data = reportOf(
      aStateChange('CooperationSuspended', {
        actorRole: 'head-of-state',
        actorAgent: { name: 'Gustavo Petro', office: 'President' },
        targetRole: 'intelligence',
        targetAgent: { name: 'Unnamed official' },
      }),
    );
    expect(data).toMatchObject({
      actorRole: 'head-of-state',
      actorAgent: { name: 'Gustavo Petro', office: 'President' },
      targetRole: 'intelligence',
      targetAgent: { name: 'Unnamed official', office: null },
    });

    expect(
      issuesOf(
        aStateChange('CooperationSuspended', {
          actorRole: 'navy',
          targetAgent: { office: 'Minister' },
        }),
      ).map((i) => i.field),
    ).toEqual(['actorRole', 'targetAgent.name']);
  });

  it('given a machine-coded statement without a speaker, when validated, then the acting side stands for it; curated, a speaker is required', () => {
    const statement = (evidence: string) =>
      aStatement({ speaker: undefined, evidence, actor: 'USA', target: 'PRK' });

    expect(reportOf(statement('machine-coded')).speaker).toBeNull();
    expect(issuesOf(statement('curated')).map((i) => i.field)).toEqual(['speaker']);
  });

  it('given a retraction with its own report date, when validated, then it is kept as the start of that day', () => {
    expect(
      validateRecordEvent(
        {
          type: 'EventRetracted',
          retracts: 'd0d0d0d0-0000-4000-8000-000000000001',
          reason: 'misreported',
          reportedAt: '2025-11-13',
        },
        context,
      ).data,
    ).toMatchObject({ reportedAt: '2025-11-13T00:00:00.000Z' });
  });

  it('given a fact with a report time, when a correction moves its date, then the report time is kept, unless the fact now happens after it', () => {
    const original = reportOf(aStateChange('CooperationSuspended', { reportedAt: '2025-11-12' }));
    const corrected = { type: 'CooperationSuspended' as const, data: original };
    const correct = (occurredAt: string) =>
      validateRecordEvent(
        {
          type: 'EventCorrected',
          corrects: 'd0d0d0d0-0000-4000-8000-000000000001',
          occurredAt,
          reportedAt: '2025-11-13',
        },
        { ...context, corrected },
      ).data as { replacement: ReportData; reportedAt: string | null };

    expect(correct('2025-11-10')).toMatchObject({
      reportedAt: '2025-11-13T00:00:00.000Z',
      replacement: { reportedAt: '2025-11-12T00:00:00.000Z' },
    });
    expect(correct('2025-11-12T10:00:00Z').replacement.reportedAt).toBe('2025-11-12T10:00:00.000Z');
  });
});
