import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CommaList } from '../common/comma-list.transform';
import { IsActorCode, IsChannel, IsEventTypeList } from '../common/filter-validators';

export class EventListQueryDto {
  /** The acting side of a pair. */
  @IsOptional() @IsActorCode() actor?: string;
  /** The receiving side of a pair. */
  @IsOptional() @IsActorCode() target?: string;
  /** Either side, or the speaker. */
  @IsOptional() @IsActorCode() involving?: string;
  @IsOptional() @IsChannel() channel?: string;
  /** One or more event types, comma-separated or repeated. */
  @IsOptional() @CommaList() @IsEventTypeList() type?: string[];
  /** The position after which the page starts: `next` of the previous page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}
