/**
 * INTERIM, deleted when issue 12 lands on main: the types of contract-12 (report data v3 and the
 * `@entente/recording` write path) that the importers code against, copied from the contract so that the
 * mapping can be built and tested first. Everything else imports them from here, so that the merge
 * replaces this one file with re-exports from `@entente/domain` and `@entente/recording`.
 */
import type { RecordEventInput as RecordEventInputV2, RegisterActorInput } from '@entente/domain';

export type ActorRole =
  | 'government'
  | 'head-of-state'
  | 'foreign-ministry'
  | 'military'
  | 'intelligence'
  | 'police'
  | 'legislature'
  | 'judiciary'
  | 'diplomatic-mission';

export interface Agent {
  readonly name: string;
  readonly office: string | null;
}

export type CodingScheme = 'CAMEO' | 'PLOVER';
export type GoldsteinScale = 'icews' | 'gdelt';
export type QuadClass = 1 | 2 | 3 | 4;

export interface Coding {
  readonly dataset: string;
  readonly externalId: string | null;
  readonly scheme: CodingScheme | null;
  readonly code: string | null;
  readonly mode: string | null;
  readonly context: readonly string[];
  readonly goldstein: { readonly value: number; readonly scale: GoldsteinScale } | null;
  readonly quadClass: QuadClass | null;
  readonly mentions: number | null;
  readonly sourcesCount: number | null;
  readonly articles: number | null;
  readonly tone: number | null;
  readonly location: {
    readonly name: string | null;
    readonly country: string | null;
    readonly lat: number | null;
    readonly lon: number | null;
  } | null;
  readonly sentence: { readonly story: string; readonly sentence: number | null } | null;
  readonly crosswalk: string | null;
}

export type Evidence = 'curated' | 'machine-coded';

export interface RecordEventInput extends RecordEventInputV2 {
  readonly evidence?: Evidence | null;
  readonly reportedAt?: string | null;
  readonly coding?: Coding | null;
  readonly actorRole?: ActorRole | null;
  readonly targetRole?: ActorRole | null;
  readonly actorAgent?: Agent | null;
  readonly targetAgent?: Agent | null;
}

export type { RegisterActorInput };
export type { SourceInput } from '@entente/domain';

export interface RecordMeta {
  readonly recordedBy: string;
  readonly correlationId: string;
}

export interface Recorded {
  readonly eventId: string;
  readonly type: string;
  readonly stream: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly alreadyRecorded: boolean;
}

/** What `createRecorder` of `@entente/recording` returns. */
export interface Recorder {
  record(input: RecordEventInput, meta: RecordMeta): Promise<Recorded>;
  recordBatch(inputs: readonly RecordEventInput[], meta: RecordMeta): Promise<Recorded[]>;
  registerActor(input: RegisterActorInput, meta: RecordMeta): Promise<Recorded>;
}

/** The context types schema v3 adds to the catalog. */
export const V3_CONTEXT_TYPES = [
  'MeetingHeld',
  'RequestMade',
  'ProtestLodged',
  'ProposalRejected',
  'ThreatIssued',
  'AgreementSigned',
] as const;
