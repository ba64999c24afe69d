import type { RelationInterval } from '@entente/domain';
import type { ExportSpec } from './export-format';

/** A timeline interval per row; lists joined by `;` (conditions as JSON: they are free text). */
export const TIMELINE_EXPORT: ExportSpec<RelationInterval> = {
  columns: ['channel', 'status', 'from', 'to', 'approximate', 'eventId', 'basis', 'conditions'],
  record: (interval) => ({
    channel: interval.channel,
    status: interval.status,
    from: interval.from,
    to: interval.to,
    approximate: interval.approximate,
    eventId: interval.eventId,
    basis: interval.basis.join(';'),
    conditions: JSON.stringify(interval.conditions),
  }),
  line: (interval) => interval,
};
