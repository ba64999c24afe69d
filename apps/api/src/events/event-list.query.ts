import { ACTOR_ROLES, EVIDENCE_KINDS } from '@entente/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { CommaList } from '../common/comma-list.transform';
import { FormatQueryDto } from '../exports/export-format';
import { IsActorCode, IsChannel, IsEventTypeList } from '../common/filter-validators';

export class EventListQueryDto extends FormatQueryDto {
  /** The acting side of a pair. */
  @IsOptional() @IsActorCode() actor?: string;
  /** The receiving side of a pair. */
  @IsOptional() @IsActorCode() target?: string;
  /** Either side, or the speaker. */
  @IsOptional() @IsActorCode() involving?: string;
  @IsOptional() @IsChannel() channel?: string;
  /** One or more event types, comma-separated or repeated. */
  @IsOptional() @CommaList() @IsEventTypeList() type?: string[];
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
  /** At most 1,000 a page in JSON; CSV and NDJSON stream every event after `after` unless limited. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
}
