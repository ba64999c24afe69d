import { ValidationError } from '@entente/common';
import { tryParseOccurredAt } from '@entente/domain';
import type { SeriesLimits } from '@entente/projections';
import { endOf, iso } from './time-query';

/** Limits as aggregates take them: record and report time in ms (report: none by default), evidence. */
export interface KnowledgeLimitsQuery {
  readonly knownAt?: string;
  readonly reportedBy?: string;
  readonly evidence?: string;
}

/** The query's knowledge limits, and how the answer names them. */
export function knowledgeLimits(query: KnowledgeLimitsQuery, now: Date) {
  const issues: { field: string; message: string }[] = [];
  const read = (field: 'knownAt' | 'reportedBy'): number | null => {
    const value = query[field];
    if (value === undefined) return null;
    const parsed = tryParseOccurredAt(value, null);
    if (parsed.ok) return endOf(parsed.value);
    issues.push({ field, message: parsed.message });
    return null;
  };
  const knownAtMs = read('knownAt') ?? now.getTime();
  const reportedByMs = read('reportedBy');
  if (issues.length > 0) throw ValidationError.of(issues);
  const evidence =
    query.evidence === 'curated' || query.evidence === 'machine-coded' ? query.evidence : null;
  const limits: SeriesLimits = { knownAtMs, reportedByMs, evidence };
  return {
    limits,
    view: {
      knownAt: iso(knownAtMs),
      reportedBy: reportedByMs === null ? null : iso(reportedByMs),
      evidence: evidence ?? 'all',
    },
  };
}
