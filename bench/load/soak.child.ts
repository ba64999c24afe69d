/**
 * The load of the soak scenario, in its own process: node --import tsx bench/load/soak.child.ts <config.json>
 * For `seconds`, on a fixed schedule whatever the answers (open loop, at most MAX_IN_FLIGHT requests at
 * once, the rest counted as skipped): new facts one at a time and in batches, and reads on every route
 * (round robin), with a rebuild of the timeline at `rebuildAtSeconds`. Prints one SoakLoadResult on stdout:
 * what was acknowledged, and latency per window of `windowSeconds` (every request, reads and writes).
 */
import { readFileSync } from 'node:fs';
import { percentile } from '../harness/stats';
import { recordingBodies } from '../scenarios/history/bodies';

export interface SoakLoadConfig {
  readonly url: string;
  readonly keys: { readonly reader: string; readonly recorder: string; readonly admin: string };
  readonly seconds: number;
  readonly windowSeconds: number;
  /** Single facts per second. */
  readonly recordRate: number;
  /** A batch of `batchSize` facts every `batchEverySeconds`. */
  readonly batchEverySeconds: number;
  readonly batchSize: number;
  /** Reads per second, over READS in turn. */
  readonly readRate: number;
  readonly rebuildAtSeconds: number;
  readonly bodySeed: number;
}

export interface SoakWindow {
  readonly fromSeconds: number;
  readonly requests: number;
  readonly p50: number | null;
  readonly p99: number | null;
  /**
   * The p99 of the requests sent more than AFTER_BURST_MS after the last batch and the rebuild: apart
   * from the bursts of work a batch of facts sets off (50 facts to project and to write to every
   * follower at once), what the steady load alone waits.
   */
  readonly p99AwayFromBursts: number | null;
}

export interface SoakLoadResult {
  readonly acks: readonly { readonly eventId: string; readonly position: number }[];
  readonly requests: number;
  /** Non-2xx answers and failed requests, by route and status (or `error`). */
  readonly failures: Readonly<Record<string, number>>;
  /** Requests not sent because MAX_IN_FLIGHT were already waiting: the API fell behind the schedule. */
  readonly skipped: number;
  readonly windows: readonly SoakWindow[];
  /**
   * p99 per route over the whole run, and its median per window: a median that grows is a route whose
   * own work grows (its answers, or a query that reads more as the history grows), while the p99 of
   * every route moves together with whatever holds up the event loop.
   */
  readonly routes: Readonly<
    Record<
      string,
      {
        readonly requests: number;
        readonly p99: number | null;
        readonly p50ByWindow: readonly (number | null)[];
      }
    >
  >;
  readonly rebuild: { readonly status: number; readonly atSeconds: number } | null;
}

const MAX_IN_FLIGHT = 64;
const AFTER_BURST_MS = 1_000;
const now = () => performance.now();

/** Every read route, with what it needs from the pairs recorded and the facts acknowledged. */
const READS: readonly [string, (p: Pair, lastEventId: string | undefined) => string][] = [
  ['relations', (p) => `/v1/relations/${p.actor}/${p.target}`],
  ['relations at', (p) => `/v1/relations/${p.actor}/${p.target}?at=2024-06&knownAt=2025`],
  ['timeline', (p) => `/v1/relations/${p.actor}/${p.target}/timeline`],
  ['audit', (p) => `/v1/relations/${p.actor}/${p.target}/audit?channel=${p.channel}`],
  ['context', (p) => `/v1/relations/${p.actor}/${p.target}/context`],
  ['actors', () => '/v1/actors'],
  ['actor', (p) => `/v1/actors/${p.actor}`],
  ['actor relations', (p) => `/v1/actors/${p.actor}/relations`],
  ['events', (p) => `/v1/events?actor=${p.actor}&limit=50`],
  ['event', (_p, id) => (id ? `/v1/events/${id}` : '/v1/events?limit=1')],
  ['health', () => '/health'],
  ['metrics', () => '/metrics'],
  ['admin projections', () => '/v1/admin/projections'],
  ['openapi', () => '/docs/openapi.json'],
];

interface Pair {
  readonly actor: string;
  readonly target: string;
  readonly channel: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as SoakLoadConfig;
  const singles = Math.ceil(config.recordRate * config.seconds);
  const batches = Math.floor(config.seconds / config.batchEverySeconds);
  const bodies = recordingBodies(singles + batches * config.batchSize, config.bodySeed, Date.now());
  const pairs: Pair[] = bodies.slice(0, 200).map((b) => JSON.parse(b) as Pair);
  const started = now();
  const latencies: number[][] = [];
  const awayFromBursts: number[][] = [];
  let lastBurstAt = -Infinity;
  const byRouteWindow = new Map<string, number[][]>();
  const failures: Record<string, number> = {};
  const acks: { eventId: string; position: number }[] = [];
  let inFlight = 0;
  let skipped = 0;
  let requests = 0;
  let rebuild: SoakLoadResult['rebuild'] = null;
  const pending = new Set<Promise<void>>();

  const fail = (what: string) => (failures[what] = (failures[what] ?? 0) + 1);
  const send = (
    route: string,
    path: string,
    key: string,
    body?: string,
    onAnswer?: (status: number, text: string) => void,
  ) => {
    // The rebuild is the scenario's one control request: it goes whatever is in flight.
    if (inFlight >= MAX_IN_FLIGHT && route !== 'rebuild') {
      skipped++;
      return;
    }
    inFlight++;
    requests++;
    const sentAt = now();
    if (route === 'record batch' || route === 'rebuild') lastBurstAt = sentAt;
    const afterBurst = sentAt - lastBurstAt < AFTER_BURST_MS;
    const request = (async () => {
      try {
        const response = await fetch(`${config.url}${path}`, {
          method: body ? 'POST' : 'GET',
          headers: {
            authorization: `Bearer ${key}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body,
        });
        const text = await response.text();
        if (response.ok) onAnswer?.(response.status, text);
        else fail(`${route} ${response.status}`);
      } catch {
        fail(`${route} error`);
      }
      const latency = now() - sentAt;
      const window = Math.floor((sentAt - started) / 1000 / config.windowSeconds);
      (latencies[window] ??= []).push(latency);
      if (!afterBurst) (awayFromBursts[window] ??= []).push(latency);
      const routeWindows = byRouteWindow.get(route) ?? [];
      (routeWindows[window] ??= []).push(latency);
      byRouteWindow.set(route, routeWindows);
    })().finally(() => {
      inFlight--;
      pending.delete(request);
    });
    pending.add(request);
  };

  // One schedule for everything: each tick sends what is due by then.
  const due = { single: 0, read: 0, batch: 0 };
  let nextBody = 0;
  let rebuilt = false;
  const acknowledge = (_status: number, text: string) => {
    const answer = JSON.parse(text) as {
      eventId?: string;
      position?: number;
      events?: { eventId: string; position: number }[];
    };
    if (answer.events)
      acks.push(...answer.events.map(({ eventId, position }) => ({ eventId, position })));
    else if (answer.eventId) acks.push({ eventId: answer.eventId, position: answer.position! });
  };
  while (now() - started < config.seconds * 1000) {
    const elapsed = (now() - started) / 1000;
    while (due.single < Math.min(singles, elapsed * config.recordRate)) {
      due.single++;
      send('record', '/v1/events', config.keys.recorder, bodies[nextBody++], acknowledge);
    }
    while (due.batch < Math.min(batches, Math.floor(elapsed / config.batchEverySeconds))) {
      due.batch++;
      const events = bodies
        .slice(nextBody, nextBody + config.batchSize)
        .map((b) => JSON.parse(b) as unknown);
      nextBody += config.batchSize;
      send(
        'record batch',
        '/v1/events/batch',
        config.keys.recorder,
        JSON.stringify({ events }),
        acknowledge,
      );
    }
    while (due.read < elapsed * config.readRate) {
      const [route, path] = READS[due.read % READS.length];
      const pair = pairs[Math.floor(due.read / READS.length) % pairs.length];
      const key = route === 'admin projections' ? config.keys.admin : config.keys.reader;
      send(route, path(pair, acks.at(-1)?.eventId), key);
      due.read++;
    }
    if (!rebuilt && elapsed >= config.rebuildAtSeconds) {
      rebuilt = true;
      send(
        'rebuild',
        '/v1/admin/projections/relation-timeline/rebuild',
        config.keys.admin,
        '{}',
        (status) => (rebuild = { status, atSeconds: elapsed }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);

  const result: SoakLoadResult = {
    acks: acks.sort((a, b) => a.position - b.position),
    requests,
    failures,
    skipped,
    windows: latencies.map((values, i) => ({
      fromSeconds: i * config.windowSeconds,
      requests: values?.length ?? 0,
      p50: percentile(values ?? [], 50),
      p99: percentile(values ?? [], 99),
      p99AwayFromBursts: percentile(awayFromBursts[i] ?? [], 99),
    })),
    routes: Object.fromEntries(
      [...byRouteWindow].map(([route, windows]) => {
        const values = windows.flat();
        return [
          route,
          {
            requests: values.length,
            p99: percentile(values, 99),
            p50ByWindow: latencies.map((_, i) => percentile(windows[i] ?? [], 50)),
          },
        ];
      }),
    ),
    rebuild,
  };
  process.stdout.write(JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
