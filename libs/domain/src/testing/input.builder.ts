import type { RecordEventInput } from '../recording/record-event.input';

/** A valid state change (COL -> USA, intelligence, one news source), to be overridden per test. */
export function aStateChange(
  type: string,
  overrides: Partial<RecordEventInput> = {},
): RecordEventInput {
  return {
    type,
    actor: 'COL',
    target: 'USA',
    channel: 'intelligence',
    occurredAt: '2025-11-11',
    summary: `${type} (test)`,
    sources: [{ kind: 'news-report', outlet: 'Test Wire', quote: 'as reported' }],
    ...overrides,
  };
}

/** A valid statement by an inline speaker about COL -> USA on intelligence. */
export function aStatement(overrides: Partial<RecordEventInput> = {}): RecordEventInput {
  return {
    type: 'StatementIssued',
    actor: 'COL',
    target: 'USA',
    channel: 'intelligence',
    occurredAt: '2025-11-12',
    summary: 'A statement (test)',
    speaker: { name: 'A spokesperson' },
    ...overrides,
  };
}
