import { ValidationError } from '@entente/common';
import { tryParseOccurredAt, type Knowledge } from '@entente/domain';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { endOf, iso, timePoint, TimeQueryDto, type TimePoint } from './time-query';

/** `at` and `knownAt`, and the other limits of knowledge: the report axis and the evidence counted. */
export class KnowledgeQueryDto extends TimeQueryDto {
  /** As publicly reported by then (same forms as occurredAt, read at the period's end); default: no limit. */
  @IsOptional() @IsString() @MaxLength(40) reportedBy?: string;
  /** `curated` leaves machine-coded facts out; `all` (the default) counts every fact. */
  @IsOptional() @IsIn(['curated', 'all']) evidence?: string;
}

export interface KnowledgePoint extends TimePoint {
  readonly reportedBy: number | null;
  readonly curatedOnly: boolean;
}

export function knowledgePoint(query: KnowledgeQueryDto, now: Date): KnowledgePoint {
  const point = timePoint(query, now);
  let reportedBy: number | null = null;
  if (query.reportedBy !== undefined) {
    const parsed = tryParseOccurredAt(query.reportedBy, null);
    if (!parsed.ok) throw ValidationError.of([{ field: 'reportedBy', message: parsed.message }]);
    reportedBy = endOf(parsed.value);
  }
  return { ...point, reportedBy, curatedOnly: query.evidence === 'curated' };
}

/** The domain's limits for a point. */
export function knowledgeAt(point: KnowledgePoint): Knowledge {
  return {
    knownAt: new Date(point.knownAt),
    ...(point.reportedBy !== null && { reportedBy: new Date(point.reportedBy) }),
    ...(point.curatedOnly && { evidence: 'curated' as const }),
  };
}

/** How an answer says what it was limited to. */
export function knowledgeView(point: KnowledgePoint) {
  return {
    knownAt: iso(point.knownAt),
    reportedBy: point.reportedBy === null ? null : iso(point.reportedBy),
    evidence: point.curatedOnly ? 'curated' : 'all',
  };
}
