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
