import { EVENT_CATALOG, isReportType, type ReportType } from '../events/event-catalog';
import type {
  EventCorrectedData,
  EventRetractedData,
  ReportData,
} from '../events/event-data.types';
import { upcast } from '../events/event-upcasters';
import { reportedAtOf } from '../events/reported-at.value';
import { compareFacts } from './compare-facts';
import { toMillis, type FactInEffect, type Instant, type RecordedFact } from './recorded-fact';

export type ExclusionReason =
  | 'recorded-after-known-at'
  | 'reported-after-reported-by'
  | 'machine-coded'
  | 'retracted'
  | 'superseded'
  | 'after-at';

/**
 * What is known, on two axes and from which evidence: recorded here by `knownAt`, publicly reported by
 * `reportedBy` (both inclusive; when both are given, both must hold), and, with `evidence: 'curated'`,
 * only facts a person established. Omitted parts do not limit.
 */
export interface Knowledge {
  readonly knownAt?: Instant;
  readonly reportedBy?: Instant;
  readonly evidence?: 'curated';
}

/** A bare instant is a record time: what every query took before the report axis existed. */
export type KnowledgeLimit = Instant | Knowledge;

export function knowledgeOf(limit: KnowledgeLimit | undefined): Knowledge {
  if (limit === undefined) return {};
  return typeof limit === 'string' || limit instanceof Date ? { knownAt: limit } : limit;
}

export interface ExcludedFact {
  readonly eventId: string;
  /** The report the excluded event belongs to. */
  readonly reportId: string;
  readonly type: string;
  readonly reason: ExclusionReason;
  /** The retraction, or the correction now in effect, that excludes it; null otherwise. */
  readonly by: string | null;
  readonly recordedAt: string;
  readonly position: number;
}

export interface KnownFacts {
  /** Reported facts in effect as known at K, in fold order (compareFacts). */
  readonly effective: readonly FactInEffect[];
  /** Versions, retractions and corrections of reports left out as known at K, in record order. */
  readonly excluded: readonly ExcludedFact[];
}

/** An excluded event with the content it would have contributed, so a query can tell whom it concerns. */
export interface ExcludedWithContent extends ExcludedFact {
  readonly contents: readonly { readonly type: ReportType; readonly data: ReportData }[];
}

interface History {
  readonly original: RecordedFact;
  readonly corrections: RecordedFact<EventCorrectedData>[];
  readonly retractions: RecordedFact<EventRetractedData>[];
}

/**
 * Which reported facts are in effect as known at record time K (inclusive: a fact recorded at exactly K is
 * known at K; omitted: everything recorded), and as reported by R. A retraction known by then removes its
 * report with every version; otherwise the latest correction known by then stands in for the original.
 * With curated evidence only, a report whose version in effect is machine-coded is left out.
 * Registrations are not reports and appear in neither list.
 */
export function factsKnownAt(facts: readonly RecordedFact[], limit?: KnowledgeLimit): KnownFacts {
  const { effective, excluded } = classifyFacts(facts, limit);
  return { effective, excluded: excluded.map(({ contents: _contents, ...rest }) => rest) };
}

export function classifyFacts(
  facts: readonly RecordedFact[],
  limit?: KnowledgeLimit,
): { effective: FactInEffect[]; excluded: ExcludedWithContent[] } {
  const knowledge = knowledgeOf(limit);
  const recordLimit = knowledge.knownAt === undefined ? Infinity : toMillis(knowledge.knownAt);
  const reportLimit =
    knowledge.reportedBy === undefined ? Infinity : toMillis(knowledge.reportedBy);
  const unknownBecause = (fact: RecordedFact): ExclusionReason | null =>
    toMillis(fact.recordedAt) > recordLimit
      ? 'recorded-after-known-at'
      : Date.parse(reportedAtOf(fact)) > reportLimit
        ? 'reported-after-reported-by'
        : null;
  const isKnown = (fact: RecordedFact): boolean => unknownBecause(fact) === null;
  const effective: FactInEffect[] = [];
  const excluded: ExcludedWithContent[] = [];
  for (const history of histories(facts)) {
    const versions = [history.original, ...history.corrections];
    const contents = versions.map(contentOf);
    const knownVersions = versions.filter(isKnown);
    const retraction = history.retractions.find(isKnown) ?? null;
    const latest = retraction || knownVersions.length === 0 ? null : knownVersions.at(-1)!;
    const leftOut =
      latest !== null && knowledge.evidence === 'curated' && isMachineCoded(contentOf(latest));
    const inEffect = leftOut ? null : latest;
    const exclude = (fact: RecordedFact, reason: ExclusionReason, by: string | null): void => {
      const own = fact.type === 'EventRetracted' ? contents : [contentOf(fact)];
      excluded.push({ ...entryOf(fact, history), reason, by, contents: own });
    };
    for (const version of versions) {
      const unknown = unknownBecause(version);
      if (unknown) exclude(version, unknown, null);
      else if (retraction) exclude(version, 'retracted', retraction.eventId);
      else if (version === latest && leftOut) exclude(version, 'machine-coded', null);
      else if (version !== latest) exclude(version, 'superseded', latest!.eventId);
    }
    for (const other of history.retractions) {
      const unknown = unknownBecause(other);
      if (unknown) exclude(other, unknown, null);
    }
    if (inEffect) effective.push(factInEffect(inEffect, history.original));
  }
  effective.sort(compareFacts);
  excluded.sort((a, b) => a.position - b.position);
  return { effective, excluded };
}

function histories(facts: readonly RecordedFact[]): History[] {
  const byPosition = [...facts].sort((a, b) => a.position - b.position);
  const seen = new Set<string>();
  const reports = new Map<string, History>();
  for (const raw of byPosition) {
    if (seen.has(raw.eventId)) continue;
    seen.add(raw.eventId);
    const fact = { ...raw, ...upcast(raw.type, raw.schemaVersion, raw.data) };
    if (isReportType(fact.type)) {
      reports.set(fact.eventId, { original: fact, corrections: [], retractions: [] });
    } else if (fact.type === 'EventCorrected') {
      const data = fact.data as EventCorrectedData;
      reports.get(data.corrects)?.corrections.push({ ...fact, data });
    } else if (fact.type === 'EventRetracted') {
      const data = fact.data as EventRetractedData;
      reports.get(data.retracts)?.retractions.push({ ...fact, data });
    }
  }
  return [...reports.values()];
}

function isMachineCoded(content: { data: ReportData }): boolean {
  return content.data.evidence === 'machine-coded';
}

function contentOf(fact: RecordedFact): { type: ReportType; data: ReportData } {
  if (fact.type === 'EventCorrected') {
    const data = fact.data as EventCorrectedData;
    return { type: data.replacementType, data: data.replacement };
  }
  return { type: fact.type as ReportType, data: fact.data as ReportData };
}

function factInEffect(version: RecordedFact, original: RecordedFact): FactInEffect {
  const { type, data } = contentOf(version);
  const corrected = version !== original;
  return {
    eventId: version.eventId,
    reportId: original.eventId,
    position: original.position,
    recordedAt: version.recordedAt,
    recordedBy: version.recordedBy,
    reportedAt: reportedAtOf(version),
    type,
    schemaVersion: EVENT_CATALOG[type].schemaVersion,
    data,
    corrects: corrected ? original.eventId : null,
  };
}

function entryOf(fact: RecordedFact, history: History): Omit<ExcludedFact, 'reason' | 'by'> {
  return {
    eventId: fact.eventId,
    reportId: history.original.eventId,
    type: fact.type,
    recordedAt: fact.recordedAt,
    position: fact.position,
  };
}
