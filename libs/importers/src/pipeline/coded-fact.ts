import { CROSSWALK_VERSION } from '../crosswalk/crosswalk.version';
import type { TypeMapping } from '../crosswalk/event-types.crosswalk';
import { inRange } from './row-values';
import type {
  CameoCode,
  Coding,
  GoldsteinScale,
  RecordEventInput,
  SourceInput,
} from '@entente/domain';
import { importedEventId } from './event-id';
import { skip, type RowOutcome } from './row-outcome';
import type { Side } from './side';

/** What every coded dataset gives once its row is read: sides, time, the mapped type, its coding. */
export interface CodedRow {
  /** The dataset's own key: ICEWS id and date, GDELT's GLOBALEVENTID, PLOVER's id. */
  readonly key: readonly string[];
  /** Several sides act together in PLOVER; ICEWS and GDELT rows have one each. */
  readonly actors: readonly Side[];
  readonly targets: readonly Side[];
  /** `YYYY-MM-DD`. */
  readonly occurredAt: string;
  /** When the dataset says the world first saw it; null: the event date. */
  readonly reportedAt: string | null;
  readonly mapping: TypeMapping;
  /** The code's words ("Reduce or break diplomatic relations"). */
  readonly label: string;
  readonly sources: readonly SourceInput[];
  readonly coding: Omit<Coding, 'crosswalk'>;
  /** In words, for MilitaryActionReported. */
  readonly place: string | null;
}

const MAX_SUMMARY = 2000;

/**
 * The fact a coded row records, or why it is skipped. Relations are between two different actors, both
 * resolved; the acting organ and any named agent ride along as roles and agents.
 */
export function codedFact(row: CodedRow): RowOutcome {
  const actors = resolved(row.actors, 'actor');
  if (!Array.isArray(actors)) return actors;
  const targets = resolved(row.targets, 'target');
  if (!Array.isArray(targets)) return targets;
  if (actors.length === 0 || targets.length === 0)
    return skip('missing-side', 'no actor or no target');
  if (actors.every((a) => targets.every((t) => t.code === a.code))) {
    return skip('domestic', `${labels(actors)} and ${labels(targets)} are all ${actors[0].code}`);
  }
  const code = row.coding.code ? ` (${row.coding.scheme} ${row.coding.code})` : '';
  const one = actors.length === 1 && targets.length === 1;
  const input: RecordEventInput = {
    type: row.mapping.type,
    eventId: importedEventId(row.coding.dataset, ...row.key),
    ...(one
      ? { actor: actors[0].code, target: targets[0].code }
      : { actors: unique(actors.map((a) => a.code)), targets: unique(targets.map((t) => t.code)) }),
    channel: row.mapping.channel,
    occurredAt: row.occurredAt,
    summary: `${labels(actors)} -> ${labels(targets)}: ${row.label}${code}`.slice(0, MAX_SUMMARY),
    sources: row.sources,
    evidence: 'machine-coded',
    reportedAt: row.reportedAt ?? row.occurredAt,
    coding: { ...row.coding, crosswalk: CROSSWALK_VERSION },
    actorRole: sameOf(actors.map((a) => a.role)),
    targetRole: sameOf(targets.map((t) => t.role)),
    actorAgent: actors.length === 1 ? actors[0].agent : null,
    targetAgent: targets.length === 1 ? targets[0].agent : null,
    ...(row.mapping.type === 'MilitaryActionReported' && row.place ? { location: row.place } : {}),
  };
  return { kind: 'fact', input };
}

type Resolved = Extract<Side, { ok: true }>;

function resolved(sides: readonly Side[], which: string): Resolved[] | RowOutcome {
  for (const side of sides) if (!side.ok) return skip(side.reason, `${which}: ${side.detail}`);
  return sides as Resolved[];
}

function labels(sides: readonly Resolved[]): string {
  return sides.map((s) => s.label).join(' and ');
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

/** A role or agent holds for the side as a whole only when every member agrees. */
function sameOf<T>(values: readonly T[]): T | null {
  return values.every((v) => v === values[0]) ? (values[0] ?? null) : null;
}

/**
 * The coding every CAMEO-coded row has: the code with its PLOVER counterpart and quad class, and the
 * dataset's own Goldstein score on its scale (out of -10..10: dropped). The rest (counts, tone, place,
 * sentence) is the dataset's to add.
 */
export function cameoCoding(
  dataset: string,
  externalId: string,
  entry: CameoCode,
  goldstein: { readonly value: number | null; readonly scale: GoldsteinScale },
): Omit<Coding, 'crosswalk'> {
  const value = inRange(goldstein.value, -10, 10);
  return {
    dataset,
    externalId,
    scheme: 'CAMEO',
    code: entry.code,
    mode: entry.plover?.mode ?? null,
    context: entry.plover?.context ?? [],
    goldstein: value === null ? null : { value, scale: goldstein.scale },
    quadClass: entry.quadClass,
    mentions: null,
    sourcesCount: null,
    articles: null,
    tone: null,
    location: null,
    sentence: null,
  };
}
