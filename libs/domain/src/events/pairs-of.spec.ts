import { formatPairKey, pairsOf, parseOccurredAt, type ReportData } from '@entente/domain';

const report = (
  actors: string[],
  targets: string[],
  channel: string | null = 'intelligence',
): ReportData => ({
  actors,
  targets,
  channel,
  occurredAt: parseOccurredAt('2025-11', new Date('2025-12-01')),
  summary: 's',
  conditions: [],
  sources: [],
  speaker: null,
  evidence: 'curated',
  reportedAt: null,
  coding: null,
  actorRole: null,
  targetRole: null,
  actorAgent: null,
  targetAgent: null,
});

describe('pairsOf: the directed keys a fact touches', () => {
  it('given two actors acting together on one target, when paired, then each actor -> target is touched', () => {
    expect(pairsOf(report(['GBR', 'NLD'], ['USA'])).map(formatPairKey)).toEqual([
      'GBR>USA:intelligence',
      'NLD>USA:intelligence',
    ]);
  });

  it('given mutual cooperation (each side both actor and target), when paired, then both directions and no self-pair', () => {
    expect(pairsOf(report(['COL', 'USA'], ['USA', 'COL'])).map(formatPairKey)).toEqual([
      'COL>USA:intelligence',
      'USA>COL:intelligence',
    ]);
  });

  it('given context about a pair as a whole, when paired, then the channel is null', () => {
    expect(pairsOf(report(['USA'], ['COL'], null))).toEqual([
      { actor: 'USA', target: 'COL', channel: null },
    ]);
  });

  it('given a correction, when paired, then its replacement’s keys; given a retraction, none', () => {
    const correction = {
      corrects: 'x',
      reason: null,
      replacementType: 'CooperationSuspended',
      replacement: report(['COL'], ['USA']),
    };

    expect(pairsOf(correction).map(formatPairKey)).toEqual(['COL>USA:intelligence']);
    expect(pairsOf({ retracts: 'x', reason: 'wrong' })).toEqual([]);
  });
});
