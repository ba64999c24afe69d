import { GOLDSTEIN_SCALES, GRAINS } from '@entente/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FormatQueryDto } from '../exports/export-format';

/** What is counted: as recorded by `knownAt`, as reported by `reportedBy`, from which evidence. */
export class SeriesKnowledgeDto extends FormatQueryDto {
  /** As recorded here by then (occurredAt forms, read at the period's end); default now. */
  @IsOptional() @IsString() @MaxLength(40) knownAt?: string;
  /** As publicly reported by then; default no limit. */
  @IsOptional() @IsString() @MaxLength(40) reportedBy?: string;
  /** curated, machine-coded, or all (the default). */
  @IsOptional() @IsIn(['curated', 'machine-coded', 'all']) evidence?: string;
  /** The Goldstein scale: icews (the default) or gdelt. */
  @IsOptional() @IsIn(GOLDSTEIN_SCALES) scale?: 'icews' | 'gdelt';
  /** month (the default), week (ISO, Monday to Sunday) or year. */
  @IsOptional() @IsIn(GRAINS) bucket?: 'month' | 'week' | 'year';
  /** The buckets holding `from` and `to` and those between (occurredAt forms). */
  @IsOptional() @IsString() @MaxLength(40) from?: string;
  @IsOptional() @IsString() @MaxLength(40) to?: string;
}

export class SeriesQueryDto extends SeriesKnowledgeDto {
  /** `total`: each count also divided by the bucket's volume, every fact recorded (GDELT's convention). */
  @IsOptional() @IsIn(['total', 'none']) normalise?: 'total' | 'none';
}

export const TOP_ORDERS = ['conflict', 'cooperation', 'volume', 'change'] as const;
export type TopOrder = (typeof TOP_ORDERS)[number];

export class TopQueryDto extends SeriesKnowledgeDto {
  /** conflict (the default), cooperation, volume, or change of balance from the window before. */
  @IsOptional() @IsIn(TOP_ORDERS) by?: TopOrder;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
