/**
 * The `entente` format: NDJSON, one stored event per line, exactly as `GET /v1/events/{eventId}` returns
 * it (the event, where it sits in the log, who recorded it and when, and for a report its amendments), in
 * log order: registrations, reports and amendments each at their own position. `npm run export` writes it
 * from a store; the `entente` importer reads it into another, so a store can be moved.
 */
export interface EntenteLine {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Reports only: their retractions and corrections, as lines of their own. */
  readonly amendments?: readonly EntenteLine[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is wrong with a parsed line, or null for a line of the format. */
export function ententeLineProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const line = value as Partial<EntenteLine>;
  if (typeof line.eventId !== 'string' || !UUID.test(line.eventId)) return 'eventId is not a UUID';
  if (typeof line.type !== 'string') return 'no type';
  if (!Number.isInteger(line.schemaVersion)) return 'no schemaVersion';
  if (typeof line.data !== 'object' || line.data === null) return 'no data';
  if (typeof line.recordedAt !== 'string' || Number.isNaN(Date.parse(line.recordedAt))) {
    return 'no recordedAt';
  }
  if (line.amendments !== undefined && !Array.isArray(line.amendments))
    return 'amendments is not a list';
  return null;
}
