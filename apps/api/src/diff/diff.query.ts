import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FormatQueryDto } from '../exports/export-format';

/** Side A (`at`, `knownAt`, `reportedBy`) against side B (`vs`, `vsKnownAt`, `vsReportedBy`). */
export class DiffQueryDto extends FormatQueryDto {
  /** One channel; default every channel of the pair. */
  @IsOptional() @IsString() @MaxLength(60) channel?: string;
  /** Valid time of side A (occurredAt forms, read at the period's end); default now. */
  @IsOptional() @IsString() @MaxLength(40) at?: string;
  /** Valid time of side B; default A's. */
  @IsOptional() @IsString() @MaxLength(40) vs?: string;
  /** As recorded by, side A; default now. */
  @IsOptional() @IsString() @MaxLength(40) knownAt?: string;
  /** As recorded by, side B; default A's. */
  @IsOptional() @IsString() @MaxLength(40) vsKnownAt?: string;
  /** As reported by, side A; default no limit. */
  @IsOptional() @IsString() @MaxLength(40) reportedBy?: string;
  /** As reported by, side B; default A's. */
  @IsOptional() @IsString() @MaxLength(40) vsReportedBy?: string;
  /** `curated` leaves machine-coded facts out on both sides; `all` (the default) counts every fact. */
  @IsOptional() @IsIn(['curated', 'all']) evidence?: string;
}
