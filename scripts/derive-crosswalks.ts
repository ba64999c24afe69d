/**
 * Derives the importers' country and actor-type crosswalks from the public lookup files kept in the steering
 * repository's `shared/data/event-data/` (see its SOURCES.md). Run once when those sources or the overrides
 * below change; the output is committed under libs/importers/src/crosswalk/data/, so the product never
 * reads them at run time:
 *
 *   node --import tsx scripts/derive-crosswalks.ts [path/to/event-data]
 *
 * The overrides are the only hand-made part: names and codes the lookups spell differently from ISO 3166.
 */
import { ISO_3166_ALPHA3 } from '@entente/domain';
import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalisedName } from '../libs/importers/src/crosswalk/normalised-name';

const source = resolve(
  process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'data', 'event-data'),
);
const out = resolve(__dirname, '..', 'libs', 'importers', 'src', 'crosswalk', 'data');

const csv = (file: string) =>
  parse(readFileSync(join(source, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];

/** CAMEO country codes that are not ISO 3166-1 alpha-3; every other CAMEO region code maps to no state. */
const CAMEO_OVERRIDES: Readonly<Record<string, string>> = {
  ROM: 'ROU', // Romania, CAMEO's pre-2002 ISO code
  TMP: 'TLS', // East Timor, likewise
  MTN: 'MNE', // Montenegro
  GZS: 'PSE', // Gaza Strip
  WSB: 'PSE', // West Bank
  IMY: 'IMN', // Isle of Man
};

/** FIPS 10-4 codes whose lookup name is not an ISO or CAMEO name; unlisted ones map to no country. */
const FIPS_OVERRIDES: Readonly<Record<string, string>> = {
  BF: 'BHS', // Bahamas, The
  BK: 'BIH', // Bosnia-Herzegovina
  BX: 'BRN', // Brunei
  FK: 'FLK', // Falkland Islands
  FS: 'ATF', // French Southern and Antarctic Lands
  BS: 'ATF', // Bassas da India
  EU: 'ATF', // Europa Island
  GO: 'ATF', // Glorioso Islands
  JU: 'ATF', // Juan de Nova Island
  TE: 'ATF', // Tromelin Island
  GZ: 'PSE', // Gaza Strip
  WE: 'PSE', // West Bank
  IV: 'CIV', // Cote d'Ivoire
  KN: 'PRK', // North Korea
  LA: 'LAO', // Laos
  MC: 'MAC', // Macau
  PC: 'PCN', // Pitcairn Islands
  RN: 'MAF', // Saint Martin
  SV: 'SJM', // Svalbard
  JN: 'SJM', // Jan Mayen
  TB: 'BLM', // Saint-Barthelemy
  TT: 'TLS', // East Timor
  VQ: 'VIR', // Virgin Islands (U.S.)
  AT: 'AUS', // Ashmore and Cartier Islands
  CR: 'AUS', // Coral Sea Islands
  AX: 'GBR', // Akrotiri Sovereign Base Area
  DX: 'GBR', // Dhekelia Sovereign Base Area
  BQ: 'UMI', // Navassa Island
  DQ: 'UMI', // Jarvis Island
  FQ: 'UMI', // Baker Island
  HQ: 'UMI', // Howland Island
  JQ: 'UMI', // Johnston Atoll
  KQ: 'UMI', // Kingman Reef
  LQ: 'UMI', // Palmyra Atoll
  MQ: 'UMI', // Midway Islands
  WQ: 'UMI', // Wake Island
};

/**
 * Country names as ICEWS writes them where neither ISO nor the CAMEO and FIPS lookups do (ICEWS's own
 * spellings, seen in its yearly files), and short forms in common use.
 */
const NAME_OVERRIDES: Readonly<Record<string, string>> = {
  Russia: 'RUS',
  'Occupied Palestinian Territory': 'PSE',
  'Palestinian Territory, Occupied': 'PSE',
  Palestine: 'PSE',
  'Democratic Republic of Congo': 'COD',
  'Congo, The Democratic Republic of the': 'COD',
  'Congo, Democratic Republic of': 'COD',
  'DR Congo': 'COD',
  'Moldova, Republic of': 'MDA',
  'the former Yugoslav Republic of Macedonia': 'MKD',
  'Macedonia, the former Yugoslav Republic of': 'MKD',
  Macedonia: 'MKD',
  'Holy See (Vatican City State)': 'VAT',
  'Vatican City': 'VAT',
  'North Korea': 'PRK',
  'South Korea': 'KOR',
  'Korea, South': 'KOR',
  'Korea, North': 'PRK',
  'Iran, Islamic Republic of': 'IRN',
  Syria: 'SYR',
  Vietnam: 'VNM',
  Laos: 'LAO',
  'Tanzania, United Republic of': 'TZA',
  'Bolivia, Plurinational State of': 'BOL',
  'Venezuela, Bolivarian Republic of': 'VEN',
  'Czech Republic': 'CZE',
  Swaziland: 'SWZ',
  Turkey: 'TUR',
  'Cape Verde': 'CPV',
  Brunei: 'BRN',
  'Brunei Darussalam': 'BRN',
  Micronesia: 'FSM',
  'East Timor': 'TLS',
  'Ivory Coast': 'CIV',
  Burma: 'MMR',
  'Taiwan, Province of China': 'TWN',
  Macau: 'MAC',
  'Libyan Arab Jamahiriya': 'LBY',
  'United States of America': 'USA',
  'United Kingdom of Great Britain and Northern Ireland': 'GBR',
  'Great Britain': 'GBR',
  'Bahamas, The': 'BHS',
  'Gambia, The': 'GMB',
  'Saint Kitts-Nevis': 'KNA',
  'Sao Tome and Principe': 'STP',
};

const iso = ISO_3166_ALPHA3;

/** Normalised name -> ISO code, from every source; a name two sources give different codes is an error. */
const names = new Map<string, string>();
function addName(name: string, code: string, from: string): void {
  if (!(code in iso)) throw new Error(`${from}: ${code} (${name}) is not ISO 3166-1 alpha-3`);
  const key = normalisedName(name);
  const taken = names.get(key);
  if (taken !== undefined && taken !== code) {
    throw new Error(`${from}: "${name}" is ${taken} already, not ${code}`);
  }
  names.set(key, code);
}

for (const [code, name] of Object.entries(iso)) addName(name, code, 'ISO 3166');

const cameoCountries = csv('cameo_country_codes.gdelt.csv').map((row) => {
  const code = row.cameo_country_code.trim();
  const isoCode = code in iso ? code : (CAMEO_OVERRIDES[code] ?? null);
  return { code, name: row.country_name.trim(), iso: isoCode };
});
for (const c of cameoCountries) if (c.iso && c.code === c.iso) addName(c.name, c.iso, 'CAMEO');
for (const [name, code] of Object.entries(NAME_OVERRIDES)) addName(name, code, 'override');

const fipsCountries = csv('fips_country_codes.gdelt.csv').map((row) => {
  const code = row.fips_country_code.trim();
  const name = row.country_name.trim();
  return { code, name, iso: FIPS_OVERRIDES[code] ?? names.get(normalisedName(name)) ?? null };
});
for (const f of fipsCountries)
  if (f.iso && !(f.code in FIPS_OVERRIDES)) addName(f.name, f.iso, 'FIPS');

/** GDELT's state-organ actor types, and the role each gives the state it acts for. */
const STATE_TYPE_ROLES: Readonly<Record<string, string>> = {
  GOV: 'government',
  MIL: 'military',
  SPY: 'intelligence',
  JUD: 'judiciary',
  LEG: 'legislature',
  COP: 'police',
};
const actorTypes = csv('cameo_actor_type_codes.gdelt.csv').map((row) => ({
  code: row.a_type_code.trim(),
  name: row.a_type_desc.trim(),
  role: STATE_TYPE_ROLES[row.a_type_code.trim()] ?? null,
}));
for (const code of Object.keys(STATE_TYPE_ROLES)) {
  if (!actorTypes.some((t) => t.code === code)) throw new Error(`actor type ${code} is not listed`);
}

/** One entry a line: a table reads as a table, and a changed code is a one-line diff. */
const rows = (entries: readonly unknown[]) =>
  `[\n${entries.map((entry) => `  ${JSON.stringify(entry)},`).join('\n')}\n]`;

function write(file: string, lines: readonly string[], body: string): void {
  const header = [
    '// Generated by scripts/derive-crosswalks.ts: do not edit by hand, run the script again.',
    ...lines.map((line) => `// ${line}`),
    '',
  ].join('\n');
  writeFileSync(join(out, file), `${header}${body}`);
}

write(
  'cameo-countries.data.ts',
  [
    'CAMEO actor country codes -> ISO 3166-1 alpha-3 (null: a region, not a state). Source: GDELT lookup',
    'cameo_country.std.csv of cuckookernel/factored-datathon-2024-sinapsis @ b07b5a597a7c, with the overrides',
    'in the script (CAMEO exceptions ROM, TMP, MTN...). Licence: GDELT lookup, free with attribution.',
  ],
  `// prettier-ignore\nexport const CAMEO_COUNTRIES: readonly { code: string; name: string; iso: string | null }[] = ${rows(cameoCountries)};\n`,
);

write(
  'fips-countries.data.ts',
  [
    "FIPS 10-4 country codes (GDELT's geographic fields) -> ISO 3166-1 alpha-3 (null: no state, e.g. oceans).",
    'Source: GDELT lookup fips_country.std.csv of cuckookernel/factored-datathon-2024-sinapsis @ b07b5a597a7c,',
    'matched by name, with the overrides in the script. Licence: GDELT lookup, free with attribution.',
  ],
  `// prettier-ignore\nexport const FIPS_COUNTRIES: readonly { code: string; name: string; iso: string | null }[] = ${rows(fipsCountries)};\n`,
);

write(
  'country-names.data.ts',
  [
    'Country names (normalised: lower case, no accents or punctuation) -> ISO 3166-1 alpha-3, for ICEWS,',
    'whose country fields are names. From the ISO 3166 names of @entente/domain, the CAMEO and FIPS lookups',
    'above, and the ICEWS spellings listed in the script (as in andybega/icews, MIT).',
  ],
  `// prettier-ignore\nexport const COUNTRY_NAMES: Readonly<Record<string, string>> = {\n${[
    ...names,
  ]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, code]) => `  ${JSON.stringify(name)}: ${JSON.stringify(code)},`)
    .join('\n')}\n};\n`,
);

write(
  'cameo-actor-types.data.ts',
  [
    'CAMEO actor type codes, and the role of the state organs among them (null: not a state organ).',
    'Source: GDELT lookup cameo_actor_type.std.csv of cuckookernel/factored-datathon-2024-sinapsis @',
    'b07b5a597a7c. Licence: GDELT lookup, free with attribution.',
  ],
  `import type { ActorRole } from '@entente/domain';\n\n// prettier-ignore\nexport const CAMEO_ACTOR_TYPES: readonly { code: string; name: string; role: ActorRole | null }[] = ${rows(actorTypes)};\n`,
);

process.stdout.write(
  `${cameoCountries.length} CAMEO countries, ${fipsCountries.length} FIPS codes, ${names.size} country names, ` +
    `${actorTypes.length} actor types -> ${out}\n`,
);
