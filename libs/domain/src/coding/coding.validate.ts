import { isIsoCountry } from '../actors/actor-code.value';
import { isPresent, type Issues } from '../recording/issues';
import { LIMITS } from '../events/fact-limits';
import type { CodingInput } from '../recording/record-event.input';
import { CODING_SCHEMES, GOLDSTEIN_SCALES, isCodeOf } from './coding.tables';
import type {
  CodedLocation,
  CodedSentence,
  Coding,
  CodingScheme,
  Goldstein,
  GoldsteinScale,
  QuadClass,
} from './coding.types';

const DATASET = new RegExp(`^[a-z0-9][a-z0-9_-]{0,${LIMITS.dataset - 1}}$`);
const VOCABULARY = new RegExp(`^[a-z0-9][a-z0-9_-]{0,${LIMITS.vocabulary - 1}}$`);
const MAX_CONTEXTS = LIMITS.contexts;
const MAX_COUNT = 1_000_000_000;
const FIELDS: readonly (keyof CodingInput)[] = [
  'dataset',
  'externalId',
  'scheme',
  'code',
  'mode',
  'context',
  'goldstein',
  'quadClass',
  'mentions',
  'sourcesCount',
  'articles',
  'tone',
  'location',
  'sentence',
  'crosswalk',
];

/** Checks a fact's coding field by field (ranges, codes that exist in the scheme named), or null if none. */
export function validateCoding(input: unknown, issues: Issues): Coding | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'object' || Array.isArray(input)) {
    issues.add('coding', 'must be an object: { dataset, externalId?, scheme?, code?, ... }');
    return null;
  }
  const coding = input as CodingInput;
  for (const field of Object.keys(coding)) {
    if (!FIELDS.includes(field as keyof CodingInput))
      issues.add(`coding.${field}`, 'is not a coding field');
  }
  const dataset = coding.dataset;
  if (typeof dataset !== 'string' || !DATASET.test(dataset)) {
    issues.add('coding.dataset', 'is required: a lowercase slug such as icews, gdelt or polecat');
  }
  return {
    dataset: dataset as string,
    externalId: text(coding.externalId, 'coding.externalId', LIMITS.externalId, issues),
    ...schemeAndCode(coding, issues),
    mode: vocabulary(coding.mode, 'coding.mode', issues),
    context: contexts(coding.context, issues),
    goldstein: goldstein(coding.goldstein, issues),
    quadClass: quadClass(coding.quadClass, issues),
    mentions: count(coding.mentions, 'coding.mentions', issues),
    sourcesCount: count(coding.sourcesCount, 'coding.sourcesCount', issues),
    articles: count(coding.articles, 'coding.articles', issues),
    tone: inRange(coding.tone, 'coding.tone', -100, 100, issues),
    location: location(coding.location, issues),
    sentence: sentence(coding.sentence, issues),
    crosswalk: text(coding.crosswalk, 'coding.crosswalk', LIMITS.crosswalk, issues),
  };
}

function schemeAndCode(
  coding: CodingInput,
  issues: Issues,
): { scheme: CodingScheme | null; code: string | null } {
  const { scheme, code } = coding;
  if (!isPresent(scheme)) {
    if (isPresent(code))
      issues.add('coding.scheme', `is required with a code: ${CODING_SCHEMES.join(' or ')}`);
    return { scheme: null, code: null };
  }
  if (!CODING_SCHEMES.includes(scheme as CodingScheme)) {
    issues.add('coding.scheme', `must be ${CODING_SCHEMES.join(' or ')}`);
    return { scheme: null, code: null };
  }
  const named = scheme as CodingScheme;
  if (!isPresent(code)) {
    issues.add('coding.code', `is required with a scheme: a ${named} code`);
    return { scheme: named, code: null };
  }
  if (typeof code !== 'string' || !isCodeOf(named, code)) {
    const hint = named === 'CAMEO' ? 'keep leading zeros, e.g. 0214' : 'e.g. SANCTION, CONSULT';
    issues.add('coding.code', `${String(code)} is not a ${named} code (${hint})`);
  }
  return { scheme: named, code: code as string };
}

function goldstein(input: CodingInput['goldstein'], issues: Issues): Goldstein | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'object') {
    issues.add('coding.goldstein', 'must be { value, scale }: a score always names its scale');
    return null;
  }
  const value = inRange(input.value, 'coding.goldstein.value', -10, 10, issues);
  if (value === null) issues.add('coding.goldstein.value', 'is required: a score from -10 to 10');
  if (!GOLDSTEIN_SCALES.includes(input.scale as GoldsteinScale)) {
    issues.add(
      'coding.goldstein.scale',
      `must be ${GOLDSTEIN_SCALES.join(' or ')}: the tables differ`,
    );
  }
  return { value: value as number, scale: input.scale as GoldsteinScale };
}

function quadClass(input: unknown, issues: Issues): QuadClass | null {
  if (!isPresent(input)) return null;
  if (input !== 1 && input !== 2 && input !== 3 && input !== 4) {
    issues.add(
      'coding.quadClass',
      'must be 1, 2, 3 or 4 (verbal/material cooperation, verbal/material conflict)',
    );
  }
  return input as QuadClass;
}

function location(input: CodingInput['location'], issues: Issues): CodedLocation | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'object') {
    issues.add('coding.location', 'must be { name?, country?, lat?, lon? }');
    return null;
  }
  const country = input.country;
  if (isPresent(country) && (typeof country !== 'string' || !isIsoCountry(country))) {
    issues.add('coding.location.country', 'must be an ISO 3166-1 alpha-3 code');
  }
  return {
    name: text(input.name, 'coding.location.name', LIMITS.text, issues),
    country: country ?? null,
    lat: inRange(input.lat, 'coding.location.lat', -90, 90, issues),
    lon: inRange(input.lon, 'coding.location.lon', -180, 180, issues),
  };
}

function sentence(input: CodingInput['sentence'], issues: Issues): CodedSentence | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'object') {
    issues.add('coding.sentence', 'must be { story, sentence? }');
    return null;
  }
  const story = text(input.story, 'coding.sentence.story', LIMITS.story, issues);
  if (story === null) issues.add('coding.sentence.story', 'is required: the story id');
  return {
    story: story as string,
    sentence: count(input.sentence, 'coding.sentence.sentence', issues),
  };
}

function contexts(input: unknown, issues: Issues): string[] {
  if (!isPresent(input)) return [];
  if (!Array.isArray(input)) {
    issues.add('coding.context', 'must be a list of PLOVER contexts');
    return [];
  }
  if (input.length > MAX_CONTEXTS) issues.add('coding.context', `at most ${MAX_CONTEXTS}`);
  input.forEach((entry: unknown, i) => vocabulary(entry, `coding.context[${i}]`, issues));
  return input as string[];
}

function vocabulary(input: unknown, field: string, issues: Issues): string | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'string' || !VOCABULARY.test(input)) {
    issues.add(field, 'must be a lowercase word such as withdraw or intelligence');
  }
  return input as string;
}

function text(input: unknown, field: string, max: number, issues: Issues): string | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'string' || input.trim() === '') {
    issues.add(field, 'must be a non-empty string when given');
  } else if (input.length > max) issues.add(field, `at most ${max} characters`);
  return input as string;
}

function count(input: unknown, field: string, issues: Issues): number | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'number' || !Number.isInteger(input) || input < 0 || input > MAX_COUNT) {
    issues.add(field, 'must be a whole number from 0');
  }
  return input as number;
}

function inRange(
  input: unknown,
  field: string,
  min: number,
  max: number,
  issues: Issues,
): number | null {
  if (!isPresent(input)) return null;
  if (typeof input !== 'number' || !Number.isFinite(input) || input < min || input > max) {
    issues.add(field, `must be a number from ${min} to ${max}`);
  }
  return input as number;
}
