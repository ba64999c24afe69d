import { aStateChange } from '@entente/domain/testing';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { API_KEYS_ENV, as } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** Record times are the server's clock: wait until the next millisecond before the next record. */
async function afterRecordOf(recordedAt: string): Promise<void> {
  while (Date.now() <= Date.parse(recordedAt)) await new Promise((r) => setTimeout(r, 2));
}

const before = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

describe('diffs between two sides, and what changed in a window, over HTTP', () => {
  let api: TestApp;
  const recorder = () => as(api, 'recorder');
  const reader = () => as(api, 'reader');
  const suspension = aStateChange('CooperationSuspended', {
    eventId: randomUUID(),
    occurredAt: '2025-11-11',
    sources: [
      {
        kind: 'social-media-post',
        url: 'https://x.com/petrogustavo/status/1',
        publishedAt: '2025-11-11',
      },
    ],
  });
  // Reported late: it happened in October, it is recorded after the suspension.
  const late = aStateChange('CooperationRestricted', {
    eventId: randomUUID(),
    occurredAt: '2025-10-01',
    sources: [{ kind: 'news-report', outlet: 'El País', url: 'https://elpais.com/late' }],
  });
  const retraction = {
    type: 'EventRetracted',
    eventId: randomUUID(),
    retracts: suspension.eventId,
    reason: 'misread',
  };
  const t: Record<'suspension' | 'late' | 'retraction', string> = {
    suspension: '',
    late: '',
    retraction: '',
  };

  beforeAll(async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    t.suspension = (await recorder().post('/v1/events', suspension).expect(201)).body.recordedAt;
    await afterRecordOf(t.suspension);
    t.late = (await recorder().post('/v1/events', late).expect(201)).body.recordedAt;
    await afterRecordOf(t.late);
    t.retraction = (await recorder().post('/v1/events', retraction).expect(201)).body.recordedAt;
  }, 60_000);
  afterAll(() => api.dispose(), 60_000);

  const diff = (query: string) =>
    reader()
      .get(`/v1/relations/COL/USA/diff?channel=intelligence&at=2025-11-30&${query}`)
      .expect(200);

  it('given a late report, when the diff is between knownAt before and after it was recorded, then it names that report as added, with why and its sources, and the states of both sides', async () => {
    const { body } = await diff(`knownAt=${t.suspension}&vsKnownAt=${t.late}`);
    const [channel] = body.channels;
    expect(channel.a.status).toBe('suspended');
    expect(channel.b.status).toBe('suspended');
    expect(channel.facts).toEqual([
      expect.objectContaining({
        reportId: late.eventId,
        change: 'added',
        reason: 'recorded-after-known-at',
        a: null,
        b: expect.objectContaining({
          eventId: late.eventId,
          sources: [expect.objectContaining({ url: 'https://elpais.com/late' })],
        }),
      }),
    ]);
  });

  it('given a retraction, then the diff across it says retracted, by the retraction; between two valid times, later in valid time', async () => {
    const retracted = (await diff(`knownAt=${t.late}&vsKnownAt=${t.retraction}`)).body.channels[0];
    expect(retracted).toMatchObject({
      a: { status: 'suspended' },
      b: { status: 'restricted' },
      changed: true,
    });
    expect(retracted.facts).toEqual([
      expect.objectContaining({
        reportId: suspension.eventId,
        change: 'retracted',
        by: retraction.eventId,
      }),
    ]);

    const valid = (
      await reader()
        .get(
          `/v1/relations/COL/USA/diff?channel=intelligence&at=2025-10-15&vs=2025-11-30&knownAt=${t.late}`,
        )
        .expect(200)
    ).body.channels[0];
    expect(valid).toMatchObject({ a: { status: 'restricted' }, b: { status: 'suspended' } });
    expect(valid.facts).toEqual([
      expect.objectContaining({
        reportId: suspension.eventId,
        change: 'later-in-valid-time',
        reason: 'after-at',
      }),
    ]);
  });

  it('given the late report, then /v1/changes lists it on the recorded axis at its record time and on the valid axis at its valid start, with the state before and after', async () => {
    const recorded = (
      await reader().get(`/v1/changes?axis=recorded&from=${t.late}&to=${t.late}`).expect(200)
    ).body;
    expect(recorded.changes).toEqual([
      expect.objectContaining({
        at: t.late,
        eventId: late.eventId,
        kind: 'reported',
        actor: 'COL',
        target: 'USA',
        channel: 'intelligence',
        validFrom: '2025-10-01T00:00:00.000Z',
        before: { status: 'unknown', since: null },
        after: { status: 'restricted', since: '2025-10-01T00:00:00.000Z' },
      }),
    ]);
    const valid = (
      await reader()
        .get('/v1/changes?axis=valid&from=2025-10-01&to=2025-10-31&actor=COL')
        .expect(200)
    ).body;
    expect(valid.changes).toEqual([
      expect.objectContaining({
        at: '2025-10-01T00:00:00.000Z',
        eventId: late.eventId,
        before: { status: 'unknown', since: null },
        after: expect.objectContaining({ status: 'restricted' }),
      }),
    ]);
    // The retraction shows on the recorded axis; on the valid axis the suspension is gone as known now, there before.
    const retracted = (
      await reader().get(`/v1/changes?axis=recorded&from=${t.retraction}`).expect(200)
    ).body;
    expect(retracted.changes).toEqual([
      expect.objectContaining({
        kind: 'retracted',
        reportId: suspension.eventId,
        before: expect.objectContaining({ status: 'suspended' }),
        after: expect.objectContaining({ status: 'restricted' }),
      }),
    ]);
    const november = (k: string) =>
      reader().get(`/v1/changes?axis=valid&from=2025-11&to=2025-11${k}`).expect(200);
    expect((await november('')).body.changes).toEqual([]);
    expect(
      (await november(`&knownAt=${before(t.retraction)}`)).body.changes.map(
        (c: { eventId: string }) => c.eventId,
      ),
    ).toEqual([suspension.eventId]);
  });

  it('given a fact reported publicly before it was recorded, then the reported axis lists it at its report time', async () => {
    const fact = aStateChange('CooperationResumed', {
      eventId: randomUUID(),
      actor: 'GBR',
      target: 'COL',
      occurredAt: '2025-11-20',
      reportedAt: '2025-11-21',
    });
    await recorder().post('/v1/events', fact).expect(201);
    const { body } = await reader()
      .get('/v1/changes?axis=reported&from=2025-11-21&to=2025-11-21')
      .expect(200);
    expect(body.changes).toEqual([
      expect.objectContaining({
        at: '2025-11-21T00:00:00.000Z',
        eventId: fact.eventId,
        before: expect.objectContaining({ status: 'unknown' }),
        after: expect.objectContaining({ status: 'active' }),
      }),
    ]);
  });

  it('given CSV and NDJSON, then the changes and the diff parse with standard parsers and match the JSON answers', async () => {
    const json = (await reader().get('/v1/changes?axis=recorded').expect(200)).body.changes;
    const ndjson = await reader()
      .get('/v1/changes?axis=recorded')
      .set('Accept', 'application/x-ndjson')
      .expect(200);
    expect(
      ndjson.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(json);
    const csv = parse(
      (await reader().get('/v1/changes?axis=recorded&format=csv').expect(200)).text,
      { columns: true },
    ) as Record<string, string>[];
    expect(csv.map((r) => [r.at, r.eventId, r.kind, r.statusBefore, r.statusAfter])).toEqual(
      json.map(
        (c: {
          at: string;
          eventId: string;
          kind: string;
          before: { status: string };
          after: { status: string };
        }) => [c.at, c.eventId, c.kind, c.before.status, c.after.status],
      ),
    );

    const answer = (await diff(`knownAt=${t.suspension}&vsKnownAt=${t.retraction}`)).body;
    const lines = (
      await diff(`knownAt=${t.suspension}&vsKnownAt=${t.retraction}&format=ndjson`)
    ).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(
      answer.channels[0].facts.map((f: object) => ({ channel: 'intelligence', ...f })),
    );
    const rows = parse(
      (await diff(`knownAt=${t.suspension}&vsKnownAt=${t.retraction}&format=csv`)).text,
      { columns: true },
    ) as Record<string, string>[];
    expect(rows.map((r) => [r.reportId, r.change, r.by])).toEqual(
      answer.channels[0].facts.map((f: { reportId: string; change: string; by: string | null }) => [
        f.reportId,
        f.change,
        f.by ?? '',
      ]),
    );
  });

  it('given the NDJSON export of events, then each line is the event as GET /v1/events/{id} returns it, and the CSV has a row per event', async () => {
    const text = (await reader().get('/v1/events?format=ndjson').expect(200)).text;
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.eventId)).toEqual(
      expect.arrayContaining([suspension.eventId, late.eventId, retraction.eventId]),
    );
    for (const line of lines) {
      expect(line).toEqual((await reader().get(`/v1/events/${line.eventId}`).expect(200)).body);
    }
    expect(
      lines
        .find((l) => l.eventId === suspension.eventId)
        .amendments.map((a: { eventId: string }) => a.eventId),
    ).toEqual([retraction.eventId]);
    const csv = parse(
      (await reader().get('/v1/events').set('Accept', 'text/csv').expect(200)).text,
      { columns: true },
    ) as Record<string, string>[];
    expect(csv.map((r) => r.eventId)).toEqual(lines.map((l) => l.eventId));
    expect(JSON.parse(csv[0].data)).toEqual(lines[0].data);
  });

  it('given the timeline as CSV and NDJSON, then each interval parses back as the JSON answer lists it', async () => {
    const path = `/v1/relations/COL/USA/timeline?knownAt=${t.late}`;
    const { intervals } = (await reader().get(path).expect(200)).body;
    expect(intervals.length).toBeGreaterThan(1);
    const lines = (await reader().get(`${path}&format=ndjson`).expect(200)).text.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(intervals);
    const rows = parse((await reader().get(path).set('Accept', 'text/csv').expect(200)).text, {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => [r.channel, r.status, r.from, r.to, r.eventId])).toEqual(
      intervals.map(
        (i: {
          channel: string;
          status: string;
          from: string;
          to: string | null;
          eventId: string;
        }) => [i.channel, i.status, i.from, i.to ?? '', i.eventId],
      ),
    );
  });

  it('given a bad axis, then 400 problem+json', async () => {
    const { body } = await reader().get('/v1/changes?axis=sideways').expect(400);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['axis']);
  });
});
