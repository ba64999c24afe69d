/**
 * The load generator, in its own process: node --import tsx bench/load/autocannon.child.ts <config.json>
 * Runs autocannon against the API (an optional warm-up, then the measured run) and prints one JSON
 * LoadResult on stdout. Latencies are autocannon's own response times (from writing the request to the
 * end of the response, float milliseconds), kept for every response whatever its status, so that the
 * percentiles have sub-millisecond resolution (autocannon's histogram keeps whole milliseconds).
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { percentile } from '../harness/stats';
import { recordingBodies } from '../scenarios/history/bodies';

export interface LoadConfig {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  /** Paths cycled through in order, one per request; the url's own path when absent. */
  readonly paths?: readonly string[];
  /** Bodies cycled through in order, one per request. */
  readonly bodies?: readonly string[];
  /**
   * Or bodies of `POST /v1/events` made here, before the load starts (see recordingBodies): enough that
   * none is sent twice, since a repeated body is a second report at the same valid time.
   */
  readonly recordingBodies?: {
    readonly count: number;
    readonly seed: number;
    readonly nowMs: number;
  };
}

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly non2xx: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly timeouts: number;
  /** Requests that had to reuse a body already sent (the bodies ran out). */
  readonly repeatedBodies?: number;
}

/**
 * One autocannon run of warm-up and measurement together, on the same connections: a measured run that
 * opened connections of its own would measure their start too (of 200 opened at once, about half wait
 * seconds for their first answer, whatever the server). What is measured is what was sent after the
 * warm-up; errors and timeouts are counted from then too.
 */
async function run(
  config: LoadConfig,
  bodies: readonly string[] | undefined,
): Promise<LoadResult & { sent: number }> {
  let next = 0;
  let measuring = false;
  let measuredFrom = 0;
  const { paths } = config;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let instance: autocannon.Instance;
  const finished = new Promise<void>((resolve, reject) => {
    instance = autocannon(
      {
        url: config.url,
        connections: config.connections,
        duration: config.warmupSeconds + config.durationSeconds,
        method: config.method,
        headers: { ...config.headers },
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => {
              const i = next++;
              if (paths) request.path = paths[i % paths.length];
              if (bodies) request.body = bodies[i % bodies.length];
              return request;
            },
          },
        ],
      },
      (error: unknown) => (error ? reject(error) : resolve()),
    );
  });
  const started = performance.now();
  const warmup = setTimeout(() => {
    measuring = true;
    measuredFrom = performance.now();
  }, config.warmupSeconds * 1000);
  const sentWhileMeasuring = (responseTime: number) =>
    measuring && performance.now() - responseTime >= measuredFrom;
  instance!.on('response', (_client, statusCode: number, _bytes, responseTime: number) => {
    if (!sentWhileMeasuring(responseTime)) return;
    latencies.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  });
  instance!.on('reqError', (error: Error) => {
    if (!measuring) return;
    errors++;
    if (/timed out/i.test(error.message)) timeouts++;
  });
  await finished;
  clearTimeout(warmup);
  const seconds = (performance.now() - (measuring ? measuredFrom : started)) / 1000;
  const ok = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    sent: next,
    requests: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    latencyMs: {
      p50: percentile(latencies, 50) ?? NaN,
      p90: percentile(latencies, 90) ?? NaN,
      p99: percentile(latencies, 99) ?? NaN,
      max: percentile(latencies, 100) ?? NaN,
    },
    non2xx: latencies.length - ok,
    statusCodes,
    errors,
    timeouts,
  };
}

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadConfig;
  const made = config.recordingBodies;
  const bodies = made ? recordingBodies(made.count, made.seed, made.nowMs) : config.bodies;
  const { sent, ...result } = await run(config, bodies);
  const repeated = bodies ? Math.max(0, sent - bodies.length) : 0;
  process.stdout.write(JSON.stringify({ ...result, repeatedBodies: repeated }));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
