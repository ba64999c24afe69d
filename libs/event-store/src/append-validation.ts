import { ValidationError, type FieldIssue } from '@entente/common';
import type { EventToAppend, ExpectedRevision } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Both adapters refuse the same malformed appends, before touching their store. */
export function validateAppend(
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): void {
  const issues: FieldIssue[] = [];
  if (typeof stream !== 'string' || stream.length === 0 || stream.startsWith('$')) {
    issues.push({ field: 'stream', message: 'must be a non-empty name not starting with $' });
  }
  if (!isExpectedRevision(expected)) {
    issues.push({ field: 'expectedRevision', message: `${String(expected)} is not a revision` });
  }
  if (events.length === 0) issues.push({ field: 'events', message: 'nothing to append' });
  const seen = new Set<string>();
  events.forEach((event, i) => {
    if (!UUID.test(event.eventId))
      issues.push({ field: `events[${i}].eventId`, message: 'must be a UUID' });
    else if (seen.has(event.eventId.toLowerCase())) {
      issues.push({ field: `events[${i}].eventId`, message: 'appears twice in the batch' });
    }
    seen.add(event.eventId.toLowerCase());
    if (!event.type || event.type.startsWith('$')) {
      issues.push({
        field: `events[${i}].type`,
        message: 'must be a non-empty type not starting with $',
      });
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      issues.push({ field: `events[${i}].schemaVersion`, message: 'must be a positive integer' });
    }
    if (event.data === undefined)
      issues.push({ field: `events[${i}].data`, message: 'is required' });
    if (!event.metadata?.recordedBy) {
      issues.push({ field: `events[${i}].metadata.recordedBy`, message: 'is required' });
    }
    if (!event.metadata?.correlationId) {
      issues.push({ field: `events[${i}].metadata.correlationId`, message: 'is required' });
    }
  });
  if (issues.length > 0) throw ValidationError.of(issues);
}

function isExpectedRevision(value: unknown): value is ExpectedRevision {
  return (
    value === 'any' ||
    value === 'no-stream' ||
    value === 'stream-exists' ||
    (typeof value === 'number' && Number.isInteger(value) && value >= 0)
  );
}

/** `current` is -1 when the stream has no events. */
export function revisionMatches(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === -1;
    case 'stream-exists':
      return current >= 0;
    default:
      return expected === current;
  }
}
