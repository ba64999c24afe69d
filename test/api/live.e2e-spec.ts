import { aStateChange, aStatement } from '@entente/domain/testing';
import request from 'supertest';
import { as } from '../support/api-client';
import { type SseMessage } from '../support/sse-client';
import { liveTestbed, READER_AUTH } from '../support/live-testbed';

const auth = READER_AUTH;
const positionsOf = (messages: SseMessage[], event = 'event') =>
  messages.filter((m) => m.event === event).map((m) => Number(m.id!.split('.')[0]));

describe('GET /v1/live (server-sent events)', () => {
  const bed = liveTestbed();
  const { connect, record } = bed;

  it('given a follower, when a suspension is recorded, then an event message and a relation message arrive, their ids the position and their index in it', async () => {
    const client = await connect();
    expect(client.status).toBe(200);
    const recorded = await record(aStateChange('CooperationSuspended'));
    await client.waitFor((m) => m.some((x) => x.event === 'relation'));
    expect(client.messages.map((m) => [m.event, m.id])).toEqual([
      ['event', `${recorded.position}.0`],
      ['relation', `${recorded.position}.1`],
    ]);
    expect(client.messages[0].data).toMatchObject({
      eventId: recorded.eventId,
      type: 'CooperationSuspended',
    });
    expect(client.messages[1].data).toMatchObject({
      actor: 'COL',
      target: 'USA',
      channel: 'intelligence',
      eventId: recorded.eventId,
      current: { status: 'suspended', since: '2025-11-11T00:00:00.000Z' },
    });
  });

  it('given filters, when several things are recorded, then only what passes them arrives', async () => {
    const intelligence = await connect(
      '?actor=COL&channel=intelligence&type=CooperationSuspended,relation',
    );
    const statements = await connect('?type=StatementIssued');
    await record(aStateChange('CooperationSuspended', { channel: 'military' }));
    const wanted = await record(aStateChange('CooperationSuspended'));
    const statement = await record(aStatement());
    await statements.waitFor((m) => m.length >= 1);
    await intelligence.waitFor((m) => m.length >= 2);
    expect(intelligence.messages.map((m) => [m.event, m.id])).toEqual([
      ['event', `${wanted.position}.0`],
      ['relation', `${wanted.position}.1`],
    ]);
    expect(statements.messages.map((m) => m.id)).toEqual([`${statement.position}.0`]);
  });

  it('given followers sharing a filter beside others, when facts are recorded, then each gets what its own filter passes, and those sharing one the same messages', async () => {
    const [first, second] = [
      await connect('?channel=intelligence'),
      await connect('?channel=intelligence'),
    ];
    const everything = await connect();
    const military = await connect('?channel=military');
    const recorded = [
      await record(aStateChange('CooperationSuspended')),
      await record(aStateChange('CooperationSuspended', { channel: 'military' })),
      await record(aStateChange('CooperationResumed')),
    ];
    await everything.waitFor((m) => m.length >= 6);
    await military.waitFor((m) => m.length >= 2);
    await first.waitFor((m) => m.length >= 4);
    await second.waitFor((m) => m.length >= 4);
    const ids = (messages: SseMessage[]) => messages.map((m) => m.id);
    const at = (i: number) => [`${recorded[i].position}.0`, `${recorded[i].position}.1`];
    expect(ids(everything.messages)).toEqual([...at(0), ...at(1), ...at(2)]);
    expect(ids(military.messages)).toEqual(at(1));
    expect(ids(first.messages)).toEqual([...at(0), ...at(2)]);
    expect(second.messages).toEqual(first.messages);
  });

  it('given between=COL,USA, when facts are recorded either way and elsewhere, then only those of the pair arrive', async () => {
    const pair = await connect('?between=COL,USA&type=CooperationSuspended,StatementIssued');
    const there = await record(aStateChange('CooperationSuspended'));
    await record(aStateChange('CooperationSuspended', { actor: 'GBR', target: 'USA' }));
    const back = await record(aStatement({ actor: 'USA', target: 'COL' }));
    await pair.waitFor((m) => m.length >= 2);
    expect(pair.messages.map((m) => m.id)).toEqual([`${there.position}.0`, `${back.position}.0`]);
    const wrong = await request(bed.app().url)
      .get('/v1/live?between=COL&actor=USA')
      .set(auth)
      .expect(400);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toContain('between');
  });

  it('given a follower that drops, when it reconnects with Last-Event-ID, then it gets exactly what it missed, then live', async () => {
    const first = await connect();
    const before = [];
    for (let i = 0; i < 5; i++)
      before.push(await record(aStateChange('CooperationSuspended', { channel: `c${i}` })));
    await first.waitFor((m) => positionsOf(m).length === 5);
    const resumeFrom = first.lastEventId!;
    first.close();

    const missed = [];
    for (let i = 0; i < 7; i++)
      missed.push(await record(aStateChange('CooperationRestricted', { channel: `c${i}` })));
    const second = await connect('', { 'Last-Event-ID': resumeFrom });
    await second.waitFor((m) => positionsOf(m).length === 7);
    const live = await record(aStateChange('CooperationResumed', { channel: 'c0' }));
    await second.waitFor((m) => positionsOf(m).includes(live.position));

    expect(positionsOf(second.messages)).toEqual([...missed.map((r) => r.position), live.position]);
    expect(positionsOf(second.messages, 'relation')).toEqual([
      ...missed.map((r) => r.position),
      live.position,
    ]);
    const ids = second.messages.map((m) => `${m.event}:${m.id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('given a follower that drops before its first message, when it reconnects with the id the stream opened with, then it gets what was recorded meanwhile', async () => {
    const before = await record(aStateChange('CooperationSuspended', { channel: 'early' }));
    // A read waits for the read models: the stream then opens after `before`.
    await as(bed.app(), 'reader').get('/v1/relations/COL/USA').expect(200);
    const first = await connect();
    await first.waitFor(() => first.lastEventId !== null);
    expect(first.messages).toEqual([]);
    expect(Number(first.lastEventId)).toBeGreaterThanOrEqual(before.position);
    first.close();

    const missed = await record(aStateChange('CooperationRestricted', { channel: 'early' }));
    const second = await connect('', { 'Last-Event-ID': first.lastEventId! });
    await second.waitFor((m) => positionsOf(m).length === 1);
    expect(positionsOf(second.messages)).toEqual([missed.position]);
  });

  it('given a browser reconnecting to a URL with ?after=, when it sends Last-Event-ID, then the header decides where it resumes', async () => {
    const seen = await record(aStateChange('CooperationSuspended', { channel: 'seen' }));
    const missed = await record(aStateChange('CooperationRestricted', { channel: 'seen' }));
    const client = await connect('?after=0', { 'Last-Event-ID': String(seen.position) });
    await client.waitFor((m) => positionsOf(m).length >= 1);
    expect(positionsOf(client.messages)).toEqual([missed.position]);
  });

  it('given ?after=0, when connecting, then the whole history is replayed in order before live messages', async () => {
    const recorded = [];
    for (let i = 0; i < 4; i++)
      recorded.push(await record(aStateChange('CooperationSuspended', { channel: `h${i}` })));
    const client = await connect('?after=0');
    await client.waitFor((m) => positionsOf(m).length === 4);
    expect(positionsOf(client.messages)).toEqual(recorded.map((r) => r.position));
  });

  it('given an idle stream, when time passes, then heartbeats keep it open', async () => {
    const client = await connect();
    await client.waitFor(
      () => client.comments.filter((c) => c.startsWith('heartbeat')).length >= 2,
    );
  });

  it('given a follower that stops reading, when much is recorded, then the server cuts it off instead of buffering without bound', async () => {
    const slow = await connect();
    slow.pause();
    const summary = 'y'.repeat(1900);
    const liveClients = async () =>
      (await request(bed.app().url).get('/health').expect(200)).body.details.live.clients as number;
    expect(await liveClients()).toBe(1);
    for (let round = 0; round < 40 && (await liveClients()) > 0; round++) {
      const events = Array.from({ length: 500 }, (_, i) =>
        aStateChange('CooperationSuspended', { channel: `bulk-${round}-${i}`, summary }),
      );
      await as(bed.app(), 'recorder').post('/v1/events/batch', { events }).expect(201);
    }
    expect(await liveClients()).toBe(0);
    slow.resume();
    await slow.waitForEnd(20_000);
    expect(slow.messages.at(-1)).toMatchObject({
      event: 'closing',
      data: { reason: 'slow-consumer' },
    });
  }, 60_000);

  it('given a malformed Last-Event-ID, when connecting, then 400 problem+json', async () => {
    const response = await request(bed.app().url)
      .get('/v1/live')
      .set(auth)
      .set('Last-Event-ID', 'yesterday')
      .expect(400);
    expect(response.body.errors[0].field).toBe('Last-Event-ID');
  });

  it('given followers, when the server shuts down, then each is told why before the stream ends', async () => {
    const client = await connect();
    await bed.app().close();
    await client.waitForEnd();
    expect(client.messages.at(-1)).toMatchObject({
      event: 'closing',
      data: { reason: 'shutdown' },
    });
  });
});
