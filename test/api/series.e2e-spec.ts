import { CAMEO_CODES } from '@entente/domain';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { API_KEYS_ENV, as } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

type Scale = 'icews' | 'gdelt';

/** ICEWS-like rows: CAMEO code, its type, day; some carry their own score on one scale. */
interface Row {
  readonly type: string;
  readonly actor: string;
  readonly target: string;
  readonly code: string;
  readonly day: string;
  readonly own?: { value: number; scale: Scale };
  readonly channel?: string;
}

const ROWS: readonly Row[] = [
  {
    type: 'CooperationRestricted',
    actor: 'USA',
    target: 'PRK',
    code: '1621',
    day: '2018-06-01',
    channel: 'economic-aid',
    own: { value: -5.6, scale: 'icews' },
  },
  { type: 'StatementIssued', actor: 'USA', target: 'PRK', code: '016', day: '2018-06-03' },
  { type: 'RequestMade', actor: 'USA', target: 'PRK', code: '022', day: '2018-06-12' },
  {
    type: 'CooperationSuspended',
    actor: 'USA',
    target: 'PRK',
    code: '164',
    day: '2018-06-20',
    channel: 'negotiations',
  },
  { type: 'ProposalRejected', actor: 'USA', target: 'PRK', code: '1213', day: '2018-07-02' },
  {
    type: 'MeetingHeld',
    actor: 'USA',
    target: 'PRK',
    code: '040',
    day: '2018-07-05',
    own: { value: 2, scale: 'gdelt' },
  },
  { type: 'ThreatIssued', actor: 'PRK', target: 'USA', code: '138', day: '2018-06-07' },
  { type: 'AccusationMade', actor: 'PRK', target: 'USA', code: '112', day: '2018-06-15' },
];

function coded(row: Row) {
  return {
    type: row.type,
    eventId: randomUUID(),
    actor: row.actor,
    target: row.target,
    ...(row.channel && { channel: row.channel }),
    occurredAt: row.day,
    summary: `${CAMEO_CODES.get(row.code)!.name} (ICEWS)`,
    evidence: 'machine-coded',
    coding: {
      dataset: 'icews',
      scheme: 'CAMEO',
      code: row.code,
      ...(row.own && { goldstein: row.own }),
    },
    sources: [{ kind: 'document', outlet: 'ICEWS', url: 'https://doi.org/10.7910/DVN/28075' }],
  };
}

/** A curated fact: no coding; its type gives the quad class (SANCTION: material conflict), no score. */
const curated = (occurredAt: string) => ({
  type: 'CooperationSuspended',
  eventId: randomUUID(),
  actor: 'USA',
  target: 'PRK',
  channel: 'trade',
  occurredAt,
  summary: 'The US suspends trade with North Korea',
  sources: [{ kind: 'news-report', outlet: 'Yonhap', url: 'https://en.yna.co.kr/view/1' }],
});

/** The same figures computed here from the rows and the CAMEO tables alone. */
function expected(rows: readonly Row[], scale: Scale, curatedCount: number) {
  const quadNames = [
    'verbalCooperation',
    'materialCooperation',
    'verbalConflict',
    'materialConflict',
  ];
  const quad: Record<string, number> = {
    verbalCooperation: 0,
    materialCooperation: 0,
    verbalConflict: 0,
    materialConflict: 0,
    unclassified: 0,
  };
  let sum = 0;
  let scored = 0;
  for (const row of rows) {
    const entry = CAMEO_CODES.get(row.code)!;
    quad[quadNames[entry.quadClass - 1]]++;
    const score = row.own?.scale === scale ? row.own.value : entry.goldstein[scale];
    if (score !== null) {
      sum += score;
      scored++;
    }
  }
  quad.materialConflict += curatedCount;
  const total = rows.length + curatedCount;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    total,
    quadClasses: quad,
    balance:
      quad.verbalCooperation +
      quad.materialCooperation -
      quad.verbalConflict -
      quad.materialConflict,
    goldstein: {
      scale,
      sum: round(sum),
      mean: scored ? round(sum / scored) : null,
      scored,
      unscored: total - scored,
    },
  };
}

describe('dyad series over HTTP', () => {
  let api: TestApp;
  const recorder = () => as(api, 'recorder');
  const reader = () => as(api, 'reader');
  let curatedAt: string;
  beforeAll(async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    await recorder()
      .post('/v1/events/batch', { events: ROWS.map(coded) })
      .expect(201);
    curatedAt = (await recorder().post('/v1/events', curated('2018-06-25')).expect(201)).body
      .recordedAt;
  }, 60_000);
  afterAll(() => api.dispose(), 60_000);

  const series = (query: string) =>
    reader().get(`/v1/relations/USA/PRK/series?from=2018-05&to=2018-07&${query}`).expect(200);

  it.each(['icews', 'gdelt'] as const)(
    'given coded facts of both directions and a curated one, when the monthly series is asked on the %s scale, then each bucket equals what the rows and the CAMEO table give, the reverse direction beside it',
    async (scale) => {
      const { body } = await series(`scale=${scale}`);
      expect(body.buckets.map((b: { bucket: string }) => b.bucket)).toEqual([
        '2018-05',
        '2018-06',
        '2018-07',
      ]);
      const [may, june, july] = body.buckets;
      expect(may.forward.total).toBe(0);
      const forward = (month: string) =>
        ROWS.filter((r) => r.actor === 'USA' && r.day.startsWith(month));
      expect(june.forward).toMatchObject(expected(forward('2018-06'), scale, 1));
      expect(july.forward).toMatchObject(expected(forward('2018-07'), scale, 0));
      expect(june.reverse).toMatchObject(
        expected(
          ROWS.filter((r) => r.actor === 'PRK'),
          scale,
          0,
        ),
      );
      expect(june.forward.types).toMatchObject({ CooperationSuspended: 2, StatementIssued: 1 });
      expect(june.forward.plover).toMatchObject({ SANCTION: 3 });
    },
  );

  it('given a retraction, then the bucket counts one less from its record time on, and the count known before it stays', async () => {
    const fact = coded({
      type: 'CooperationRestricted',
      actor: 'USA',
      target: 'PRK',
      code: '163',
      day: '2018-05-10',
      channel: 'trade',
    });
    const recorded = (await recorder().post('/v1/events', fact).expect(201)).body.recordedAt;
    // Record times are the server's clock: the retraction must come at a later millisecond.
    while (Date.now() <= Date.parse(recorded)) await new Promise((r) => setTimeout(r, 2));
    const retraction = (
      await recorder()
        .post('/v1/events', {
          type: 'EventRetracted',
          retracts: fact.eventId,
          reason: 'misread the wire',
        })
        .expect(201)
    ).body.recordedAt;
    expect(Date.parse(retraction)).toBeGreaterThan(Date.parse(recorded));

    const may = async (query: string) => (await series(query)).body.buckets[0].forward.total;
    expect(await may('')).toBe(0);
    expect(await may(`knownAt=${recorded}`)).toBe(1);
    expect(await may(`knownAt=${new Date(Date.parse(retraction) - 1).toISOString()}`)).toBe(1);
    expect(await may(`knownAt=${retraction}`)).toBe(0);
    expect(await may(`knownAt=${new Date(Date.parse(recorded) - 1).toISOString()}`)).toBe(0);
  });

  it('given evidence=curated, then only the curated fact counts; with knownAt before it was recorded, nothing', async () => {
    const june = async (query: string) => (await series(query)).body.buckets[1].forward;
    expect(await june('evidence=curated')).toMatchObject({
      total: 1,
      quadClasses: { materialConflict: 1 },
      goldstein: { scored: 0, unscored: 1 },
    });
    expect(
      (await june(`evidence=curated&knownAt=${new Date(Date.parse(curatedAt) - 1).toISOString()}`))
        .total,
    ).toBe(0);
  });

  it('given normalise=total, then each bucket carries the volume of every fact and the shares of it', async () => {
    const { body } = await series('normalise=total');
    const june = body.buckets[1];
    expect(june.forward.normalised.volume).toBe(june.forward.total + june.reverse.total);
    expect(june.forward.normalised.total).toBeCloseTo(
      june.forward.total / june.forward.normalised.volume,
      6,
    );
  });

  it('given Accept: text/csv or ?format=ndjson, then the rows parse with standard parsers and match the JSON answer', async () => {
    const json = (await series('scale=gdelt')).body;
    const rows = json.buckets.flatMap(
      (b: { bucket: string; start: string; end: string; forward: object; reverse: object }) => [
        {
          bucket: b.bucket,
          start: b.start,
          end: b.end,
          actor: 'USA',
          target: 'PRK',
          figures: b.forward,
        },
        {
          bucket: b.bucket,
          start: b.start,
          end: b.end,
          actor: 'PRK',
          target: 'USA',
          figures: b.reverse,
        },
      ],
    );

    const ndjson = await reader()
      .get('/v1/relations/USA/PRK/series?from=2018-05&to=2018-07&scale=gdelt&format=ndjson')
      .expect(200);
    expect(ndjson.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(
      ndjson.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(rows);

    const csv = await reader()
      .get('/v1/relations/USA/PRK/series?from=2018-05&to=2018-07&scale=gdelt')
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const records = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(rows.length);
    records.forEach((record, i) => {
      const { figures } = rows[i];
      expect(record).toMatchObject({
        bucket: rows[i].bucket,
        actor: rows[i].actor,
        total: String(figures.total),
        material_conflict: String(figures.quadClasses.materialConflict),
        goldstein_sum: String(figures.goldstein.sum),
        goldstein_mean: figures.goldstein.mean === null ? '' : String(figures.goldstein.mean),
        type_CooperationSuspended: String(figures.types.CooperationSuspended ?? 0),
        plover_SANCTION: String(figures.plover.SANCTION ?? 0),
      });
    });
  });

  it('given the top of June 2018 by conflict, then USA -> PRK leads with the figures of its series and a link to it', async () => {
    const { body } = await reader()
      .get('/v1/series/top?from=2018-06&to=2018-06&by=conflict')
      .expect(200);
    const june = (await series('')).body.buckets[1].forward;
    expect(body.dyads[0]).toMatchObject({
      rank: 1,
      actor: 'USA',
      target: 'PRK',
      total: june.total,
      goldstein: june.goldstein,
    });
    const link = await reader().get(body.dyads[0].series).expect(200);
    expect(link.body.buckets[0].forward.total).toBe(june.total);
    const change = await reader()
      .get('/v1/series/top?from=2018-07&to=2018-07&by=change')
      .expect(200);
    const july = (await series('')).body.buckets[2].forward;
    expect(change.body.dyads).toContainEqual(
      expect.objectContaining({
        actor: 'USA',
        target: 'PRK',
        total: july.total,
        previous: expect.objectContaining({ total: june.total }),
        change: { balance: july.balance - june.balance, direction: expect.any(String) },
      }),
    );
  });

  it('given a bad bucket or window, then 400 problem+json naming the field', async () => {
    const bad = await reader()
      .get('/v1/relations/USA/PRK/series?bucket=day&from=2018-13')
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['bucket']),
    );
    await reader().get('/v1/relations/USA/PRK/series?from=2019&to=2018').expect(400);
  });
});
