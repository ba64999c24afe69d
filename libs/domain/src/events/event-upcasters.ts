import { EVENT_CATALOG, isEventType, isReportType } from './event-catalog';
import type { ReportData, Source, Speaker } from './event-data.types';
import { tryParseOccurredAt } from './occurred-at.value';
import { reportedAtFromSources } from './reported-at.value';

/** Turns data stored at `version` into data of `version + 1`. */
type Upcaster = (data: unknown) => unknown;

/**
 * v1 of every report type, as the first recording API wrote it: one actor, at most one target, one optional
 * `source`, one optional `condition`, and `occurredAt` kept as the raw string.
 */
export interface ReportDataV1 {
  readonly actor: string;
  readonly target?: string | null;
  readonly channel?: string | null;
  readonly occurredAt: string;
  readonly summary: string;
  readonly condition?: string | null;
  readonly source?: Partial<Source> & { readonly kind: Source['kind'] };
  readonly speaker?: string | Speaker | null;
  readonly [extra: string]: unknown;
}

export interface EventCorrectedDataV1 {
  readonly corrects: string;
  readonly reason?: string | null;
  readonly replacementType: string;
  readonly replacement: ReportDataV1;
}

/** v2 of every report type: lists of actors, targets, conditions and sources; no evidence or coding. */
export type ReportDataV2 = Omit<
  ReportData,
  'evidence' | 'reportedAt' | 'coding' | 'actorRole' | 'targetRole' | 'actorAgent' | 'targetAgent'
>;

function reportV1toV2(data: unknown): ReportDataV2 {
  const v1 = data as ReportDataV1;
  const { actor, target, channel, occurredAt, summary, condition, source, speaker, ...rest } = v1;
  // Stored facts were valid when recorded: "now" no longer applies, only the form does.
  const parsed = tryParseOccurredAt(occurredAt, null);
  if (!parsed.ok) throw new Error(`cannot upcast v1 report: occurredAt ${parsed.message}`);
  return {
    ...rest,
    actors: [actor],
    targets: target ? [target] : [],
    channel: channel ?? null,
    occurredAt: parsed.value,
    summary,
    conditions: condition ? [condition] : [],
    sources: source ? [sourceV1toV2(source)] : [],
    speaker: typeof speaker === 'string' ? { code: speaker } : (speaker ?? null),
  };
}

function sourceV1toV2(source: NonNullable<ReportDataV1['source']>): Source {
  return {
    kind: source.kind,
    url: source.url ?? null,
    outlet: source.outlet ?? null,
    publishedAt: source.publishedAt ?? null,
    quote: source.quote ?? null,
  };
}

/** Facts recorded before v3 were curated; their report time is what their sources say, as v3 derives it. */
function reportV2toV3(data: unknown): ReportData {
  const v2 = data as ReportDataV2;
  return {
    ...v2,
    evidence: 'curated',
    // A malformed stored fact is the fold's to refuse, with its own message; the upcast keeps going.
    reportedAt:
      Array.isArray(v2.sources) && v2.occurredAt
        ? reportedAtFromSources(v2.sources, v2.occurredAt)
        : null,
    coding: null,
    actorRole: null,
    targetRole: null,
    actorAgent: null,
    targetAgent: null,
  };
}

function correctedV1toV2(data: unknown): unknown {
  const v1 = data as EventCorrectedDataV1;
  return {
    corrects: v1.corrects,
    reason: v1.reason ?? null,
    replacementType: v1.replacementType,
    replacement: reportV1toV2(v1.replacement),
  };
}

function correctedV2toV3(data: unknown): unknown {
  const v2 = data as { replacement: unknown };
  return { ...v2, replacement: reportV2toV3(v2.replacement), reportedAt: null };
}

const REPORT_UPCASTERS: Readonly<Record<number, Upcaster>> = { 1: reportV1toV2, 2: reportV2toV3 };

const UPCASTERS: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  EventCorrected: { 1: correctedV1toV2, 2: correctedV2toV3 },
  EventRetracted: { 1: (data) => ({ ...(data as object), reportedAt: null }) },
};

function upcastersOf(type: string): Readonly<Record<number, Upcaster>> {
  if (isReportType(type)) return REPORT_UPCASTERS;
  return UPCASTERS[type] ?? {};
}

/**
 * Brings stored data to the current schema version of its type, one step at a time. Unknown types pass
 * through untouched (the fold ignores them); a version newer than this code knows is an error, never guessed.
 */
export function upcast(
  type: string,
  schemaVersion: number,
  data: unknown,
): { schemaVersion: number; data: unknown } {
  if (!isEventType(type)) return { schemaVersion, data };
  const current = EVENT_CATALOG[type].schemaVersion;
  if (schemaVersion > current) {
    throw new Error(`${type} v${schemaVersion} is newer than the known v${current}`);
  }
  const steps = upcastersOf(type);
  let version = schemaVersion;
  let result = data;
  while (version < current) {
    const step = steps[version];
    if (!step) throw new Error(`no upcaster for ${type} v${version}`);
    result = step(result);
    version += 1;
  }
  return { schemaVersion: version, data: result };
}
