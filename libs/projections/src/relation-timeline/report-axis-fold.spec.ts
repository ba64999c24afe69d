import type { StateChangeType } from '@entente/domain';
import { standingsAfter, stateAfter } from './report-axis-fold';
import type { TimelineFact } from './timeline-model';

const DAY = 86_400_000;

function fact(eventId: string, type: StateChangeType, day: number, position: number): TimelineFact {
  const startMs = day * DAY;
  const start = new Date(startMs).toISOString();
  return {
    eventId,
    type,
    startMs,
    position,
    data: {
      occurredAt: { value: start.slice(0, 10), start, precision: 'day' },
      conditions: [],
    },
  };
}

describe('a key folded from its facts in effect, as a report-axis lookup folds it', () => {
  const suspended = fact('e1', 'CooperationSuspended', 1, 10);
  const resumed = fact('e2', 'CooperationResumed', 5, 11);
  const resumedAgain = fact('e3', 'CooperationResumed', 5, 12);

  it('given a suspension then a resumption, when folded, then the state is the last and rests on it', () => {
    const state = stateAfter([suspended, resumed]);
    expect(state).toMatchObject({ status: 'active', since: resumed.data.occurredAt.start });
    expect(state.basis).toEqual(['e2']);
    expect(state.anomalies).toEqual([]);
  });

  it('given a resumption with nothing suspended, when folded, then the anomaly is raised on the way', () => {
    const state = stateAfter([resumed]);
    expect(state.status).toBe('active');
    expect(state.anomalies.map((a) => [a.kind, a.eventId])).toEqual([
      ['resumption-without-suspension', 'e2'],
    ]);
  });

  it('given nothing, when folded, then nothing is known', () => {
    expect(stateAfter([])).toMatchObject({ status: 'unknown', since: null, basis: [] });
  });

  it('given two facts at one start, when the standings are taken, then there is one per start, after both', () => {
    const standings = standingsAfter([suspended, resumed, resumedAgain]);
    expect(standings.map((s) => [s.validFrom / DAY, s.standing.status, s.standing.basis])).toEqual([
      [1, 'suspended', ['e1']],
      [5, 'active', ['e2', 'e3']],
    ]);
  });
});
