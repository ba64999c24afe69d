import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FormatQueryDto } from '../exports/export-format';

const CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;

export class ChangesQueryDto extends FormatQueryDto {
  /** valid (the default): valid start in the window; recorded: record time; reported: report time. */
  @IsOptional() @IsIn(['valid', 'recorded', 'reported']) axis?: 'valid' | 'recorded' | 'reported';
  /** The window, inclusive (occurredAt forms; `to` read at its period's end); default: all of it. */
  @IsOptional() @IsString() @MaxLength(40) from?: string;
  @IsOptional() @IsString() @MaxLength(40) to?: string;
  /** The acting side. */
  @IsOptional() @Matches(CODE, { message: 'actor must be an actor code' }) actor?: string;
  /** The receiving side. */
  @IsOptional() @Matches(CODE, { message: 'target must be an actor code' }) target?: string;
  @IsOptional() @IsString() @MaxLength(60) channel?: string;
  /** On the valid axis: the versions in effect as recorded by then; default now. */
  @IsOptional() @IsString() @MaxLength(40) knownAt?: string;
  /** On the valid axis: as publicly reported by then; default no limit. */
  @IsOptional() @IsString() @MaxLength(40) reportedBy?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) offset?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}
