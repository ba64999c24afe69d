import { CROSSWALK_VERSION } from '../../crosswalk/crosswalk.version';
import type { RowOutcome } from '../../pipeline/row-outcome';
import { ICEWS_COLUMNS, icewsLayout, icewsRow } from './icews-columns';
import { mapIcewsRow } from './icews.mapper';

const layout = icewsLayout([...ICEWS_COLUMNS]);
const map = (line: string): RowOutcome => mapIcewsRow(icewsRow(layout, line.split('\t')));

/** Rows of the ICEWS sample (2018-06-01), with the sides changed where a case needs it. */
const TRUMP_CONSULTS_PRK =
  '32890090\t2018-06-01\tDonald Trump\tGovernment,Executive Office,Executive\tUnited States\tConsult\t040\t1\tNorth Korea\tNA\tNorth Korea\t47401210\t5\tDow Jones News Service\tNew York City\tNA\tstate of New York\tUnited States\t40.7143\t-74.006';
const ESTONIA_161 =
  '32890333\t2018-06-01\tEstonia\tNA\tEstonia\tReduce or break diplomatic relations\t161\t-4\tUnited States\tNA\tUnited States\t47401627\t1\tBaltic Daily\tTallinn\tTallinna linn\tHarjumaa\tEstonia\t59.437\t24.7535';
const USA_EU =
  '32891487\t2018-06-01\tUnited States\tNA\tUnited States\tEngage in diplomatic cooperation\t050\t3.5\tEuropean Union\tInternational Government Organization,Regional Diplomatic IGOs,Regional\tNA\t47401221\t4\tDow Jones News Service\tBrussels\t(Bruxelles-Capitale)\tBruxelles-Capitale\tBelgium\t50.8504\t4.34878';
const GOVERNOR_POLICE =
  '32890289\t2018-06-01\tGovernor (Nigeria)\tLocal,Provincial,Government\tNigeria\tMake an appeal or request\t020\t3\tPolice (Ghana)\tPolice,Government\tGhana\t47401242\t3\tAll Africa\tNA\tNA\tKano State\tNigeria\t11.5\t8.5';

const replace = (line: string, column: number, value: string) => {
  const fields = line.split('\t');
  fields[column] = value;
  return fields.join('\t');
};

describe('an ICEWS row as a fact', () => {
  it('given a head of state consulting a state, then a machine-coded MeetingHeld with its coding', () => {
    const outcome = map(TRUMP_CONSULTS_PRK);
    expect(outcome.kind).toBe('fact');
    if (outcome.kind !== 'fact') return;
    expect(outcome.input).toMatchObject({
      type: 'MeetingHeld',
      actor: 'USA',
      target: 'PRK',
      channel: null,
      occurredAt: '2018-06-01',
      reportedAt: '2018-06-01',
      evidence: 'machine-coded',
      actorRole: 'head-of-state',
      actorAgent: { name: 'Donald Trump', office: null },
      targetRole: 'government',
      targetAgent: null,
      sources: [
        { kind: 'news-report', outlet: 'Dow Jones News Service', publishedAt: '2018-06-01' },
      ],
      coding: {
        dataset: 'icews',
        externalId: '32890090',
        scheme: 'CAMEO',
        code: '040',
        goldstein: { value: 1, scale: 'icews' },
        quadClass: 1,
        location: {
          name: 'New York City, state of New York, United States',
          country: 'USA',
          lat: 40.7143,
          lon: -74.006,
        },
        sentence: { story: '47401210', sentence: 5 },
        crosswalk: CROSSWALK_VERSION,
      },
    });
  });

  it('given the same row twice, then the same event id (ICEWS id and date)', () => {
    const [a, b] = [map(TRUMP_CONSULTS_PRK), map(TRUMP_CONSULTS_PRK)];
    expect(a.kind === 'fact' && b.kind === 'fact' && a.input.eventId === b.input.eventId).toBe(
      true,
    );
    const later = map(replace(TRUMP_CONSULTS_PRK, 1, '2019-06-01'));
    expect(
      later.kind === 'fact' && a.kind === 'fact' && later.input.eventId !== a.input.eventId,
    ).toBe(true);
  });

  it('given 161 whose text is only its label, then a restriction of diplomatic relations', () => {
    const outcome = map(ESTONIA_161);
    expect(outcome.kind === 'fact' && [outcome.input.type, outcome.input.channel]).toEqual([
      'CooperationRestricted',
      'diplomatic',
    ]);
  });

  it('given a state and the European Union, then the body is the target', () => {
    const outcome = map(USA_EU);
    expect(outcome.kind === 'fact' && [outcome.input.actor, outcome.input.target]).toEqual([
      'USA',
      'EU',
    ]);
  });

  it('given a provincial governor, then skipped as sub-state', () => {
    expect(map(GOVERNOR_POLICE)).toMatchObject({ kind: 'skip', reason: 'sub-state-actor' });
  });

  it('given citizens on one side, then skipped as non-state', () => {
    const citizens = replace(
      replace(TRUMP_CONSULTS_PRK, 8, 'Citizen (North Korea)'),
      9,
      'General Population / Civilian / Social,Social',
    );
    expect(map(citizens)).toMatchObject({ kind: 'skip', reason: 'non-state-actor' });
  });

  it('given both sides of one state, then skipped as domestic', () => {
    const ministry = replace(replace(TRUMP_CONSULTS_PRK, 8, 'Police (United States)'), 9, 'Police');
    expect(map(replace(ministry, 10, 'United States'))).toMatchObject({
      kind: 'skip',
      reason: 'domestic',
    });
  });

  it('given an official of a body the row does not name, then skipped with that reason', () => {
    const official = replace(
      replace(
        replace(TRUMP_CONSULTS_PRK, 2, 'Federica Mogherini'),
        3,
        'International Government Organization,Regional',
      ),
      4,
      'Italy',
    );
    expect(map(official)).toMatchObject({ kind: 'skip', reason: 'body-official' });
  });

  it('given a country the crosswalk does not know, then a failure, not out of scope', () => {
    expect(map(replace(TRUMP_CONSULTS_PRK, 4, 'Atlantis'))).toMatchObject({
      kind: 'skip',
      reason: 'unmapped-country',
    });
  });

  it('given a date that is no date or a code that is no CAMEO code, then malformed or unmapped', () => {
    expect(map(replace(TRUMP_CONSULTS_PRK, 1, 'June 1'))).toMatchObject({ reason: 'malformed' });
    expect(map(replace(TRUMP_CONSULTS_PRK, 6, '999'))).toMatchObject({ reason: 'unmapped-code' });
  });

  it('given a header without the ICEWS columns, then the file is refused naming them', () => {
    expect(() => icewsLayout(['Event ID', 'Event Date'])).toThrow(/no "Source Name"/);
  });
});
