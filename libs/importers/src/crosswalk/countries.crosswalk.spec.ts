import { readFileSync } from 'node:fs';
import { fixture } from '../testing/fixtures';
import { countryNamed, countryOfCameo, countryOfFips } from './countries.crosswalk';

describe('country crosswalks', () => {
  it.each([
    ['Russian Federation', 'RUS'],
    ["Cote d'Ivoire", 'CIV'],
    ['Côte d’Ivoire', 'CIV'],
    ['North Korea', 'PRK'],
    ['Occupied Palestinian Territory', 'PSE'],
    ['the former Yugoslav Republic of Macedonia', 'MKD'],
    ['Moldova, Republic of', 'MDA'],
    ['Kosovo', 'XKX'],
  ])('given the ICEWS country name %s, then it is %s', (name, code) => {
    expect(countryNamed(name)).toEqual({ kind: 'state', code });
  });

  it('given a region where ICEWS writes a country, then it is no state', () => {
    expect(countryNamed('Southeast Asia')).toEqual({ kind: 'region' });
  });

  it('given every country named in the ICEWS sample, then each is a state or a region', () => {
    const rows = readFileSync(fixture('icews_events.2018.sample.tab'), 'utf8').split('\n').slice(1);
    const names = new Set(
      rows.filter(Boolean).flatMap((row) => {
        const f = row.split('\t');
        return [f[4], f[10], f[17]].filter((n) => n !== 'NA');
      }),
    );
    const unknown = [...names].filter((name) => countryNamed(name).kind === 'unknown');
    expect(unknown).toEqual([]);
  });

  it.each([
    ['ROM', { kind: 'state', code: 'ROU' }],
    ['USA', { kind: 'state', code: 'USA' }],
    ['AFR', { kind: 'region' }],
    ['XYZ', { kind: 'unknown' }],
  ])('given the CAMEO country code %s, then it reads %j', (code, expected) => {
    expect(countryOfCameo(code)).toEqual(expected);
  });

  it('given FIPS geographic codes, then they are ISO alpha-3 (Colombia is CO in FIPS)', () => {
    expect([countryOfFips('CO'), countryOfFips('GM'), countryOfFips('OS')]).toEqual([
      'COL',
      'DEU',
      null,
    ]);
  });
});
