import { CAMEO_CODES, type SourceInput } from '@entente/domain';
import { countryOfFips } from '../../crosswalk/countries.crosswalk';
import { typeOfCameo } from '../../crosswalk/event-types.crosswalk';
import { cameoCoding, codedFact } from '../../pipeline/coded-fact';
import { skip, type RowOutcome } from '../../pipeline/row-outcome';
import { compactDate, compactInstant, countOr, inRange, numberOr } from '../../pipeline/row-values';
import { gdeltSide } from './gdelt-actor';
import { ACTOR1, ACTOR2, EVENT, actionGeo, gdeltLayout, type GdeltLayout } from './gdelt-layout';

/** GDELT's own citation, for backfile rows, which carry no source URL. */
export const GDELT_DATA: SourceInput = {
  kind: 'document',
  outlet: 'GDELT',
  url: 'https://www.gdeltproject.org/data.html',
};

/** One GDELT event row (1.0 backfile, 1.0 daily or 2.0, by its column count) as a fact, or why not. */
export function mapGdeltRow(fields: readonly string[]): RowOutcome {
  const layout = gdeltLayout(fields.length);
  if (!layout) {
    return skip(
      'malformed',
      `${fields.length} columns: GDELT rows have 57 (1.0 backfile), 58 (1.0) or 61 (2.0)`,
    );
  }
  const id = fields[EVENT.id].trim();
  const occurredAt = compactDate(fields[EVENT.sqlDate]);
  if (!/^\d+$/.test(id) || occurredAt === null) {
    return skip('malformed', `GLOBALEVENTID ${id || '?'}, SQLDATE ${fields[EVENT.sqlDate] || '?'}`);
  }
  const code = fields[EVENT.code].trim();
  const entry = CAMEO_CODES.get(code);
  const mapping = entry ? typeOfCameo(code) : undefined;
  if (!entry || !mapping) return skip('unmapped-code', `CAMEO ${code || '(none)'}`);
  const goldstein = numberOr(fields[EVENT.goldstein]);
  const tone = numberOr(fields[EVENT.tone]);
  if (goldstein === undefined || tone === undefined) {
    return skip(
      'malformed',
      `GoldsteinScale ${fields[EVENT.goldstein]}, AvgTone ${fields[EVENT.tone]}`,
    );
  }
  const quad = Number(fields[EVENT.quadClass]);
  const geo = locationOf(fields, layout);
  return codedFact({
    key: [layout.version === 'v2' ? 'v2' : 'v1', id],
    actors: [gdeltSide(fields, ACTOR1)],
    targets: [gdeltSide(fields, ACTOR2)],
    occurredAt,
    reportedAt: reportedAt(fields, layout, occurredAt),
    mapping,
    label: entry.name,
    sources: [sourceOf(fields, layout)],
    coding: {
      ...cameoCoding('gdelt', id, entry, { value: goldstein, scale: 'gdelt' }),
      quadClass: quad === 1 || quad === 2 || quad === 3 || quad === 4 ? quad : entry.quadClass,
      mentions: countOr(fields[EVENT.mentions]),
      sourcesCount: countOr(fields[EVENT.sources]),
      articles: countOr(fields[EVENT.articles]),
      tone: inRange(tone, -100, 100),
      location: geo,
    },
    place: geo?.name ?? null,
  });
}

/**
 * DATEADDED is when GDELT first saw the event: to the second in 2.0, the day in 1.0. The backfile's is
 * when GDELT processed its archive in 2013, not when the world learned of a 1982 event: the event date
 * stands in. Never before the event's own day.
 */
function reportedAt(
  fields: readonly string[],
  layout: GdeltLayout,
  occurredAt: string,
): string | null {
  if (layout.version === 'backfile') return null;
  const added = fields[layout.dateAdded];
  const value = layout.version === 'v2' ? compactInstant(added) : compactDate(added);
  return value !== null && value.slice(0, 10) >= occurredAt ? value : null;
}

function sourceOf(fields: readonly string[], layout: GdeltLayout): SourceInput {
  const text = layout.sourceUrl === null ? '' : (fields[layout.sourceUrl] ?? '').trim();
  if (text === '') return GDELT_DATA;
  const publishedAt = compactDate(fields[layout.dateAdded]?.slice(0, 8));
  if (/^https?:\/\/\S+$/i.test(text) && text.length <= 2000) {
    return { kind: 'news-report', url: text, publishedAt };
  }
  return { kind: 'news-report', outlet: text.slice(0, 200), publishedAt };
}

/** ActionGeo: type, full name, FIPS country, ADM1, [ADM2], lat, long, feature id. */
function locationOf(fields: readonly string[], layout: GdeltLayout) {
  const first = actionGeo(layout);
  if ((fields[first] ?? '').trim() === '' || fields[first].trim() === '0') return null;
  const name = (fields[first + 1] ?? '').trim();
  const fips = (fields[first + 2] ?? '').trim();
  const latAt = first + (layout.geoWidth === 8 ? 5 : 4);
  return {
    name: name === '' ? null : name.slice(0, 200),
    country: fips === '' ? null : countryOfFips(fips),
    lat: inRange(numberOr(fields[latAt]), -90, 90),
    lon: inRange(numberOr(fields[latAt + 1]), -180, 180),
  };
}
