/**
 * Scenario 5, live fan-out: 1,000 server-sent-event subscribers on the same filter while 200 events/s are
 * recorded; the time from each append's acknowledgement to its delivery at every subscriber.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseContext, CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import type { RecorderResult } from '../load/recorder.child';
import type { FanOutResult } from '../load/sse-subscribers.child';
import { REPO_ROOT } from '../harness/machine';
import { startApi } from '../support/api';
import { nextMessage, runTs, spawnTs, stopProcess } from '../support/processes';
import { recordingBodies } from './history/bodies';

const SUBSCRIBERS: Record<Profile, number> = { full: 1_000, quick: 1_000, smoke: 50 };
const RATE = 200;
const SECONDS: Record<Profile, number> = { full: 30, quick: 3, smoke: 2 };
/** After the last acknowledgement, how long deliveries may still take before the count is made. */
const GRACE_SECONDS = 2;
const KEY = { actor: 'COL', target: 'USA', channel: 'intelligence' };
const BODY_SEED = 5_151;

async function runCase(name: string, context: CaseContext): Promise<CaseResult> {
  if (name !== 'fan-out') throw new Error(`unknown case ${name}`);
  const subscribers = SUBSCRIBERS[context.profile];
  const seconds = SECONDS[context.profile];
  const api = await startApi({ dataDir: join(context.dir, 'data'), log: context.log });
  const bodiesFile = join(context.dir, 'bodies.json');
  writeFileSync(
    bodiesFile,
    JSON.stringify(recordingBodies(RATE * seconds, BODY_SEED, Date.now(), KEY)),
  );
  const filter = new URLSearchParams(KEY).toString();
  const listeners = spawnTs(
    join(REPO_ROOT, 'bench', 'load', 'sse-subscribers.child.ts'),
    [`${api.url}/v1/live?${filter}`, api.keys.reader, String(subscribers)],
    { ipc: true },
  );
  listeners.stderr!.on('data', (chunk: Buffer) =>
    context.log(`  subscribers: ${chunk.toString().trim()}`),
  );
  const next = <T>(kind: string) => nextMessage<T>(listeners, kind);
  try {
    const ready = await next<{ connected: number }>('ready');
    context.log(`${ready.connected} of ${subscribers} subscribers connected`);
    const out = await runTs(
      join(REPO_ROOT, 'bench', 'load', 'recorder.child.ts'),
      [api.url, api.keys.recorder, String(RATE), String(seconds), bodiesFile],
      { timeoutMs: (seconds + 60) * 1000, log: (line) => context.log(`  recorder: ${line}`) },
    );
    const recorded = JSON.parse(out) as RecorderResult;
    await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000));
    const acksFile = join(context.dir, 'acks.json');
    writeFileSync(acksFile, JSON.stringify(recorded.acks));
    const resultPromise = next<FanOutResult>('result');
    listeners.send({ kind: 'acks', file: acksFile });
    const result = await resultPromise;
    const rate = recorded.acks.length / recorded.seconds;
    context.log(
      `${recorded.acks.length} events acknowledged (${rate.toFixed(0)}/s, ${recorded.failed} failed) to ` +
        `${result.connected} subscribers (${result.dropped} dropped): all delivered p50 ` +
        `${result.allDelivered.p50.toFixed(1)} ms, p99 ${result.allDelivered.p99.toFixed(1)} ms; per ` +
        `delivery p99 ${result.delivery.p99.toFixed(1)} ms; ${result.missing} missing, ${result.duplicates} duplicates`,
    );
    const notes: Record<string, string> = {};
    if (recorded.failed > 0)
      notes['recorder.failed'] = `status codes ${JSON.stringify(recorded.statusCodes)}`;
    if (result.dropped > 0 || result.connected < subscribers) {
      notes.missing = `${result.connected} of ${subscribers} connected, ${result.dropped} streams ended early`;
    }
    return {
      values: {
        'all-delivered.p99-ms': finite(result.allDelivered.p99),
        'all-delivered.p50-ms': finite(result.allDelivered.p50),
        'delivery.p99-ms': finite(result.delivery.p99),
        'delivery.p50-ms': finite(result.delivery.p50),
        missing: result.missing + (subscribers - result.connected) * recorded.acks.length,
        duplicates: result.duplicates,
        'recorder.rate': rate,
        'recorder.failed': recorded.failed,
      },
      notes,
    };
  } finally {
    await stopProcess(listeners, 2_000);
    await api.stop();
  }
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function figures(profile: Profile): FigureSpec[] {
  const n = SUBSCRIBERS[profile].toLocaleString('en-US');
  return [
    {
      name: `acknowledgement to delivery at all ${n} subscribers, p99 over events`,
      metric: 'fan-out latency (p99)',
      unit: 'ms',
      key: 'all-delivered.p99-ms',
      comparison: { name: 'p99 over single deliveries', key: 'delivery.p99-ms' },
      target: { kind: 'absolute', op: '<', value: 100 },
      noteKeys: ['missing'],
    },
    {
      name: 'deliveries missing (acknowledged events some subscriber never received, summed)',
      metric: 'missing deliveries',
      unit: 'deliveries',
      key: 'missing',
      target: { kind: 'absolute', op: '<=', value: 0 },
      noteKeys: ['missing'],
    },
    {
      name: 'deliveries received twice',
      metric: 'duplicate deliveries',
      unit: 'deliveries',
      key: 'duplicates',
      target: { kind: 'absolute', op: '<=', value: 0 },
    },
    {
      name: 'reference: acknowledgement to delivery at all subscribers, p50',
      metric: 'fan-out latency (p50)',
      unit: 'ms',
      key: 'all-delivered.p50-ms',
      target: null,
    },
    {
      name: 'reference: recording rate achieved',
      metric: 'events/s',
      unit: 'events/s',
      key: 'recorder.rate',
      target: null,
    },
    {
      name: 'recorder: failed appends',
      metric: 'errors',
      unit: 'requests',
      key: 'recorder.failed',
      target: { kind: 'absolute', op: '<=', value: 0 },
      noteKeys: ['recorder.failed'],
    },
  ];
}

function describe(profile: Profile): string {
  const n = SUBSCRIBERS[profile].toLocaleString('en-US');
  return (
    `The built API on a fresh data directory (default settings, rate limit lifted). ${n} subscribers to ` +
    `GET /v1/live?actor=${KEY.actor}&target=${KEY.target}&channel=${KEY.channel}, all in one process of ` +
    `their own (raw node:http, one socket each), connected before recording starts; another process POSTs ` +
    `${RATE} facts/s on that key for ${SECONDS[profile]} s${profile === 'full' ? '' : ' (30 s in full runs)'}, ` +
    'on schedule whatever the responses (open loop), each a new fact whose `event: event` message every ' +
    'subscriber should get (timeline `relation` messages flow too and are not timed). Latency: from the ' +
    "201's arrival at the recorder to the message's arrival at a subscriber, both read as " +
    'performance.timeOrigin + performance.now() on the same machine; per event, the latest subscriber counts. ' +
    `Counted ${GRACE_SECONDS} s after the last acknowledgement. API, subscribers, recorder and harness share 2 cores.`
  );
}

export const scenario: Scenario = {
  name: 'fan-out',
  title: '5. Live fan-out',
  order: 5,
  runs: { full: 5, quick: 2, smoke: 1 },
  caseTimeoutSeconds: { full: 300, quick: 120, smoke: 60 },
  cases: () => ['fan-out'],
  runCase,
  figures,
  describe,
};
