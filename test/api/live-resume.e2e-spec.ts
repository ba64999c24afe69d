import { aStateChange } from '@entente/domain/testing';
import request from 'supertest';
import { as } from '../support/api-client';
import { type SseMessage } from '../support/sse-client';
import { liveTestbed, READER_AUTH } from '../support/live-testbed';

const auth = READER_AUTH;
const idsOf = (messages: readonly SseMessage[]) => messages.map((m) => m.id);

describe('GET /v1/live: resuming exactly', () => {
  const bed = liveTestbed();
  const { connect, record } = bed;
  /** One fact on three pairs: one event message and three relation messages at one position. */
  const threePairs = (channel: string) =>
    aStateChange('CooperationSuspended', {
      channel,
      target: undefined,
      targets: ['USA', 'GBR', 'NLD'],
    });

  it('given one fact changing three pairs, when it is delivered, then its four messages have four ids that order by position then index', async () => {
    const client = await connect();
    const first = await record(threePairs('trade'));
    const second = await record(aStateChange('CooperationSuspended', { channel: 'financial' }));
    await client.waitFor((m) => m.length === 6);
    expect(client.messages.map((m) => [m.event, m.id])).toEqual([
      ['event', `${first.position}.0`],
      ['relation', `${first.position}.1`],
      ['relation', `${first.position}.2`],
      ['relation', `${first.position}.3`],
      ['event', `${second.position}.0`],
      ['relation', `${second.position}.1`],
    ]);
    // Within a position, relation messages come in the order of their pair: actor, target, channel.
    expect(client.messages.slice(1, 4).map((m) => (m.data as { target: string }).target)).toEqual([
      'GBR',
      'NLD',
      'USA',
    ]);
  });

  it('given a client cut off between the relation messages of one position, when it resumes with the last id it got, then it gets exactly the rest, nothing twice', async () => {
    const live = await connect();
    const fact = await record(threePairs('trade'));
    const later = await record(aStateChange('CooperationRestricted', { channel: 'trade' }));
    await live.waitFor((m) => m.length === 6);
    const all = idsOf(live.messages);
    const cutAfter = `${fact.position}.1`;

    const resumed = await connect('', { 'Last-Event-ID': cutAfter });
    await resumed.waitFor((m) => m.some((x) => x.id === `${later.position}.1`));
    expect(idsOf(resumed.messages)).toEqual(all.slice(all.indexOf(cutAfter) + 1));
    expect(resumed.messages[0]).toMatchObject({ event: 'relation', data: { target: 'NLD' } });
  });

  it('given the same cut, when it resumes through the catch-up from the store rather than live, then the ids and messages are the same as live', async () => {
    const live = await connect();
    for (let i = 0; i < 3; i++) await record(threePairs(`c${i}`));
    await live.waitFor((m) => m.length === 12);
    const replayed = await connect('?after=0');
    await replayed.waitFor((m) => m.length === 12);
    expect(replayed.messages).toEqual(live.messages);
    const cut = live.messages[6].id!;
    const resumed = await connect('', { 'Last-Event-ID': cut });
    await resumed.waitFor((m) => m.length === 5);
    expect(resumed.messages).toEqual(live.messages.slice(7));
  });

  it('given a filter, when messages arrive, then their ids are those the unfiltered stream gives them', async () => {
    const everything = await connect();
    const onlyNld = await connect('?target=NLD');
    await record(threePairs('trade'));
    await everything.waitFor((m) => m.length === 4);
    await onlyNld.waitFor((m) => m.length === 2);
    const nld = everything.messages.filter(
      (m) => m.event === 'event' || (m.data as { target: string }).target === 'NLD',
    );
    expect(idsOf(onlyNld.messages)).toEqual(idsOf(nld));
  });

  it('given a bare position as Last-Event-ID (or ?after=), when resuming, then everything after that position comes, as before frame indexes', async () => {
    const fact = await record(threePairs('trade'));
    const next = await record(aStateChange('CooperationRestricted', { channel: 'trade' }));
    for (const client of [
      await connect('', { 'Last-Event-ID': String(fact.position) }),
      await connect(`?after=${fact.position}`),
    ]) {
      await client.waitFor((m) => m.length === 2);
      expect(idsOf(client.messages)).toEqual([`${next.position}.0`, `${next.position}.1`]);
    }
  });

  it('given both Last-Event-ID and ?after=, when resuming, then Last-Event-ID wins: an EventSource reconnecting keeps its URL', async () => {
    await record(aStateChange('CooperationSuspended', { channel: 'trade' }));
    const second = await record(aStateChange('CooperationRestricted', { channel: 'trade' }));
    const client = await connect('?after=0', { 'Last-Event-ID': `${second.position - 1}.1` });
    await client.waitFor((m) => m.length === 2);
    expect(idsOf(client.messages)).toEqual([`${second.position}.0`, `${second.position}.1`]);
  });

  describe('ids that cannot be resumed from', () => {
    const live = () => request(bed.app().url).get('/v1/live').set(auth);

    beforeEach(async () => {
      for (let i = 0; i < 3; i++) await record(aStateChange('CooperationSuspended'));
    });

    it.each([
      ['Last-Event-ID', '999', /beyond the last recorded position \(3\)/],
      ['Last-Event-ID', '999.2', /beyond the last recorded position \(3\)/],
      ['Last-Event-ID', '99999999999999999999999', /not a live message id/],
      ['Last-Event-ID', 'yesterday', /not a live message id/],
      ['Last-Event-ID', '3.x', /not a live message id/],
    ])('given %s: %s, when connecting, then 400 naming it', async (header, value, message) => {
      const response = await live().set(header, value).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([
        { field: header, message: expect.stringMatching(message) },
      ]);
    });

    it.each([
      ['999', /beyond the last recorded position \(3\)/],
      ['1e308', /not a live message id/],
      ['99999999999999999999999', /not a live message id/],
      ['-1', /not a live message id/],
    ])('given ?after=%s, when connecting, then 400 naming after', async (after, message) => {
      const response = await request(bed.app().url)
        .get(`/v1/live?after=${after}`)
        .set(auth)
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'after', message: expect.stringMatching(message) },
      ]);
    });

    it('given the head itself, when connecting, then the stream opens and waits for what comes next', async () => {
      const client = await connect('', { 'Last-Event-ID': '3' });
      expect(client.status).toBe(200);
      const next = await record(aStateChange('CooperationResumed'));
      await client.waitFor((m) => m.length >= 1);
      expect(client.messages[0].id).toBe(`${next.position}.0`);
    });
  });

  it('given 1,504 events of about 7 kB, when a client that reads at its own pace resumes from 0, then it gets all of them on one connection, without being cut off', async () => {
    const summary = 's'.repeat(1_900);
    const quote = 'q'.repeat(4_500);
    for (let batch = 0; batch < 4; batch++) {
      const size = batch < 3 ? 500 : 4;
      const events = Array.from({ length: size }, (_, i) =>
        aStateChange('CooperationSuspended', {
          channel: `bulk-${batch}-${i}`,
          summary,
          sources: [{ kind: 'news-report', outlet: 'Test Wire', quote }],
        }),
      );
      await as(bed.app(), 'recorder').post('/v1/events/batch', { events }).expect(201);
    }
    const client = await connect('?after=0&type=CooperationSuspended');
    await client.waitFor((m) => m.length === 1_504, 60_000);
    expect(client.messages.some((m) => m.event === 'closing')).toBe(false);
    expect(client.ended).toBe(false);
    const positions = client.messages.map((m) => Number(m.id!.split('.')[0]));
    expect(new Set(positions).size).toBe(1_504);
  }, 90_000);
});
