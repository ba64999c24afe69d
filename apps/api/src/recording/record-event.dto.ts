import { Type } from 'class-transformer';
import { ACTOR_ROLES, CODING_SCHEMES, EVIDENCE_KINDS, GOLDSTEIN_SCALES } from '@entente/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { BATCH_LIMIT } from './recording.service';

const SOURCE_KINDS = [
  'official-statement',
  'social-media-post',
  'news-report',
  'testimony',
  'document',
];
const SPEAKER_FIELDS = ['name', 'office', 'affiliation'];

/** A speaker is a registered actor's code or an inline description; nothing else may be in it. */
function IsSpeaker(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSpeaker',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' ||
          (typeof value === 'object' &&
            value !== null &&
            !Array.isArray(value) &&
            Object.entries(value).every(
              ([k, v]) => SPEAKER_FIELDS.includes(k) && (v === null || typeof v === 'string'),
            )),
        defaultMessage: () =>
          'speaker must be an actor code or an object with only name, office and affiliation (strings)',
      },
    },
    options,
  );
}

export class SourceDto {
  /** official-statement, social-media-post, news-report, testimony or document. */
  @IsIn(SOURCE_KINDS) kind!: string;
  @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @IsOptional() @IsString() @MaxLength(200) outlet?: string;
  /** Same forms as occurredAt. */
  @IsOptional() @IsString() @MaxLength(40) publishedAt?: string;
  @IsOptional() @IsString() @MaxLength(5000) quote?: string;
}

export class FigurePeriodDto {
  @IsOptional() @IsString() from?: string;
  @IsOptional() @IsString() to?: string;
}

export class FigureDto {
  @IsNumber() value!: number;
  @IsString() @MaxLength(50) unit!: string;
  @IsString() @MaxLength(2000) description!: string;
  @IsOptional() @ValidateNested() @Type(() => FigurePeriodDto) period?: FigurePeriodDto;
}

export class GoldsteinDto {
  /** From -10 (most conflictual) to 10. */
  @IsNumber() value!: number;
  /** `icews` or `gdelt`: the two tables differ on 016, 022, 164, 165 and 1213. */
  @IsIn(GOLDSTEIN_SCALES) scale!: string;
}

export class CodedLocationDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  /** ISO 3166-1 alpha-3. */
  @IsOptional() @IsString() @MaxLength(3) country?: string;
  @IsOptional() @IsNumber() lat?: number;
  @IsOptional() @IsNumber() lon?: number;
}

export class CodedSentenceDto {
  /** The story id (ICEWS Story ID). */
  @IsString() @MaxLength(100) story!: string;
  @IsOptional() @IsInt() sentence?: number;
}

/** How a coder (or a person) coded the fact; every field but `dataset` is optional. */
export class CodingDto {
  /** A lowercase slug: icews, gdelt, polecat, acled, or your own. */
  @IsString() @MaxLength(40) dataset!: string;
  /** The dataset's own event id. */
  @IsOptional() @IsString() @MaxLength(200) externalId?: string;
  @IsOptional() @IsIn(CODING_SCHEMES) scheme?: string;
  /** A code of `scheme`: CAMEO `1621` (leading zeros kept) or PLOVER `SANCTION`. */
  @IsOptional() @IsString() @MaxLength(20) code?: string;
  /** PLOVER's mode, where known. */
  @IsOptional() @IsString() @MaxLength(60) mode?: string;
  /** PLOVER's contexts, where known. */
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) context?: string[];
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
  @IsOptional() @IsString() @MaxLength(100) crosswalk?: string;
}

/** The named person who acted for a side. */
export class AgentDto {
  @IsString() @MaxLength(200) name!: string;
  @IsOptional() @IsString() @MaxLength(200) office?: string;
}

/**
 * The body of `POST /v1/events`. This checks the shape (and refuses unknown fields); what a given type
 * requires, which actors exist and whether dates make sense is the domain's to say.
 */
export class RecordEventDto {
  /** The event type, e.g. CooperationSuspended, StatementIssued, EventRetracted. */
  @IsString() @MaxLength(60) type!: string;
  /** A UUID of your choosing, to retry safely; the server assigns one otherwise. */
  @IsOptional() @IsUUID() eventId?: string;
  /** The acting government, body or person (an actor code). */
  @IsOptional() @IsString() actor?: string;
  /** Several actors acting together. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) actors?: string[];
  @IsOptional() @IsString() target?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) targets?: string[];
  /** A lowercase slug: intelligence, military, counter-narcotics, diplomatic, visa-services, membership... */
  @IsOptional() @IsString() @MaxLength(60) channel?: string;
  /** 2024, 2024-06, 2024-06-05 or an ISO instant with an offset; the precision follows from the form. */
  @IsOptional() @IsString() @MaxLength(40) occurredAt?: string;
  @IsOptional() @IsString() @MaxLength(5000) summary?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) conditions?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
  /** An actor code, or { name, office?, affiliation? } for someone unnamed. */
  @IsOptional() @IsSpeaker() speaker?:
    string | { name?: string; office?: string; affiliation?: string };
  @IsOptional() @ValidateNested() @Type(() => FigureDto) figure?: FigureDto;
  @IsOptional() @IsString() announcedChange?: string;
  @IsOptional() @IsString() effectiveFrom?: string;
  @IsOptional() @IsString() @MaxLength(500) location?: string;
  /** EventRetracted: the id of the event withdrawn. */
  @IsOptional() @IsUUID() retracts?: string;
  /** EventCorrected: the id of the event superseded. */
  @IsOptional() @IsUUID() corrects?: string;
  @IsOptional() @IsString() replacementType?: string;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  /** `curated` (the default: a person read the sources) or `machine-coded`. */
  @IsOptional() @IsIn(EVIDENCE_KINDS) evidence?: string;
  /**
   * When first publicly reported, in occurredAt forms; defaults to the earliest source's publishedAt. On a
   * retraction or correction: when that amendment was reported.
   */
  @IsOptional() @IsString() @MaxLength(40) reportedAt?: string;
  @IsOptional() @ValidateNested() @Type(() => CodingDto) coding?: CodingDto;
  /** The organ that acted: government, head-of-state, foreign-ministry, military, intelligence, ... */
  @IsOptional() @IsIn(ACTOR_ROLES) actorRole?: string;
  /** The organ acted on. */
  @IsOptional() @IsIn(ACTOR_ROLES) targetRole?: string;
  @IsOptional() @ValidateNested() @Type(() => AgentDto) actorAgent?: AgentDto;
  @IsOptional() @ValidateNested() @Type(() => AgentDto) targetAgent?: AgentDto;
}

export class RecordBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_LIMIT)
  @ValidateNested({ each: true })
  @Type(() => RecordEventDto)
  events!: RecordEventDto[];
}

export class RegisterActorDto {
  /** Uppercase words joined by hyphens: EGMONT, ICG, GUSTAVO-PETRO. */
  @IsString() @MaxLength(64) code!: string;
  @IsString() @MaxLength(200) name!: string;
  @IsIn(['government', 'organization', 'person']) kind!: string;
  /** The code of the government or body the actor belongs to. */
  @IsOptional() @IsString() affiliation?: string;
  @IsOptional() @IsString() @MaxLength(200) office?: string;
}
