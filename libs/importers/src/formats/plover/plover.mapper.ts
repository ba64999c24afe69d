import { PLOVER_EVENTS, quadClassOf, type SourceInput } from '@entente/domain';
import { countryNamed } from '../../crosswalk/countries.crosswalk';
import { typeOfPlover } from '../../crosswalk/event-types.crosswalk';
import { codedFact } from '../../pipeline/coded-fact';
import { skip, type RowOutcome } from '../../pipeline/row-outcome';
import { inRange, numberOr } from '../../pipeline/row-values';
import { ploverSide } from './plover-entity';

type Json = Record<string, unknown>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** A field PLOVER allows as one value or a list ("event", "mode", "context"; contexts also "a; b"). */
function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .flatMap((v) => (typeof v === 'string' ? v.split(/[;,]/) : []))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function entities(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** PLOVER 0.5's event types (the gold standard records) that later versions folded into others. */
const EARLIER_EVENTS: Readonly<Record<string, { event: string; mode: string | null }>> = {
  DEMAND: { event: 'REQUEST', mode: null },
  DISAPPROVE: { event: 'ACCUSE', mode: 'disapprove' },
  INVESTIGATE: { event: 'ACCUSE', mode: 'investigate' },
  FIGHT: { event: 'ASSAULT', mode: null },
};

/**
 * One PLOVER/POLECAT record (manual 2.0 fields; the 0.5 gold standard's `source`/`target` too) as a fact.
 * Several actors with no recipient are PLOVER's reciprocal events (both sides met): each acts on the others.
 */
export function mapPloverRecord(record: unknown, dataset: string): RowOutcome {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return skip('malformed', 'a record must be a JSON object');
  }
  const r = record as Json;
  const id = typeof r.id === 'number' ? String(r.id) : text(r.id);
  const given = list(r.event)[0] ?? null;
  if (r.has_event === false || given === 'DOCUMENT') return skip('not-an-event', id ?? '?');
  const earlier = given ? EARLIER_EVENTS[given] : undefined;
  const event = earlier?.event ?? given;
  const date = text(r.date);
  if (id === null || date === null || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return skip('malformed', `id ${id ?? '?'}, date ${date ?? '?'}`);
  }
  if (event === null || !PLOVER_EVENTS.has(event))
    return skip('unmapped-code', `PLOVER ${event ?? '(none)'}`);
  const mode = list(r.mode)[0] ?? earlier?.mode ?? null;
  const context = list(r.context);
  const sentence = text(r.text) ?? text(r.eventText) ?? text(list(r.event_text)[0]);
  const mapping = typeOfPlover(event, mode, context, sentence ?? '');
  if (!mapping) return skip('unmapped-code', `PLOVER ${event}`);
  const actors = entities(r.actor ?? r.source).map(ploverSide);
  const recipients = entities(r.recipient ?? r.target).map(ploverSide);
  const quad = Number(r.quad_code);
  return codedFact({
    key: [id],
    actors,
    targets: recipients.length === 0 && actors.length > 1 ? actors : recipients,
    occurredAt: date,
    reportedAt: null,
    mapping,
    label: sentence ? sentence.slice(0, 500) : [event, mode].filter(Boolean).join(' '),
    sources: [sourceOf(r, dataset)],
    coding: {
      dataset,
      externalId: id,
      scheme: 'PLOVER',
      code: event,
      mode,
      context,
      goldstein: null,
      quadClass:
        quad === 1 || quad === 2 || quad === 3 || quad === 4 ? quad : quadClassOf('PLOVER', event),
      mentions: null,
      sourcesCount: null,
      articles: null,
      tone: null,
      location: locationOf(r.event_loc),
      sentence: null,
    },
    place: placeOf(r.event_loc),
  });
}

function sourceOf(r: Json, dataset: string): SourceInput {
  const cite = (typeof r.cite_info === 'object' && r.cite_info !== null ? r.cite_info : {}) as Json;
  const url = text(cite.url) ?? text(r.link);
  const outlet =
    text(cite.title) ?? text(cite.corpus) ?? text(r.publication) ?? dataset.toUpperCase();
  return url && /^https?:\/\/\S+$/i.test(url) && url.length <= 2000
    ? { kind: 'news-report', url, outlet: outlet.slice(0, 200) }
    : { kind: 'document', outlet: outlet.slice(0, 200) };
}

function locationOf(value: unknown) {
  if (typeof value !== 'object' || value === null) return null;
  const loc = value as Json;
  const country = text(loc.country) ?? text(loc.country_name) ?? text(loc.countryName);
  const found = country ? countryNamed(country) : null;
  return {
    name: placeOf(value),
    country: found?.kind === 'state' && found.code !== 'XKX' ? found.code : null,
    lat: inRange(numberOr(String(loc.lat ?? '')), -90, 90),
    lon: inRange(numberOr(String(loc.lon ?? loc.lng ?? '')), -180, 180),
  };
}

function placeOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const loc = value as Json;
  const name = text(loc.name) ?? text(loc.placename) ?? text(loc.geonamesName);
  return name ? name.slice(0, 200) : null;
}
