import {
  ACTOR_KINDS,
  ACTOR_ROLES,
  CODING_SCHEMES,
  EVIDENCE_KINDS,
  GOLDSTEIN_SCALES,
  LIMITS,
  SOURCE_KINDS,
} from '@entente/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

/**
 * The shapes of the recording bodies. They check form and bounds (every limit comes from the domain's
 * LIMITS, so the OpenAPI document states what is enforced) and refuse unknown fields; what a type requires,
 * which actors exist and whether dates make sense is the domain's to say, and both are reported together.
 */

const required = { message: ({ property }: { property: string }) => `${property} is required` };

const SPEAKER_FIELDS = ['name', 'office', 'affiliation'];

/** A speaker is a registered actor's code, `{ code }`, or an inline description; nothing else. */
function IsSpeaker(options?: ValidationOptions): PropertyDecorator {
  const short = (v: unknown) => typeof v === 'string' && v.length <= LIMITS.text;
  return ValidateBy(
    {
      name: 'isSpeaker',
      validator: {
        validate: (value: unknown) =>
          short(value) ||
          (typeof value === 'object' &&
            value !== null &&
            !Array.isArray(value) &&
            (Object.keys(value).join() === 'code'
              ? short((value as { code: unknown }).code)
              : Object.entries(value).every(
                  ([k, v]) => SPEAKER_FIELDS.includes(k) && (v === null || short(v)),
                ))),
        defaultMessage: () =>
          `speaker must be an actor code, { code }, or { name, office?, affiliation? } (strings of at most ${LIMITS.text} characters)`,
      },
    },
    options,
  );
}

export class SourceDto {
  /** official-statement, social-media-post, news-report, testimony or document. */
  @IsDefined(required) @IsIn(SOURCE_KINDS) kind!: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.url) url?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.text) outlet?: string;
  /** Same forms as occurredAt. */
  @IsOptional() @IsString() @MaxLength(LIMITS.date) publishedAt?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.quote) quote?: string;
}

export class FigurePeriodDto {
  @IsOptional() @IsString() @MaxLength(LIMITS.date) from?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.date) to?: string;
}

export class FigureDto {
  @IsDefined(required) @IsNumber() value!: number;
  @IsDefined(required) @IsString() @MaxLength(LIMITS.text) unit!: string;
  @IsDefined(required) @IsString() @MaxLength(LIMITS.figureDescription) description!: string;
  @IsOptional() @ValidateNested() @Type(() => FigurePeriodDto) period?: FigurePeriodDto;
}

export class GoldsteinDto {
  /** From -10 (most conflictual) to 10. */
  @IsDefined(required) @IsNumber() value!: number;
  /** `icews` or `gdelt`: the two tables differ on 016, 022, 164, 165 and 1213. */
  @IsDefined(required) @IsIn(GOLDSTEIN_SCALES) scale!: string;
}

export class CodedLocationDto {
  @IsOptional() @IsString() @MaxLength(LIMITS.text) name?: string;
  /** ISO 3166-1 alpha-3. */
  @IsOptional() @IsString() @MaxLength(3) country?: string;
  @IsOptional() @IsNumber() lat?: number;
  @IsOptional() @IsNumber() lon?: number;
}

export class CodedSentenceDto {
  /** The story id (ICEWS Story ID). */
  @IsDefined(required) @IsString() @MaxLength(LIMITS.story) story!: string;
  @IsOptional() @IsInt() sentence?: number;
}

/** How a coder (or a person) coded the fact; every field but `dataset` is optional. */
export class CodingDto {
  /** A lowercase slug: icews, gdelt, polecat, acled, or your own. */
  @IsDefined(required) @IsString() @MaxLength(LIMITS.dataset) dataset!: string;
  /** The dataset's own event id. */
  @IsOptional() @IsString() @MaxLength(LIMITS.externalId) externalId?: string;
  @IsOptional() @IsIn(CODING_SCHEMES) scheme?: string;
  /** A code of `scheme`: CAMEO `1621` (leading zeros kept) or PLOVER `SANCTION`. */
  @IsOptional() @IsString() @MaxLength(LIMITS.code) code?: string;
  /** PLOVER's mode, where known. */
  @IsOptional() @IsString() @MaxLength(LIMITS.vocabulary) mode?: string;
  /** PLOVER's contexts, where known. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.contexts)
  @IsString({ each: true })
  @MaxLength(LIMITS.vocabulary, { each: true })
  context?: string[];
  @IsOptional() @ValidateNested() @Type(() => GoldsteinDto) goldstein?: GoldsteinDto;
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  @IsOptional() @IsInt() quadClass?: number;
  @IsOptional() @IsInt() mentions?: number;
  @IsOptional() @IsInt() sourcesCount?: number;
  @IsOptional() @IsInt() articles?: number;
  /** From -100 to 100. */
  @IsOptional() @IsNumber() tone?: number;
  @IsOptional() @ValidateNested() @Type(() => CodedLocationDto) location?: CodedLocationDto;
  @IsOptional() @ValidateNested() @Type(() => CodedSentenceDto) sentence?: CodedSentenceDto;
  /** The version of the crosswalk that mapped an imported row. */
  @IsOptional() @IsString() @MaxLength(LIMITS.crosswalk) crosswalk?: string;
}

/** The named person who acted for a side. */
export class AgentDto {
  @IsDefined(required) @IsString() @MaxLength(LIMITS.text) name!: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.text) office?: string;
}

/** The body of `POST /v1/events` (and each item of a batch). */
export class RecordEventDto {
  /** The event type, e.g. CooperationSuspended, StatementIssued, EventRetracted. */
  @IsDefined(required) @IsString() @MaxLength(LIMITS.eventType) type!: string;
  /** A UUID of your choosing, to retry safely; the server assigns one otherwise. */
  @IsOptional() @IsUUID() eventId?: string;
  /** The acting government, body or person (an actor code). */
  @IsOptional() @IsString() @MaxLength(LIMITS.actorCode) actor?: string;
  /** Several actors acting together. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.parties)
  @IsString({ each: true })
  @MaxLength(LIMITS.actorCode, { each: true })
  actors?: string[];
  @IsOptional() @IsString() @MaxLength(LIMITS.actorCode) target?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.parties)
  @IsString({ each: true })
  @MaxLength(LIMITS.actorCode, { each: true })
  targets?: string[];
  /** A lowercase slug: intelligence, military, counter-narcotics, diplomatic, visa-services, membership... */
  @IsOptional() @IsString() @MaxLength(LIMITS.channel) channel?: string;
  /** 2024, 2024-06, 2024-06-05 or an ISO instant with an offset; the precision follows from the form. */
  @IsOptional() @IsString() @MaxLength(LIMITS.date) occurredAt?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.summary) summary?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.conditions)
  @IsString({ each: true })
  @MaxLength(LIMITS.condition, { each: true })
  conditions?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.sources)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
  /** An actor code or { code }, or { name, office?, affiliation? } for someone unnamed. */
  @IsOptional() @IsSpeaker() speaker?:
    string | { code?: string; name?: string; office?: string; affiliation?: string };
  @IsOptional() @ValidateNested() @Type(() => FigureDto) figure?: FigureDto;
  @IsOptional() @IsString() @MaxLength(LIMITS.eventType) announcedChange?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.date) effectiveFrom?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.text) location?: string;
  /** EventRetracted: the id of the event withdrawn. */
  @IsOptional() @IsUUID() retracts?: string;
  /** EventCorrected: the id of the event superseded. */
  @IsOptional() @IsUUID() corrects?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.eventType) replacementType?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.reason) reason?: string;
  /** `curated` (the default: a person read the sources) or `machine-coded`. */
  @IsOptional() @IsIn(EVIDENCE_KINDS) evidence?: string;
  /**
   * When first publicly reported, in occurredAt forms; defaults to the earliest source's publishedAt. On a
   * retraction or correction: when that amendment was reported.
   */
  @IsOptional() @IsString() @MaxLength(LIMITS.date) reportedAt?: string;
  @IsOptional() @ValidateNested() @Type(() => CodingDto) coding?: CodingDto;
  /** The organ that acted: government, head-of-state, foreign-ministry, military, intelligence, ... */
  @IsOptional() @IsIn(ACTOR_ROLES) actorRole?: string;
  /** The organ acted on. */
  @IsOptional() @IsIn(ACTOR_ROLES) targetRole?: string;
  @IsOptional() @ValidateNested() @Type(() => AgentDto) actorAgent?: AgentDto;
  @IsOptional() @ValidateNested() @Type(() => AgentDto) targetAgent?: AgentDto;
}

export class RecordBatchDto {
  @IsDefined(required)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.batch)
  @ValidateNested({ each: true })
  @Type(() => RecordEventDto)
  events!: RecordEventDto[];
}

export class RegisterActorDto {
  /** Uppercase words joined by hyphens: EGMONT, ICG, GUSTAVO-PETRO. */
  @IsDefined(required) @IsString() @MaxLength(LIMITS.actorCode) code!: string;
  @IsDefined(required) @IsString() @MaxLength(LIMITS.text) name!: string;
  @IsDefined(required) @IsIn(ACTOR_KINDS) kind!: string;
  /** The code of the government or body the actor belongs to. */
  @IsOptional() @IsString() @MaxLength(LIMITS.actorCode) affiliation?: string;
  @IsOptional() @IsString() @MaxLength(LIMITS.text) office?: string;
}
