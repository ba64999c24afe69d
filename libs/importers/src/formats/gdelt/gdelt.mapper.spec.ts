import { readFileSync } from 'node:fs';
import { fixture } from '../../testing/fixtures';
import type { RowOutcome } from '../../pipeline/row-outcome';
import { mapGdeltRow } from './gdelt.mapper';

const V2 = readFileSync(fixture('gdelt_v2_export_sample.tsv'), 'utf8').split('\n');
const row = (id: string) => V2.find((line) => line.startsWith(`${id}\t`))!.split('\t');

/** A 2.0 row in 1.0's daily layout: no ADM2 codes, DATEADDED a day. */
const asV1 = (fields: readonly string[]) => {
  const v1 = fields.filter((_, i) => i !== 39 && i !== 47 && i !== 55);
  v1[56] = v1[56].slice(0, 8);
  return v1;
};
/** And in the backfile's: no SOURCEURL either. */
const asBackfile = (fields: readonly string[]) => asV1(fields).slice(0, 57);

const fact = (outcome: RowOutcome) => {
  if (outcome.kind !== 'fact') throw new Error(`expected a fact, got ${JSON.stringify(outcome)}`);
  return outcome.input;
};

describe('a GDELT row as a fact', () => {
  it('given a 2.0 row (61 columns), then DATEADDED to the second is when it was reported', () => {
    const input = fact(mapGdeltRow(row('741917042')));
    expect(input).toMatchObject({
      type: 'MilitaryActionReported',
      actor: 'DEU',
      target: 'EU',
      occurredAt: '2018-02-24',
      reportedAt: '2018-03-26T04:45:00Z',
      sources: [{ kind: 'news-report', url: 'https://allafrica.com/stories/201803250023.html' }],
      coding: {
        dataset: 'gdelt',
        externalId: '741917042',
        code: '0874',
        goldstein: { value: 10, scale: 'gdelt' },
        quadClass: 2,
        mentions: 4,
        sourcesCount: 1,
        articles: 4,
        tone: -7.33333333333333,
        location: { name: 'Germany', country: 'DEU', lat: 51.5, lon: 10.5 },
      },
    });
  });

  it('given the same event in the 1.0 layout (58 columns), then the day it was added', () => {
    const input = fact(mapGdeltRow(asV1(row('741917042'))));
    expect([input.reportedAt, input.coding?.location?.country]).toEqual(['2018-03-26', 'DEU']);
    expect(input.eventId).not.toBe(fact(mapGdeltRow(row('741917042'))).eventId);
  });

  it('given a backfile row (57 columns), then the event date stands for when it was reported', () => {
    const input = fact(mapGdeltRow(asBackfile(row('741917042'))));
    expect(input.reportedAt).toBe('2018-02-24');
    expect(input.sources).toEqual([
      { kind: 'document', outlet: 'GDELT', url: 'https://www.gdeltproject.org/data.html' },
    ]);
  });

  it('given a government and a state of its own, then skipped as domestic', () => {
    const fields = row('741917042');
    const domestic = [...fields];
    domestic.splice(15, 10, 'DEUGOV', 'GERMANY', 'DEU', '', '', '', '', 'GOV', '', '');
    expect(mapGdeltRow(domestic)).toMatchObject({ kind: 'skip', reason: 'domestic' });
  });

  it('given a state organ acting, then its role: SPY is intelligence', () => {
    const spy = [...row('741917042')];
    spy.splice(5, 10, 'USASPY', 'CIA', 'USA', '', '', '', '', 'SPY', '', '');
    expect(fact(mapGdeltRow(spy))).toMatchObject({ actor: 'USA', actorRole: 'intelligence' });
  });

  it('given rebels of a state, then skipped as non-state', () => {
    const rebels = [...row('741917042')];
    rebels.splice(5, 10, 'COLREB', 'FARC', 'COL', '', '', '', '', 'REB', '', '');
    expect(mapGdeltRow(rebels)).toMatchObject({ kind: 'skip', reason: 'non-state-actor' });
  });

  it('given a row of another width, then malformed, naming the widths GDELT has', () => {
    expect(mapGdeltRow(row('741917042').slice(0, 40))).toMatchObject({
      kind: 'skip',
      reason: 'malformed',
    });
  });
});
