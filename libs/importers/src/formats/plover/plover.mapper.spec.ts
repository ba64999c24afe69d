import { mapPloverRecord } from './plover.mapper';

const record = {
  id: 'POLECAT-2023-0001',
  date: '2023-03-10',
  actor: [
    {
      entity_name: 'Wang Yi',
      code: 'CHN',
      sector: 'GOV',
      office: 'Director of the Foreign Affairs Commission',
    },
  ],
  recipient: [
    { code: 'Saudi Arabia', sector: 'GOV' },
    { code: 'IRN', sector: 'GOV' },
  ],
  event: ['CONSULT'],
  mode: ['third-party'],
  context: ['diplomatic'],
  text: 'Saudi Arabia and Iran agreed in Beijing to restore relations.',
  cite_info: { url: 'https://example.org/story', title: 'Example Wire' },
};

describe('a PLOVER record as a fact', () => {
  it('given an official consulting two states, then one MeetingHeld touching both, with the agent', () => {
    const outcome = mapPloverRecord(record, 'polecat');
    expect(outcome).toMatchObject({
      kind: 'fact',
      input: {
        type: 'MeetingHeld',
        actors: ['CHN'],
        targets: ['SAU', 'IRN'],
        actorRole: 'government',
        actorAgent: { name: 'Wang Yi', office: 'Director of the Foreign Affairs Commission' },
        sources: [
          { kind: 'news-report', url: 'https://example.org/story', outlet: 'Example Wire' },
        ],
        coding: {
          dataset: 'polecat',
          externalId: 'POLECAT-2023-0001',
          scheme: 'PLOVER',
          code: 'CONSULT',
          mode: 'third-party',
          context: ['diplomatic'],
          quadClass: 1,
        },
      },
    });
  });

  it('given several actors and no recipient (PLOVER reciprocal), then each acts on the others', () => {
    const reciprocal = { ...record, actor: record.recipient, recipient: undefined };
    const outcome = mapPloverRecord(reciprocal, 'polecat');
    expect(outcome.kind === 'fact' && [outcome.input.actors, outcome.input.targets]).toEqual([
      ['SAU', 'IRN'],
      ['SAU', 'IRN'],
    ]);
  });

  it("given PLOVER 0.5's DEMAND (the gold standard records), then REQUEST", () => {
    const old = {
      id: 'GSR-1',
      date: '2000-01-01',
      source: [{ code: 'USA' }],
      target: [{ code: 'CUB' }],
      event: 'DEMAND',
    };
    expect(mapPloverRecord(old, 'plover-gsr')).toMatchObject({
      kind: 'fact',
      input: { type: 'RequestMade', coding: { code: 'REQUEST' } },
    });
  });

  it('given the UN by its PLOVER code, then the registered body', () => {
    const un = { ...record, actor: [{ code: 'UNO', entity_text: 'UN Security Council' }] };
    expect(mapPloverRecord(un, 'polecat')).toMatchObject({ input: { actors: ['UN'] } });
  });

  it('given rebels, a partially recognized entity or a DOCUMENT record, then skipped with why', () => {
    const reb = { ...record, actor: [{ code: 'COL', sector: 'REB' }] };
    const pre = { ...record, actor: [{ code: 'MDA', sector: 'GOV PRE' }] };
    expect(mapPloverRecord(reb, 'polecat')).toMatchObject({ reason: 'non-state-actor' });
    expect(mapPloverRecord(pre, 'polecat')).toMatchObject({ reason: 'sub-state-actor' });
    expect(mapPloverRecord({ id: 'D', event: 'DOCUMENT' }, 'polecat')).toMatchObject({
      reason: 'not-an-event',
    });
  });

  it('given no date or an unknown event type, then malformed or unmapped', () => {
    expect(mapPloverRecord({ ...record, date: undefined }, 'polecat')).toMatchObject({
      reason: 'malformed',
    });
    expect(mapPloverRecord({ ...record, event: 'DANCE' }, 'polecat')).toMatchObject({
      reason: 'unmapped-code',
    });
  });
});
