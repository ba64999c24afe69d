import { CAMEO_CODES, type SourceInput } from '@entente/domain';
import { countryNamed } from '../../crosswalk/countries.crosswalk';
import { typeOfCameo } from '../../crosswalk/event-types.crosswalk';
import { cameoCoding, codedFact } from '../../pipeline/coded-fact';
import { skip, type RowOutcome } from '../../pipeline/row-outcome';
import { countOr, inRange, numberOr } from '../../pipeline/row-values';
import { icewsSide } from './icews-actor';
import type { IcewsRow } from './icews-columns';

/** ICEWS's own citation, for rows that name no publisher. */
export const ICEWS_DATAVERSE: SourceInput = {
  kind: 'document',
  outlet: 'ICEWS',
  url: 'https://doi.org/10.7910/DVN/28075',
};

const DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})$/;

/** One ICEWS row as a fact between two states (or a state and a body), or why not. */
export function mapIcewsRow(row: IcewsRow): RowOutcome {
  const id = row('Event ID');
  const date = DATE.exec(row('Event Date') ?? '');
  if (id === null || !date)
    return skip('malformed', `event id ${id ?? '?'}, date ${row('Event Date') ?? '?'}`);
  const occurredAt = `${date[1]}-${date[2]}-${date[3]}`;
  const code = row('CAMEO Code');
  const entry = code === null ? undefined : CAMEO_CODES.get(code);
  const eventText = row('Event Text') ?? '';
  const mapping = entry && code ? typeOfCameo(code, eventText, entry.name) : undefined;
  if (!entry || !mapping) return skip('unmapped-code', `CAMEO ${code ?? '(none)'}`);
  const intensity = numberOr(row('Intensity'));
  if (intensity === undefined) return skip('malformed', `Intensity ${row('Intensity')}`);
  const publisher = row('Publisher');
  const story = row('Story ID');
  return codedFact({
    key: [id, occurredAt],
    actors: [icewsSide(row('Source Name'), row('Source Sectors'), row('Source Country'))],
    targets: [icewsSide(row('Target Name'), row('Target Sectors'), row('Target Country'))],
    occurredAt,
    reportedAt: null,
    mapping,
    label: eventText || entry.name,
    sources: [
      publisher
        ? { kind: 'news-report', outlet: publisher.slice(0, 200), publishedAt: occurredAt }
        : ICEWS_DATAVERSE,
    ],
    coding: {
      ...cameoCoding('icews', id, entry, { value: intensity, scale: 'icews' }),
      location: locationOf(row),
      sentence: story ? { story, sentence: countOr(row('Sentence Number')) } : null,
    },
    place: placeOf(row),
  });
}

function locationOf(row: IcewsRow) {
  const country = row('Country');
  const lat = inRange(numberOr(row('Latitude')), -90, 90);
  const lon = inRange(numberOr(row('Longitude')), -180, 180);
  const name = placeOf(row);
  if (name === null && lat === null && lon === null) return null;
  const found = country ? countryNamed(country) : null;
  return {
    name,
    country: found?.kind === 'state' && found.code !== 'XKX' ? found.code : null,
    lat,
    lon,
  };
}

function placeOf(row: IcewsRow): string | null {
  const parts = [row('City'), row('District'), row('Province'), row('Country')].filter(
    (p): p is string => p !== null,
  );
  return parts.length > 0 ? parts.join(', ').slice(0, 200) : null;
}
