import { CROSSWALK_VERSION } from '../crosswalk/crosswalk.version';
import type { TypeMapping } from '../crosswalk/event-types.crosswalk';
import type { Coding, RecordEventInput, SourceInput } from '../interim-contract';
import { importedEventId } from './event-id';
import { skip, type RowOutcome } from './row-outcome';
import type { Side } from './side';

/** What every coded dataset gives once its row is read: sides, time, the mapped type, its coding. */
export interface CodedRow {
  /** The dataset's own key: ICEWS id and date, GDELT's GLOBALEVENTID, PLOVER's id. */
  readonly key: readonly string[];
  readonly actor: Side;
  readonly target: Side;
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
  const { actor, target } = row;
  if (!actor.ok) return skip(actor.reason, `actor: ${actor.detail}`);
  if (!target.ok) return skip(target.reason, `target: ${target.detail}`);
  if (actor.code === target.code) {
    return skip('domestic', `${actor.label} and ${target.label} are both ${actor.code}`);
  }
  const code = row.coding.code ? ` (${row.coding.scheme} ${row.coding.code})` : '';
  const input: RecordEventInput = {
    type: row.mapping.type,
    eventId: importedEventId(row.coding.dataset, ...row.key),
    actor: actor.code,
    target: target.code,
    channel: row.mapping.channel,
    occurredAt: row.occurredAt,
    summary: `${actor.label} -> ${target.label}: ${row.label}${code}`.slice(0, MAX_SUMMARY),
    sources: row.sources,
    evidence: 'machine-coded',
    reportedAt: row.reportedAt ?? row.occurredAt,
    coding: { ...row.coding, crosswalk: CROSSWALK_VERSION },
    actorRole: actor.role,
    targetRole: target.role,
    actorAgent: actor.agent,
    targetAgent: target.agent,
    ...(row.mapping.type === 'MilitaryActionReported' && row.place ? { location: row.place } : {}),
  };
  return { kind: 'fact', input };
}
