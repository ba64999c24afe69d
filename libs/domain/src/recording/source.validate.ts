import { isKnownActor, type ActorLookup } from '../actors/actor-code.value';
import {
  SOURCE_KINDS,
  type Figure,
  type Source,
  type SourceKind,
  type Speaker,
} from '../events/event-data.types';
import { tryParseOccurredAt } from '../events/occurred-at.value';
import { isNonEmptyString, isPresent, type Issues } from './issues';
import { LIMITS } from '../events/fact-limits';
import type { FigureInput, SourceInput, SpeakerInput } from './record-event.input';

export const MAX_SOURCES = LIMITS.sources;
const MAX_TEXT = LIMITS.text;
const MAX_QUOTE = LIMITS.quote;

export function validateSources(
  input: unknown,
  required: boolean,
  now: Date,
  issues: Issues,
): Source[] {
  if (!isPresent(input) || (Array.isArray(input) && input.length === 0)) {
    if (required) issues.add('sources', 'a state change needs at least one source');
    return [];
  }
  if (!Array.isArray(input)) {
    issues.add('sources', 'must be a list of sources');
    return [];
  }
  if (input.length > MAX_SOURCES) issues.add('sources', `at most ${MAX_SOURCES} sources`);
  return input.map((source: unknown, i) => validateSource(source, `sources[${i}]`, now, issues));
}

function validateSource(input: unknown, field: string, now: Date, issues: Issues): Source {
  const source = (typeof input === 'object' && input !== null ? input : {}) as SourceInput;
  if (typeof input !== 'object' || input === null) issues.add(field, 'must be an object');
  const kind = source.kind;
  if (!SOURCE_KINDS.includes(kind as SourceKind)) {
    issues.add(`${field}.kind`, `must be one of ${SOURCE_KINDS.join(', ')}`);
  }
  const url = optionalText(source.url, `${field}.url`, LIMITS.url, issues);
  if (url !== null && !isWebUrl(url)) issues.add(`${field}.url`, 'must be an http(s) URL');
  const outlet = optionalText(source.outlet, `${field}.outlet`, MAX_TEXT, issues);
  if (url === null && outlet === null && typeof input === 'object' && input !== null) {
    issues.add(field, 'needs a url or an outlet, so that it can be traced');
  }
  let publishedAt: string | null = null;
  if (isPresent(source.publishedAt)) {
    const parsed = tryParseOccurredAt(source.publishedAt, now);
    if (parsed.ok) publishedAt = parsed.value.value;
    else issues.add(`${field}.publishedAt`, parsed.message);
  }
  const quote = optionalText(source.quote, `${field}.quote`, MAX_QUOTE, issues);
  return { kind: kind as SourceKind, url, outlet, publishedAt, quote };
}

export function validateSpeaker(
  input: unknown,
  required: boolean,
  registered: ActorLookup,
  issues: Issues,
): Speaker | null {
  if (!isPresent(input)) {
    if (required)
      issues.add(
        'speaker',
        'is required: an actor code, { code } or { name, office?, affiliation? }',
      );
    return null;
  }
  // A registered speaker may be written as its code or as { code }, the form every answer returns.
  const code =
    typeof input === 'string'
      ? input
      : typeof input === 'object' && input !== null && 'code' in input
        ? (input as { code: unknown }).code
        : undefined;
  if (code !== undefined) {
    const extra =
      typeof input === 'object' ? Object.keys(input as object).filter((k) => k !== 'code') : [];
    if (extra.length > 0)
      issues.add('speaker', 'give { code } or { name, office?, affiliation? }, not both');
    if (typeof code !== 'string' || !isKnownActor(code, registered)) {
      issues.add(
        typeof input === 'string' ? 'speaker' : 'speaker.code',
        `unknown actor ${String(code)}: register it first, or describe the speaker inline`,
      );
    }
    return { code: code as string };
  }
  if (typeof input !== 'object') {
    issues.add('speaker', 'must be an actor code, { code } or { name, office?, affiliation? }');
    return null;
  }
  const speaker = input as SpeakerInput;
  if (!isNonEmptyString(speaker.name)) issues.add('speaker.name', 'is required');
  else if (speaker.name.length > MAX_TEXT)
    issues.add('speaker.name', `at most ${MAX_TEXT} characters`);
  const affiliation = speaker.affiliation;
  if (
    isPresent(affiliation) &&
    (typeof affiliation !== 'string' || !isKnownActor(affiliation, registered))
  ) {
    issues.add(
      'speaker.affiliation',
      `unknown actor ${String(affiliation)}: an affiliation is an ISO 3166 code or a registered actor's`,
    );
  }
  return {
    name: typeof speaker.name === 'string' ? speaker.name : '',
    office: optionalText(speaker.office, 'speaker.office', MAX_TEXT, issues),
    affiliation: typeof affiliation === 'string' ? affiliation : null,
  };
}

export function validateFigure(input: unknown, now: Date, issues: Issues): Figure | undefined {
  if (!isPresent(input) || typeof input !== 'object') {
    issues.add('figure', 'is required for FigureCited: { value, unit, description, period? }');
    return undefined;
  }
  const figure = input as FigureInput;
  if (typeof figure.value !== 'number' || !Number.isFinite(figure.value)) {
    issues.add('figure.value', 'must be a finite number');
  }
  if (!isNonEmptyString(figure.unit)) issues.add('figure.unit', 'is required (e.g. percent)');
  if (!isNonEmptyString(figure.description)) issues.add('figure.description', 'is required');
  let period: Figure['period'] = null;
  if (isPresent(figure.period)) {
    const from = tryParseOccurredAt(figure.period.from, now);
    const to = tryParseOccurredAt(figure.period.to, now);
    if (!from.ok) issues.add('figure.period.from', from.message);
    if (!to.ok) issues.add('figure.period.to', to.message);
    if (from.ok && to.ok) {
      if (from.value.start > to.value.start) issues.add('figure.period', 'from is after to');
      period = { from: from.value.value, to: to.value.value };
    }
  }
  return {
    value: figure.value as number,
    unit: figure.unit as string,
    description: figure.description as string,
    period,
  };
}

export function optionalText(
  input: unknown,
  field: string,
  max: number,
  issues: Issues,
): string | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'string' || input.trim() === '') {
    issues.add(field, 'must be a non-empty string when given');
    return null;
  }
  if (input.length > max) issues.add(field, `at most ${max} characters`);
  return input;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
