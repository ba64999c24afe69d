import { ACTOR_ROLES, EVIDENCE_KINDS } from '@entente/domain';
import { Type } from 'class-transformer';
import { CommaList } from '../common/comma-list.transform';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;

export class EventListQueryDto {
  /** The acting side of a pair. */
  @IsOptional() @Matches(CODE, { message: 'actor must be an actor code' }) actor?: string;
  /** The receiving side of a pair. */
  @IsOptional() @Matches(CODE, { message: 'target must be an actor code' }) target?: string;
  /** Either side, or the speaker. */
  @IsOptional() @Matches(CODE, { message: 'involving must be an actor code' }) involving?: string;
  @IsOptional() @IsString() channel?: string;
  /** One or more event types, comma-separated or repeated. */
  @IsOptional()
  @CommaList()
  @IsArray()
  @IsString({ each: true })
  type?: string[];
  /** The organ that acted: government, head-of-state, foreign-ministry, military, intelligence, ... */
  @IsOptional() @IsIn(ACTOR_ROLES) actorRole?: string;
  /** The organ acted on. */
  @IsOptional() @IsIn(ACTOR_ROLES) targetRole?: string;
  /** curated or machine-coded. */
  @IsOptional() @IsIn(EVIDENCE_KINDS) evidence?: string;
  /** The coding's dataset: icews, gdelt, polecat... */
  @IsOptional() @IsString() @MaxLength(40) dataset?: string;
  /** The position after which the page starts: `next` of the previous page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}
