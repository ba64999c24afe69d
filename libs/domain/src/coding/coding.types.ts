/**
 * How a machine coder (ICEWS, GDELT, POLECAT...) or a person coded a fact: the dataset's own id, its
 * event code, and the figures analysts aggregate by. Kept with the fact, immutable like the rest of it.
 */
export type CodingScheme = 'CAMEO' | 'PLOVER';

/** The ICEWS and GDELT Goldstein tables disagree on 016, 022, 164, 165 and 1213: a score names its scale. */
export type GoldsteinScale = 'icews' | 'gdelt';

/** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadClass = 1 | 2 | 3 | 4;

export interface Goldstein {
  readonly value: number;
  readonly scale: GoldsteinScale;
}

export interface CodedLocation {
  readonly name: string | null;
  /** ISO 3166-1 alpha-3 (a coder's FIPS or CAMEO code is converted by the importer). */
  readonly country: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
}

/** Where in its source a coder found the fact (ICEWS Story ID and Sentence Number). */
export interface CodedSentence {
  readonly story: string;
  readonly sentence: number | null;
}

export interface Coding {
  /** A lowercase slug: icews, gdelt, polecat, acled, or a user's own. */
  readonly dataset: string;
  /** The dataset's own event id. */
  readonly externalId: string | null;
  readonly scheme: CodingScheme | null;
  /** A code of `scheme`: CAMEO keeps its leading zeros (`0214`), PLOVER is an event type (`SANCTION`). */
  readonly code: string | null;
  /** PLOVER's mode and contexts, where known. */
  readonly mode: string | null;
  readonly context: readonly string[];
  readonly goldstein: Goldstein | null;
  readonly quadClass: QuadClass | null;
  readonly mentions: number | null;
  readonly sourcesCount: number | null;
  readonly articles: number | null;
  readonly tone: number | null;
  readonly location: CodedLocation | null;
  readonly sentence: CodedSentence | null;
  /** The version of the crosswalk that mapped the row, so that a later one can be re-applied. */
  readonly crosswalk: string | null;
}

export interface CameoCode {
  readonly code: string;
  readonly name: string;
  /** Null where a table has no score for the code (GDELT's lacks 1213). */
  readonly goldstein: { readonly icews: number | null; readonly gdelt: number | null };
  readonly quadClass: QuadClass;
  /** The PLOVER event type (with mode and contexts where the crosswalk names them). */
  readonly plover: {
    readonly event: string;
    readonly mode: string | null;
    readonly context: readonly string[];
  } | null;
}

export interface PloverEvent {
  readonly event: string;
  readonly quadClass: number;
  /** How many CAMEO codes map to it: the weight behind its quad class. */
  readonly cameoCodes: number;
}
