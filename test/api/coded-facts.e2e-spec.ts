import type { EventStore } from '@entente/event-store';
import { EVENT_STORE } from '@entente/event-store';
import { aStateChange } from '@entente/domain/testing';
import { randomUUID } from 'node:crypto';
import { API_KEYS_ENV, as } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

const ICEWS_CODING = {
  dataset: 'icews',
  externalId: '32889836',
  scheme: 'CAMEO',
  code: '1621',
  mode: 'withdraw',
  context: ['economic'],
  goldstein: { value: -5.6, scale: 'icews' },
  quadClass: 4,
  mentions: 3,
  sourcesCount: 2,
  articles: 4,
  tone: -2.5,
  location: { name: 'Pyongyang', country: 'PRK', lat: 39.03, lon: 125.75 },
  sentence: { story: '47400351', sentence: 2 },
  crosswalk: 'entente-crosswalk/1',
};

/** USA -> PRK, as ICEWS coded a reduction of economic aid: machine-coded, a ministry acting, named. */
const codedFact = (channel = 'economic-aid') =>
  aStateChange('CooperationRestricted', {
    eventId: randomUUID(),
    actor: 'USA',
    target: 'PRK',
    channel,
    occurredAt: '2018-06-01',
    summary: 'Reduce or stop economic assistance',
    evidence: 'machine-coded',
    coding: ICEWS_CODING,
    actorRole: 'foreign-ministry',
    actorAgent: { name: 'Mike Pompeo', office: 'Secretary of State' },
    targetRole: 'government',
    sources: [{ kind: 'news-report', outlet: 'Yonhap', publishedAt: '2018-06-02' }],
  });

describe('coded facts over HTTP: coding, evidence, sides, report time, idempotency across routes', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV })));
  afterAll(() => api.dispose());
  const recorder = () => as(api, 'recorder');
  const reader = () => as(api, 'reader');
  const head = () => api.app.get<EventStore>(EVENT_STORE).headPosition();

  it('given a machine-coded fact with every coding field, when posted and read back, then each field is returned as sent, with its report time', async () => {
    const fact = codedFact();
    await recorder().post('/v1/events', fact).expect(201);

    const stored = await reader().get(`/v1/events/${fact.eventId}`).expect(200);

    expect(stored.body).toMatchObject({
      schemaVersion: 3,
      reportedAt: '2018-06-02T00:00:00.000Z',
      data: {
        evidence: 'machine-coded',
        coding: ICEWS_CODING,
        actorRole: 'foreign-ministry',
        actorAgent: { name: 'Mike Pompeo', office: 'Secretary of State' },
        targetRole: 'government',
        targetAgent: null,
        reportedAt: '2018-06-02T00:00:00.000Z',
      },
    });
  });

  it('given a machine-coded and a curated fact on one channel, when the audit asks for curated evidence, then the coded one is left out with its reason; otherwise its step shows coding, roles and agents', async () => {
    const coded = codedFact('military-aid');
    const curated = aStateChange('CooperationSuspended', {
      eventId: randomUUID(),
      actor: 'USA',
      target: 'PRK',
      channel: 'military-aid',
      occurredAt: '2018-05-01',
    });
    await recorder()
      .post('/v1/events/batch', { events: [curated, coded] })
      .expect(201);
    const audit = (evidence?: string) =>
      reader().get(
        `/v1/relations/USA/PRK/audit?channel=military-aid&at=2018-06-30${evidence ? `&evidence=${evidence}` : ''}`,
      );

    const all = (await audit().expect(200)).body;
    const step = all.steps.find((s: { eventId: string }) => s.eventId === coded.eventId);
    expect(step).toMatchObject({
      evidence: 'machine-coded',
      coding: ICEWS_CODING,
      actorRole: 'foreign-ministry',
      actorAgent: { name: 'Mike Pompeo', office: 'Secretary of State' },
      reportedAt: '2018-06-02T00:00:00.000Z',
    });

    const curatedOnly = (await audit('curated').expect(200)).body;
    expect(curatedOnly).toMatchObject({ status: 'suspended', evidence: 'curated' });
    expect(curatedOnly.steps.map((s: { eventId: string }) => s.eventId)).toEqual([curated.eventId]);
    expect(curatedOnly.excluded).toContainEqual(
      expect.objectContaining({ eventId: coded.eventId, reason: 'machine-coded' }),
    );
    const state = (await reader().get('/v1/relations/USA/PRK?at=2018-06-30').expect(200)).body;
    const channel = state.channels.find((c: { channel: string }) => c.channel === 'military-aid');
    expect(channel.basisEvidence).toEqual({ [coded.eventId as string]: 'machine-coded' });
  });

  it('given a fact recorded in a batch, when it is sent again alone, then 201 with the same position; and the reverse; the store holds each once', async () => {
    const [a, b] = [codedFact('visa-services'), codedFact('visa-services')];
    const batch = (
      await recorder()
        .post('/v1/events/batch', { events: [a] })
        .expect(201)
    ).body;
    const alone = (await recorder().post('/v1/events', a).expect(201)).body;
    expect(alone).toEqual({ ...batch.events[0], alreadyRecorded: true });

    const first = (await recorder().post('/v1/events', b).expect(201)).body;
    const before = await head();
    const inBatch = (
      await recorder()
        .post('/v1/events/batch', { events: [b] })
        .expect(201)
    ).body;
    expect(inBatch.events[0]).toEqual({ ...first, alreadyRecorded: true });
    expect(await head()).toBe(before);
  });

  it('given 499 facts already stored, when a batch of 500 is sent, then one is stored and each item says whether it was there', async () => {
    const meeting = () => ({
      type: 'MeetingHeld',
      eventId: randomUUID(),
      actor: 'USA',
      target: 'PRK',
      occurredAt: '2018-06-12',
      summary: 'Consult',
      evidence: 'machine-coded',
      coding: { dataset: 'icews', scheme: 'CAMEO', code: '040' },
    });
    const stored = Array.from({ length: 499 }, meeting);
    for (let i = 0; i < stored.length; i += 100) {
      await recorder()
        .post('/v1/events/batch', { events: stored.slice(i, i + 100) })
        .expect(201);
    }
    const before = await head();
    const fresh = meeting();

    const response = await recorder()
      .post('/v1/events/batch', { events: [...stored.slice(0, 250), fresh, ...stored.slice(250)] })
      .expect(201);

    expect(await head()).toBe(before + 1);
    const flags = response.body.events.map((e: { alreadyRecorded: boolean }) => e.alreadyRecorded);
    expect(flags.filter((f: boolean) => !f)).toHaveLength(1);
    expect(response.body.events[250]).toMatchObject({
      eventId: fresh.eventId,
      alreadyRecorded: false,
    });
  }, 60_000);

  it('given a stored id sent in a batch with other content, then 409 names the item and nothing of the batch is stored', async () => {
    const fact = codedFact('trade');
    await recorder().post('/v1/events', fact).expect(201);
    const before = await head();

    const response = await recorder()
      .post('/v1/events/batch', {
        events: [codedFact('trade'), { ...fact, summary: 'another summary' }],
      })
      .expect(409);

    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.detail).toMatch(/^events\[1\]: /);
    expect(await head()).toBe(before);
  });

  it("given a pair's accusations, when its context is listed, then they come in valid-time order with their coding; the audit counts them and points there", async () => {
    const accusation = (day: string, code: string) => ({
      type: 'AccusationMade',
      eventId: randomUUID(),
      actor: 'USA',
      target: 'CHN',
      occurredAt: day,
      summary: `Accuse (${code})`,
      evidence: 'machine-coded',
      coding: { dataset: 'icews', scheme: 'CAMEO', code },
    });
    await recorder()
      .post('/v1/events/batch', {
        events: [
          accusation('2018-06-02', '112'),
          accusation('2018-06-01', '1121'),
          aStateChange('CooperationSuspended', {
            actor: 'USA',
            target: 'CHN',
            channel: 'trade',
            occurredAt: '2018-06-01',
          }),
        ],
      })
      .expect(201);

    const context = (
      await reader()
        .get('/v1/relations/USA/CHN/context?from=2018-06&to=2018-06&type=AccusationMade')
        .expect(200)
    ).body;
    expect(context).toMatchObject({ total: 2, next: null, from: '2018-06-01T00:00:00.000Z' });
    expect(context.facts.map((f: { coding: { code: string } }) => f.coding.code)).toEqual([
      '1121',
      '112',
    ]);

    const audit = (await reader().get('/v1/relations/USA/CHN/audit?channel=trade').expect(200))
      .body;
    expect(audit.context.count).toBe(2);
    const listed = (await reader().get(audit.context.href).expect(200)).body;
    expect(listed.total).toBe(2);
  });

  it('given no reportedAt, when posted, then it is the earliest dated source, else the record time; a bad one is a 400 naming it', async () => {
    const dated = codedFact();
    await recorder().post('/v1/events', dated).expect(201);
    const undated = { ...codedFact(), sources: [{ kind: 'news-report', outlet: 'Yonhap' }] };
    const recorded = (await recorder().post('/v1/events', undated).expect(201)).body;

    expect((await reader().get(`/v1/events/${dated.eventId}`)).body.reportedAt).toBe(
      '2018-06-02T00:00:00.000Z',
    );
    expect((await reader().get(`/v1/events/${undated.eventId}`)).body).toMatchObject({
      reportedAt: recorded.recordedAt,
      data: { reportedAt: null },
    });

    const bad = await recorder()
      .post('/v1/events', { ...codedFact(), reportedAt: '2018-05-01' })
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'reportedAt', message: 'is before the fact happened (occurredAt 2018-06-01)' },
    ]);
  });

  it('given a coding with a code that is not CAMEO, when posted, then a 400 names coding.code', async () => {
    const response = await recorder()
      .post('/v1/events', { ...codedFact(), coding: { ...ICEWS_CODING, code: '999' } })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['coding.code']);
  });

  it('given facts of their own dataset, a correction that codes a curated fact and a retraction, when events are listed by facet alone, then exactly those whose data (a correction: its replacement) says so match', async () => {
    const coding = { dataset: 'polecat', scheme: 'PLOVER', code: 'SANCTION' };
    const coded = aStateChange('CooperationRestricted', {
      eventId: randomUUID(),
      actor: 'USA',
      target: 'VEN',
      channel: 'trade',
      evidence: 'machine-coded',
      coding,
      actorRole: 'military',
      targetRole: 'government',
    });
    const curated = aStateChange('CooperationSuspended', {
      eventId: randomUUID(),
      actor: 'USA',
      target: 'VEN',
      channel: 'energy',
    });
    await recorder()
      .post('/v1/events/batch', { events: [coded, curated] })
      .expect(201);
    const correction = (
      await recorder()
        .post('/v1/events', {
          type: 'EventCorrected',
          corrects: curated.eventId,
          reason: 'coded from a wire story',
          evidence: 'machine-coded',
          coding,
          actorRole: 'military',
        })
        .expect(201)
    ).body;
    const retraction = (
      await recorder()
        .post('/v1/events', { type: 'EventRetracted', retracts: coded.eventId, reason: 'miscoded' })
        .expect(201)
    ).body;
    const ids = async (query: string) =>
      (await reader().get(`/v1/events?${query}&limit=1000`).expect(200)).body.events.map(
        (e: { eventId: string }) => e.eventId,
      );

    expect(await ids('dataset=polecat')).toEqual([coded.eventId, correction.eventId]);
    expect(await ids('dataset=polecat&evidence=machine-coded&actorRole=military')).toEqual([
      coded.eventId,
      correction.eventId,
    ]);
    expect(await ids('dataset=polecat&targetRole=government')).toEqual([coded.eventId]);
    expect(await ids('type=EventRetracted&evidence=curated')).toContain(retraction.eventId);
    expect(await ids('type=EventRetracted&evidence=machine-coded')).not.toContain(
      retraction.eventId,
    );
    expect(await ids('evidence=curated&actor=USA&target=VEN')).toEqual([
      curated.eventId,
      retraction.eventId,
    ]);
    expect(await ids('dataset=no-such-dataset')).toEqual([]);
  });

  it('given roles, when events are listed by role and evidence, then only those match', async () => {
    const list = await reader()
      .get(
        '/v1/events?actor=USA&target=PRK&actorRole=foreign-ministry&evidence=machine-coded&limit=1000',
      )
      .expect(200);
    expect(list.body.events.length).toBeGreaterThan(0);
    expect(
      list.body.events.every(
        (e: { data: { actorRole: string; evidence: string } }) =>
          e.data.actorRole === 'foreign-ministry' && e.data.evidence === 'machine-coded',
      ),
    ).toBe(true);
    const none = await reader()
      .get('/v1/events?actor=USA&target=PRK&actorRole=military')
      .expect(200);
    expect(none.body.events).toEqual([]);
  });
});
