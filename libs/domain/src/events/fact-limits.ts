/**
 * Every bound on what a fact may hold, in one place: the domain enforces them and the API documents them
 * from here, so that the OpenAPI document and the answers never disagree.
 */
export const LIMITS = {
  /** Characters of a summary. */
  summary: 2000,
  conditions: 20,
  condition: 500,
  /** Actors, or targets, of one fact. */
  parties: 50,
  actorCode: 40,
  channel: 40,
  /** A date in occurredAt forms (an instant with nanoseconds and an offset is 35). */
  date: 40,
  sources: 20,
  url: 2000,
  /** Outlets, names, offices, affiliations, locations in words, units. */
  text: 200,
  quote: 5000,
  reason: 2000,
  figureDescription: 2000,
  eventType: 60,
  /** Coding: dataset slugs, vocabulary words (modes, contexts), ids. */
  dataset: 40,
  vocabulary: 60,
  contexts: 10,
  externalId: 200,
  code: 20,
  story: 100,
  crosswalk: 100,
  /** Facts in one `POST /v1/events/batch`. */
  batch: 500,
} as const;
