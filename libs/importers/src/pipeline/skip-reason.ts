/**
 * Why a row was not stored. Out-of-scope reasons are the rows this backend does not record (relations
 * between governments only); the others are failures: a row that should have been stored and was not,
 * which makes the import exit non-zero.
 */
export const SKIP_REASONS = {
  'non-state-actor': {
    outOfScope: true,
    description: 'a side is not a state organ (civilians, parties, business, media, rebels...)',
  },
  'sub-state-actor': {
    outOfScope: true,
    description: 'a side is a provincial or local government, or a region within a state',
  },
  domestic: { outOfScope: true, description: 'both sides are of the same state' },
  'missing-side': { outOfScope: true, description: 'the row names no actor or no target' },
  region: { outOfScope: true, description: 'a side is a region or grouping, not a state' },
  'unidentified-actor': {
    outOfScope: true,
    description: 'a side is unidentified (no country, "Unspecified Actor")',
  },
  'no-sector': {
    outOfScope: true,
    description: 'a named side has no sector, so nothing says it acts for its state',
  },
  'body-official': {
    outOfScope: true,
    description: 'a side is an official of an international body that the row does not name',
  },
  'ambiguous-affiliation': {
    outOfScope: true,
    description: 'a side is listed both as a state organ and with an international body',
  },
  'unlisted-body': {
    outOfScope: true,
    description: 'a side is an international organization outside the crosswalk of bodies',
  },
  'not-an-event': { outOfScope: true, description: 'the record codes no event (PLOVER DOCUMENT)' },
  duplicate: {
    outOfScope: true,
    description: 'the same row (same id, same content) came earlier in this import: stored once',
  },
  'unmapped-country': { outOfScope: false, description: 'a country the crosswalk does not know' },
  'unmapped-code': { outOfScope: false, description: 'an event code the crosswalk does not know' },
  malformed: { outOfScope: false, description: 'the row cannot be read (columns, dates, numbers)' },
  invalid: { outOfScope: false, description: 'the fact was refused by validation' },
  conflict: {
    outOfScope: false,
    description: 'its id is stored (or earlier in the file) with other content',
  },
} as const;

export type SkipReason = keyof typeof SKIP_REASONS;

export function isOutOfScope(reason: SkipReason): boolean {
  return SKIP_REASONS[reason].outOfScope;
}
