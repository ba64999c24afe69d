import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
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
