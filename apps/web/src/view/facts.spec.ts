import { EVENT_CATALOG, STATE_CHANGE_TYPES } from '@entente/domain';
import type { EventView } from '../api/types';
import { factsKnownAt, knownAtOfStop, LEADS_TO, recordTimes, stopOf } from './facts';

let position = 0;
function recorded(type: string, data: object, recordedAt: string, eventId?: string): EventView {
  position++;
  return {
    eventId: eventId ?? `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    schemaVersion: 2,
    data,
    stream: 'report-x',
    position,
    recordedAt,
    recordedBy: 'test',
    correlationId: 'c',
  };
}

const report = (summary: string, occurred: string, extra: object = {}) => ({
  actors: ['COL'],
  targets: ['USA'],
  channel: 'intelligence',
  occurredAt: { value: occurred, precision: 'day', start: `${occurred}T00:00:00.000Z` },
  summary,
  conditions: [],
  sources: [],
  speaker: null,
  ...extra,
});

describe('facts as known at a record time', () => {
  const order = recorded(
    'CooperationSuspended',
    report('the order', '2025-11-11'),
    '2025-11-12T10:00:00.000Z',
  );
  const remark = recorded(
    'StatementIssued',
    report('a remark', '2025-11-12'),
    '2025-11-12T11:00:00.000Z',
  );
  const correction = recorded(
    'EventCorrected',
    {
      corrects: order.eventId,
      reason: 'the date was wrong',
      replacementType: 'CooperationSuspended',
      replacement: report('the order, redated', '2025-11-10'),
    },
    '2025-11-13T10:00:00.000Z',
  );
  const retraction = recorded(
    'EventRetracted',
    { retracts: remark.eventId, reason: 'never said' },
    '2025-11-14T10:00:00.000Z',
  );
  const all = [retraction, remark, correction, order];

  it('given a record time before anything, then nothing is on record', () => {
    expect(factsKnownAt(all, '2025-11-12T09:59:59.999Z')).toEqual([]);
  });

  it('given a record time between the report and its correction, then the original stands, at its own valid time', () => {
    const facts = factsKnownAt(all, '2025-11-12T12:00:00.000Z');
    expect(facts.map((f) => [f.kind, f.data.summary, f.start.slice(0, 10), f.leadsTo])).toEqual([
      ['state-change', 'the order', '2025-11-11', 'suspended'],
      ['context', 'a remark', '2025-11-12', null],
    ]);
  });

  it('given every amendment on record, then the correction stands in (moved to its valid time) and the retracted fact is marked, not dropped', () => {
    const facts = factsKnownAt(all, null);
    expect(facts.map((f) => [f.kind, f.data.summary, f.versionId, f.reportId])).toEqual([
      ['corrected', 'the order, redated', correction.eventId, order.eventId],
      ['retracted', 'a remark', remark.eventId, remark.eventId],
    ]);
  });

  it('given the events, then the slider stops at each distinct record time, before the first and at now', () => {
    const times = recordTimes([...all, { ...remark, position: 99 }]);
    expect(times).toEqual([
      '2025-11-12T10:00:00.000Z',
      '2025-11-12T11:00:00.000Z',
      '2025-11-13T10:00:00.000Z',
      '2025-11-14T10:00:00.000Z',
    ]);
    expect(knownAtOfStop(times, 0)).toBe('2025-11-12T09:59:59.999Z');
    expect(knownAtOfStop(times, 2)).toBe('2025-11-12T11:00:00.000Z');
    expect(knownAtOfStop(times, 5)).toBeNull();
    expect(stopOf(times, null)).toBe(5);
    expect(stopOf(times, '2025-11-12T11:30:00.000Z')).toBe(2);
    expect(stopOf(times, '2025-01-01T00:00:00.000Z')).toBe(0);
  });
});

describe('the status each state change leads to', () => {
  it("given the domain's catalog, then the page's table says the same for every state change", () => {
    for (const type of STATE_CHANGE_TYPES)
      expect([type, LEADS_TO[type]]).toEqual([type, EVENT_CATALOG[type].leadsTo]);
  });
});
