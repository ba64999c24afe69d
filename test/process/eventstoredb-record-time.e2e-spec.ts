import { aStateChange } from '@entente/domain/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS } from '../support/api-client';
import { EventStoreDbDouble } from '../eventstoredb-double';
import { serverEnv, startApiProcess, whenServing, type TestProcess } from '../support/api-process';

const SHIFTED_CLOCK = join(__dirname, '..', 'support', 'shifted-clock.cjs');
const TEN_MINUTES = 10 * 60_000;

interface Node {
  readonly url: string;
  readonly process: TestProcess;
  readonly dataDir: string;
}

/**
 * Two API processes on one EventStoreDB (the gRPC double), one of them on a machine whose clock is ten
 * minutes ahead: record time must be the store's, so that both nodes agree on what was recorded by when.
 */
describe('record time on EventStoreDB, with API nodes whose clocks disagree', () => {
  let double: EventStoreDbDouble;
  const nodes: Node[] = [];

  const startNode = async (clockShiftMs: number): Promise<Node> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'entente-esdb-node-'));
    const server = await startApiProcess(
      {
        ...serverEnv(0, dataDir),
        EVENTSTORE_CONNECTION_STRING: double.connectionString,
        CLOCK_SHIFT_MS: String(clockShiftMs),
      },
      ['--require', SHIFTED_CLOCK],
    );
    const port = await whenServing(server);
    const node = { url: `http://127.0.0.1:${port}`, process: server, dataDir };
    nodes.push(node);
    return node;
  };
  const call = async (node: Node, path: string, body?: object) => {
    const response = await fetch(`${node.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        Authorization: `Bearer ${body ? KEYS.recorder : KEYS.reader}`,
        'Content-Type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    double = await EventStoreDbDouble.start({ maxAppendSize: 4 * 1024 * 1024 });
  });
  afterAll(async () => {
    for (const node of nodes) {
      node.process.child.kill('SIGTERM');
      await node.process.exited;
      rmSync(node.dataDir, { recursive: true, force: true });
    }
    await double.stop();
  });

  it('given facts recorded alternately through a node on time and one ten minutes ahead, when each node is asked, then record time follows the log, comes from the store, and both answer "as known at K" alike', async () => {
    const onTime = await startNode(0);
    const ahead = await startNode(TEN_MINUTES);
    const before = Date.now();
    const recorded: { position: number; recordedAt: string }[] = [];
    for (const [i, node] of [ahead, onTime, ahead, onTime].entries()) {
      const body = aStateChange('CooperationSuspended', { channel: `c${i + 1}` });
      recorded.push((await call(node, '/v1/events', body)) as (typeof recorded)[number]);
      // Distinct milliseconds on the store's clock, so that "known at" can fall between two facts.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const after = Date.now();

    const times = recorded.map((r) => Date.parse(r.recordedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const time of times) {
      expect(time).toBeGreaterThanOrEqual(before - 1_000);
      expect(time).toBeLessThanOrEqual(after + 1_000);
    }

    const knownAt = recorded[1].recordedAt;
    const answers = [];
    for (const node of [onTime, ahead]) {
      const events = (await call(node, '/v1/events?limit=10')) as {
        events: { position: number; recordedAt: string }[];
      };
      expect(events.events.map((e) => [e.position, e.recordedAt])).toEqual(
        recorded.map((r) => [r.position, r.recordedAt]),
      );
      const state = (await call(node, `/v1/relations/COL/USA?knownAt=${knownAt}`)) as {
        channels: { channel: string; status: string }[];
      };
      answers.push(state.channels.map((c) => [c.channel, c.status]));
    }
    expect(answers[0]).toEqual([
      ['c1', 'suspended'],
      ['c2', 'suspended'],
      ['c3', 'unknown'],
      ['c4', 'unknown'],
    ]);
    expect(answers[1]).toEqual(answers[0]);
  }, 240_000);
});
