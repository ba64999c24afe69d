import type { RecordEventInput } from '@entente/domain';
import type { Refusal } from './fact-sink';

/** A refusal as the recorder throws it or a server answers it (problem+json). */
export interface RefusalReport {
  readonly code?: string;
  readonly message?: string;
  readonly detail?: string;
  readonly issues?: readonly { field: string; message: string }[];
  readonly errors?: readonly { field: string; message: string }[];
  readonly details?: Readonly<Record<string, unknown>>;
  readonly eventId?: unknown;
  readonly field?: unknown;
}

const ITEM = /^events\[(\d+)\](?:\.(.*))?$/;

/**
 * Which items of a batch a refusal is about: validation names fields `events[i].<field>`; a conflict names
 * the item by field or by its event id. Null when it names none, so the caller cannot retry without them.
 */
export function refusalsOf(
  report: RefusalReport,
  batch: readonly RecordEventInput[],
): Map<number, Refusal> | null {
  const refusals = new Map<number, Refusal>();
  const issues = report.issues ?? report.errors ?? [];
  const conflict = report.code === 'conflict';
  for (const issue of issues) {
    const match = ITEM.exec(issue.field);
    if (!match) continue;
    const i = Number(match[1]);
    const message = `${match[2] ?? 'event'}: ${issue.message}`;
    const previous = refusals.get(i);
    refusals.set(i, {
      reason: conflict ? 'conflict' : 'invalid',
      message: previous ? `${previous.message}; ${message}` : message,
    });
  }
  if (refusals.size > 0) return refusals;
  if (!conflict) return null;
  const message = report.detail ?? report.message ?? 'conflict';
  const field = report.field ?? report.details?.field;
  const named = typeof field === 'string' ? ITEM.exec(field) : null;
  if (named) return new Map([[Number(named[1]), { reason: 'conflict', message }]]);
  const eventId = report.eventId ?? report.details?.eventId;
  const ids =
    typeof eventId === 'string'
      ? [eventId]
      : batch.map((b) => b.eventId ?? '').filter((id) => id && message.includes(id));
  for (const id of ids) {
    const i = batch.findIndex((b) => b.eventId?.toLowerCase() === id.toLowerCase());
    if (i >= 0) refusals.set(i, { reason: 'conflict', message });
  }
  return refusals.size > 0 ? refusals : null;
}
