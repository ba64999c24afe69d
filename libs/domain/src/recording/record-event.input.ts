/**
 * The body of `POST /v1/events`, as a client sends it. Everything is optional to the type system because
 * the validator, not the compiler, decides what a given `type` requires; null counts as absent.
 */
export interface RecordEventInput {
  readonly type: string;
  /** A UUID chosen by the client, for idempotent retries; otherwise the server's id is used. */
  readonly eventId?: string | null;
  /** One actor, or `actors` for several acting together; not both. */
  readonly actor?: string | null;
  readonly actors?: readonly string[] | null;
  readonly target?: string | null;
  readonly targets?: readonly string[] | null;
  /** A lowercase slug; state changes default per type (see the catalog). */
  readonly channel?: string | null;
  /** `2024`, `2024-06`, `2024-06-05` or an ISO instant with an offset. */
  readonly occurredAt?: string | null;
  readonly summary?: string | null;
  readonly conditions?: readonly string[] | null;
  readonly sources?: readonly SourceInput[] | null;
  /** A known actor code, or an inline description of an unnamed speaker. */
  readonly speaker?: string | SpeakerInput | null;
  /** FigureCited. */
  readonly figure?: FigureInput | null;
  /** PolicyAnnounced: the state change announced, and from when (may lie in the future). */
  readonly announcedChange?: string | null;
  readonly effectiveFrom?: string | null;
  /** MilitaryActionReported. */
  readonly location?: string | null;
  /** EventRetracted: the id of the report withdrawn; `reason` is required. */
  readonly retracts?: string | null;
  /** EventCorrected: the id of the report superseded. Content fields given replace the current ones. */
  readonly corrects?: string | null;
  /** EventCorrected: the replacement's type, when the correction changes it. */
  readonly replacementType?: string | null;
  readonly reason?: string | null;
  /** `curated` (the default: a person read the sources) or `machine-coded`. */
  readonly evidence?: string | null;
  /** When first publicly reported, in occurredAt forms; else the earliest source's publishedAt. */
  readonly reportedAt?: string | null;
  readonly coding?: CodingInput | null;
  /** The organ that acted for the actors, and the one acted on (government, military, ...). */
  readonly actorRole?: string | null;
  readonly targetRole?: string | null;
  /** The named person who acted for each side. */
  readonly actorAgent?: AgentInput | null;
  readonly targetAgent?: AgentInput | null;
}

export interface AgentInput {
  readonly name?: string | null;
  readonly office?: string | null;
}

export interface CodingInput {
  readonly dataset?: string | null;
  readonly externalId?: string | null;
  readonly scheme?: string | null;
  readonly code?: string | null;
  readonly mode?: string | null;
  readonly context?: readonly string[] | null;
  readonly goldstein?: { readonly value?: number | null; readonly scale?: string | null } | null;
  readonly quadClass?: number | null;
  readonly mentions?: number | null;
  readonly sourcesCount?: number | null;
  readonly articles?: number | null;
  readonly tone?: number | null;
  readonly location?: {
    readonly name?: string | null;
    readonly country?: string | null;
    readonly lat?: number | null;
    readonly lon?: number | null;
  } | null;
  readonly sentence?: { readonly story?: string | null; readonly sentence?: number | null } | null;
  readonly crosswalk?: string | null;
}

export interface SourceInput {
  readonly kind?: string | null;
  readonly url?: string | null;
  readonly outlet?: string | null;
  readonly publishedAt?: string | null;
  readonly quote?: string | null;
}

export interface SpeakerInput {
  readonly name?: string | null;
  readonly office?: string | null;
  readonly affiliation?: string | null;
}

export interface FigureInput {
  readonly value?: number | null;
  readonly unit?: string | null;
  readonly description?: string | null;
  readonly period?: { readonly from?: string | null; readonly to?: string | null } | null;
}

/** The body of `POST /v1/actors`. */
export interface RegisterActorInput {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly affiliation?: string | null;
  readonly office?: string | null;
}
