/**
 * Scenario 9, soak: the built API under a steady mixed load for a long time (30 minutes; 3 in --quick):
 * facts recorded one at a time and in batches, reads on every route, 200 live followers, and a rebuild of
 * the timeline midway. Held to: memory (RSS) and p99 latency flat within 20% from the end of the warm-up
 * (the first sixth: minute 5 of 30) to the end, no error, and nothing lost (the store holds exactly the
 * acknowledged facts, and every follower got each of them once).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/machine';
import type { CaseContext, CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import type { SoakLoadConfig, SoakLoadResult } from '../load/soak.child';
import type { FanOutResult } from '../load/sse-subscribers.child';
import { startApi, type RunningApi } from '../support/api';
import { nextMessage, runTs, spawnTs, stopProcess } from '../support/processes';
import { judge, type RssSample, type RuntimeSample } from './soak/judge';
import { readProc } from './soak/proc-sample';

interface Sizes {
  readonly seconds: number;
  readonly windowSeconds: number;
  readonly followers: number;
  readonly recordRate: number;
  readonly batchEverySeconds: number;
  readonly readRate: number;
}

const SIZES: Record<Profile, Sizes> = {
  full: {
    seconds: 1_800,
    windowSeconds: 60,
    followers: 200,
    recordRate: 20,
    batchEverySeconds: 30,
    readRate: 100,
  },
  quick: {
    seconds: 180,
    windowSeconds: 15,
    followers: 200,
    recordRate: 20,
    batchEverySeconds: 15,
    readRate: 100,
  },
  smoke: {
    seconds: 12,
    windowSeconds: 2,
    followers: 20,
    recordRate: 10,
    batchEverySeconds: 4,
    readRate: 20,
  },
};
const BATCH_SIZE = 50;
const RSS_EVERY_MS = 5_000;
/** After the last acknowledgement, how long deliveries may still take before they are counted. */
const GRACE_MS = 5_000;
const BODY_SEED = 6_060;

/**
 * The V8 heap in use and reserved, memory outside it (buffers), and the event loop's p99 delay, as the
 * API's own /metrics report them: what of the RSS is V8's and what is native (SQLite, sockets).
 */
async function processFigures(api: RunningApi): Promise<RuntimeSample | null> {
  try {
    const text = await (
      await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${api.keys.reader}` } })
    ).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    return {
      heapMb: value('entente_nodejs_heap_size_used_bytes') / 1e6,
      heapTotalMb: value('entente_nodejs_heap_size_total_bytes') / 1e6,
      externalMb: value('entente_nodejs_external_memory_bytes') / 1e6,
      loopMs: value('entente_nodejs_eventloop_lag_p99_seconds') * 1000,
    };
  } catch {
    return null;
  }
}

/** Every event id the store holds, paging GET /v1/events by position. */
async function storedEventIds(api: RunningApi): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let after = 0; ;) {
    const response = await fetch(`${api.url}/v1/events?limit=1000&after=${after}`, {
      headers: { authorization: `Bearer ${api.keys.reader}` },
    });
    const page = (await response.json()) as {
      events: { eventId: string }[];
      next: number | null;
    };
    for (const event of page.events) ids.add(event.eventId);
    if (page.next === null) return ids;
    after = page.next;
  }
}

async function runCase(name: string, context: CaseContext): Promise<CaseResult> {
  if (name !== 'soak') throw new Error(`unknown case ${name}`);
  const sizes = SIZES[context.profile];
  const api = await startApi({ dataDir: join(context.dir, 'data'), log: context.log });
  const followers = spawnTs(
    join(REPO_ROOT, 'bench', 'load', 'sse-subscribers.child.ts'),
    [`${api.url}/v1/live`, api.keys.reader, String(sizes.followers)],
    { ipc: true },
  );
  followers.stderr!.on('data', (chunk: Buffer) =>
    context.log(`  followers: ${chunk.toString().trim()}`),
  );
  const next = <T>(kind: string) => nextMessage<T>(followers, kind);
  const rss: RssSample[] = [];
  const runtime: RuntimeSample[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    const ready = await next<{ connected: number }>('ready');
    context.log(`${ready.connected} of ${sizes.followers} followers connected`);
    const config: SoakLoadConfig = {
      url: api.url,
      keys: api.keys,
      seconds: sizes.seconds,
      windowSeconds: sizes.windowSeconds,
      recordRate: sizes.recordRate,
      batchEverySeconds: sizes.batchEverySeconds,
      batchSize: BATCH_SIZE,
      readRate: sizes.readRate,
      rebuildAtSeconds: sizes.seconds / 2,
      bodySeed: BODY_SEED,
    };
    const configFile = join(context.dir, 'soak.json');
    writeFileSync(configFile, JSON.stringify(config));
    const started = Date.now();
    const sample = () => {
      const reading = readProc(api.process.pid!);
      if (reading) rss.push({ atSeconds: (Date.now() - started) / 1000, ...reading });
      void processFigures(api).then((figures) => figures && runtime.push(figures));
    };
    sample();
    sampler = setInterval(sample, RSS_EVERY_MS);
    const out = await runTs(join(REPO_ROOT, 'bench', 'load', 'soak.child.ts'), [configFile], {
      timeoutMs: (sizes.seconds + 120) * 1000,
      log: (line) => context.log(`  load: ${line}`),
    });
    clearInterval(sampler);
    sample();
    const load = JSON.parse(out) as SoakLoadResult;
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS));

    const acksFile = join(context.dir, 'acks.json');
    writeFileSync(
      acksFile,
      JSON.stringify(load.acks.map(({ position }) => ({ position, ackMs: 0 }))),
    );
    const delivered = next<FanOutResult>('result');
    followers.send({ kind: 'acks', file: acksFile });
    const live = await delivered;
    const stored = await storedEventIds(api);
    const outcome = judge(sizes, RSS_EVERY_MS, load, { rss, runtime }, live, stored);
    context.log(outcome.summary);
    return { values: outcome.values, notes: outcome.notes };
  } finally {
    clearInterval(sampler);
    await stopProcess(followers, 2_000);
    await api.stop();
  }
}

function figures(profile: Profile): FigureSpec[] {
  const { seconds } = SIZES[profile];
  const from = `from ${seconds / 6 / 60 >= 1 ? `minute ${seconds / 6 / 60}` : `${seconds / 6} s`} to the end`;
  return [
    {
      name: `RSS of the API, highest ${from} vs at its start`,
      metric: 'memory drift',
      unit: 'x',
      key: 'rss.ratio',
      target: { kind: 'absolute', op: '<=', value: 1.2 },
      noteKeys: ['rss', 'runtime'],
    },
    {
      name: `p99 latency of all requests, worst window ${from} vs the first`,
      metric: 'latency drift',
      unit: 'x',
      key: 'p99.ratio',
      target: { kind: 'absolute', op: '<=', value: 1.2 },
      noteKeys: ['p99', 'cpu', 'routes', 'medians'],
    },
    {
      name: `reference: the same drift for requests sent more than a second after the last batch and the rebuild`,
      metric: 'latency drift',
      unit: 'x',
      key: 'p99.away-from-bursts.ratio',
      target: null,
    },
    {
      name: 'failed requests (non-2xx, errors, skipped for falling behind, rebuild not accepted)',
      metric: 'errors',
      unit: 'requests',
      key: 'errors',
      target: { kind: 'absolute', op: '<=', value: 0 },
      noteKeys: ['errors', 'rebuild'],
    },
    {
      name: 'facts lost (acknowledged but not stored, or stored but never acknowledged)',
      metric: 'lost',
      unit: 'facts',
      key: 'lost',
      target: { kind: 'absolute', op: '<=', value: 0 },
    },
    {
      name: 'live deliveries missing (acknowledged facts some follower never got, summed)',
      metric: 'missing deliveries',
      unit: 'deliveries',
      key: 'live.missing',
      target: { kind: 'absolute', op: '<=', value: 0 },
    },
    {
      name: 'live deliveries received twice',
      metric: 'duplicate deliveries',
      unit: 'deliveries',
      key: 'live.duplicates',
      target: { kind: 'absolute', op: '<=', value: 0 },
    },
    {
      name: 'reference: RSS at the start of the steady part',
      metric: 'RSS',
      unit: 'MB',
      key: 'rss.start-mb',
      target: null,
    },
    {
      name: 'reference: highest RSS of the steady part',
      metric: 'RSS',
      unit: 'MB',
      key: 'rss.max-mb',
      target: null,
    },
    {
      name: 'reference: p99 of the first steady window',
      metric: 'latency (p99)',
      unit: 'ms',
      key: 'p99.first-ms',
      target: null,
    },
    {
      name: 'reference: p99 of the worst steady window',
      metric: 'latency (p99)',
      unit: 'ms',
      key: 'p99.max-ms',
      target: null,
    },
    {
      name: 'reference: facts acknowledged',
      metric: 'facts',
      unit: 'facts',
      key: 'facts',
      target: null,
    },
    {
      name: 'reference: requests sent',
      metric: 'requests',
      unit: 'requests',
      key: 'requests',
      target: null,
    },
  ];
}

function describe(profile: Profile): string {
  const s = SIZES[profile];
  return (
    `The built API on a fresh data directory (default settings, rate limit lifted) for ${s.seconds / 60} ` +
    `minutes${profile === 'full' ? '' : ' (30 in full runs)'}, every load on a fixed schedule (open loop, at ` +
    `most 64 requests in flight): ${s.recordRate} new facts/s one at a time and a batch of ${BATCH_SIZE} ` +
    `every ${s.batchEverySeconds} s; ${s.readRate} reads/s in turn over every read route (relations now and ` +
    'at a past time, timeline, audit, context, actors, one actor and its relations, events by actor, one ' +
    'event, health, metrics, admin projections, the OpenAPI document); ' +
    `${s.followers} live followers of GET /v1/live in a process of their own; a rebuild of the timeline ` +
    `at half time. RSS of the API process from /proc every ${RSS_EVERY_MS / 1000} s; p99 over all ` +
    `requests per ${s.windowSeconds} s window. The steady part starts after the first sixth (minute 5 of ` +
    '30). Lost: the acknowledged ids against every id GET /v1/events pages through at the end; followers ' +
    `counted ${GRACE_MS / 1000} s after the last acknowledgement. API, load, followers and harness share ` +
    'the machine.'
  );
}

export const scenario: Scenario = {
  name: 'soak',
  title: '6. Soak',
  order: 6,
  runs: { full: 1, quick: 1, smoke: 1 },
  caseTimeoutSeconds: { full: 2_400, quick: 420, smoke: 120 },
  cases: () => ['soak'],
  runCase,
  figures,
  describe,
};
