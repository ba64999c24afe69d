import { once } from 'node:events';
import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/machine';
import type { CaseContext, CaseResult, FigureSpec, Profile } from '../../harness/types';
import type { LoadConfig, LoadResult } from '../../load/autocannon.child';
import { runLoad, startApi } from '../../support/api';
import { spawnTs, stopProcess } from '../../support/processes';

/** The history the API answers from over HTTP (every read model projected: see the README on why). */
export const HTTP_SIZE: Record<Profile, number> = { full: 100_000, quick: 10_000, smoke: 2_000 };
const HTTP: Record<Profile, { seconds: number; warmup: number }> = {
  full: { seconds: 20, warmup: 5 },
  quick: { seconds: 2, warmup: 1 },
  smoke: { seconds: 2, warmup: 1 },
};
const CONNECTIONS = 200;

/**
 * The relations route at (at, knownAt) over `paths` on the built API, then GET /health on the same
 * process (the framework's own latency at that concurrency), then a bare node:http server (the machine's),
 * each under the same load.
 */
export async function overHttp(
  dataDir: string,
  paths: readonly string[],
  context: CaseContext,
): Promise<CaseResult> {
  const { seconds, warmup } = HTTP[context.profile];
  const load = (url: string, headers: LoadConfig['headers'], routes?: readonly string[]) =>
    runLoad(
      {
        url,
        connections: CONNECTIONS,
        durationSeconds: seconds,
        warmupSeconds: warmup,
        method: 'GET',
        headers,
        paths: routes,
      },
      context.dir,
      context.log,
    );
  const api = await startApi({ dataDir, log: context.log });
  let result: LoadResult;
  let health: LoadResult;
  try {
    result = await load(api.url, { authorization: `Bearer ${api.keys.reader}` }, paths);
    health = await load(`${api.url}/health`, {});
  } finally {
    await api.stop();
  }
  const bare = await underBareServer((url) => load(url, {}));
  for (const [what, r] of [
    ['relations', result],
    ['health', health],
    ['bare node:http', bare],
  ] as const) {
    context.log(
      `HTTP ${what}: ${Math.round(r.requestsPerSecond)} requests/s, p50 ${r.latencyMs.p50.toFixed(1)} ms, ` +
        `p99 ${r.latencyMs.p99.toFixed(1)} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
    );
  }
  const failed = result.non2xx + result.errors + result.timeouts;
  const k = (what: string) => `http.${what}`;
  return {
    values: {
      [k('p99-ms')]: result.latencyMs.p99,
      [k('p50-ms')]: result.latencyMs.p50,
      [k('requests-per-s')]: result.requestsPerSecond,
      [k('failed')]: failed,
      [k('health.p99-ms')]: health.latencyMs.p99,
      [k('health.requests-per-s')]: health.requestsPerSecond,
      [k('bare.p99-ms')]: bare.latencyMs.p99,
      [k('bare.requests-per-s')]: bare.requestsPerSecond,
    },
    notes:
      failed > 0
        ? {
            [k('failed')]:
              `status codes ${JSON.stringify(result.statusCodes)}, ${result.errors} errors, ` +
              `${result.timeouts} timeouts`,
          }
        : {},
  };
}

async function underBareServer(measure: (url: string) => Promise<LoadResult>): Promise<LoadResult> {
  const server = spawnTs(join(REPO_ROOT, 'bench', 'load', 'bare-http.child.ts'), []);
  try {
    // A server that dies before it listens fails the case instead of leaving it waiting for a port.
    const [chunk] = (await Promise.race([
      once(server.stdout!, 'data'),
      once(server, 'exit').then(([code]) => {
        throw new Error(`the bare node:http server exited (${code}) before listening`);
      }),
    ])) as [Buffer];
    return await measure(`http://127.0.0.1:${Number(chunk.toString().trim())}/health`);
  } finally {
    await stopProcess(server);
  }
}

export function httpFigures(profile: Profile): FigureSpec[] {
  const events = HTTP_SIZE[profile].toLocaleString('en-US');
  return [
    {
      name: `HTTP: p99 of GET /v1/relations/{actor}/{target}?at&knownAt, ${CONNECTIONS} connections (${events} events)`,
      metric: 'request latency (p99)',
      unit: 'ms',
      key: 'http.p99-ms',
      comparison: {
        name: `GET /health p99, same app, ${CONNECTIONS} connections`,
        key: 'http.health.p99-ms',
      },
      target: { kind: 'absolute', op: '<', value: 10 },
    },
    {
      name: 'HTTP: reference: p50 of the same requests',
      metric: 'request latency (p50)',
      unit: 'ms',
      key: 'http.p50-ms',
      target: null,
    },
    {
      name: 'HTTP: requests that failed (non-2xx, errors, timeouts)',
      metric: 'errors',
      unit: 'requests',
      key: 'http.failed',
      target: { kind: 'absolute', op: '<=', value: 0 },
      noteKeys: ['http.failed'],
    },
    {
      name: 'HTTP: reference: requests/s',
      metric: 'throughput',
      unit: 'requests/s',
      key: 'http.requests-per-s',
      comparison: { name: 'GET /health requests/s, same load', key: 'http.health.requests-per-s' },
      target: null,
    },
    {
      name: 'HTTP: reference: GET /health requests/s vs a bare node:http server, same load',
      metric: 'throughput',
      unit: 'requests/s',
      key: 'http.health.requests-per-s',
      comparison: {
        name: 'bare node:http server answering the same body',
        key: 'http.bare.requests-per-s',
      },
      target: null,
    },
    {
      name: `HTTP: reference: p99 of a bare node:http server, ${CONNECTIONS} connections`,
      metric: 'request latency (p99)',
      unit: 'ms',
      key: 'http.bare.p99-ms',
      target: null,
    },
  ];
}

export function httpDescription(profile: Profile): string {
  return [
    `HTTP: the built API on ${HTTP_SIZE[profile].toLocaleString('en-US')} events with every read model`,
    `projected (cached), autocannon in its own process, ${CONNECTIONS} connections, ${HTTP[profile].warmup} s`,
    `warm-up then ${HTTP[profile].seconds} s, each request a random pair with random at and knownAt (every`,
    'channel of the pair is answered); then GET /health under the same load on the same process (the',
    "framework's own latency at that concurrency), and a bare node:http server answering /health's body",
    '(the machine’s own, which varies several times between days); latencies from autocannon, per response.',
  ].join(' ');
}
