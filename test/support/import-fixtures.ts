import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli';

export const EVENT_DATA = join(ROOT, 'test', 'fixtures', 'event-data');
export const ICEWS_SAMPLE = join(EVENT_DATA, 'icews_events.2018.sample.tab');
export const GDELT_V2_SAMPLE = join(EVENT_DATA, 'gdelt_v2_export_sample.tsv');
export const GDELT_V1_SAMPLE_ZIP = join(EVENT_DATA, 'gdelt_v1_events_sample.zip');
export const PLOVER_GSR = join(EVENT_DATA, 'PLOVER_GSR_CAMEO.json.gz');

export interface ReportRow {
  file: string;
  line: string;
  external_id: string;
  reason: string;
  out_of_scope: string;
  detail: string;
}

export function readReport(path: string): ReportRow[] {
  return parse(readFileSync(path, 'utf8'), { columns: true }) as ReportRow[];
}

const ORGAN_SECTORS =
  /(^|,)(Government|Executive|Military|Police|Judicial|Legislative \/ Parliamentary|Foreign Ministry)(,|$)/;
const BELOW_STATE = /(^|,)(Provincial|Local|Municipal)(,|$)/;

/**
 * The ICEWS sample's rows between two states, judged without the importer's crosswalks: both sides have a
 * country, the countries differ, and each side is the country itself (no sectors, its name the country's)
 * or carries a state organ's sector and no provincial or local one, nor an international body's.
 */
export function icewsRowsBetweenStates(): { line: number; id: string }[] {
  const [, ...rows] = readFileSync(ICEWS_SAMPLE, 'utf8').trimEnd().split('\n');
  const stateSide = (name: string, sectors: string, country: string) =>
    country !== 'NA' &&
    ((sectors === 'NA' && name === country) ||
      (ORGAN_SECTORS.test(sectors) &&
        !BELOW_STATE.test(sectors) &&
        !sectors.includes('International Government Organization')));
  return rows
    .map((row, i) => ({ f: row.split('\t'), line: i + 2 }))
    .filter(
      ({ f }) => f[4] !== f[10] && stateSide(f[2], f[3], f[4]) && stateSide(f[8], f[9], f[10]),
    )
    .map(({ f, line }) => ({ line, id: f[0] }));
}
