/**
 * Scenario 4, recording over HTTP: sustained POST /v1/events from 64 concurrent clients, beside the same
 * app's GET /health under the same load (what the framework itself can serve).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { CaseContext, CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import type { LoadResult } from '../load/autocannon.child';
import { runLoad, startApi } from '../support/api';

const CONNECTIONS = 64;
const DURATION: Record<Profile, { seconds: number; warmup: number }> = {
  full: { seconds: 30, warmup: 5 },
  quick: { seconds: 3, warmup: 1 },
  smoke: { seconds: 2, warmup: 1 },
};
/**
 * Bodies made per second of load, more than the API serves here: each POST records a new fact (no
 * eventId: the server assigns one), and none is sent twice.
 */
const BODIES_PER_SECOND = 5_000;
const BODY_SEED = 4_242;

async function runCase(name: string, context: CaseContext): Promise<CaseResult> {
  const { seconds, warmup } = DURATION[context.profile];
  const dataDir = join(context.dir, 'data');
  // The API as configured by default (SQLITE_DURABILITY=full: an fsync per group commit).
  const api = await startApi({ dataDir, log: context.log });
  let result: LoadResult;
  try {
    if (name === 'post') {
      result = await runLoad(
        {
          url: `${api.url}/v1/events`,
          connections: CONNECTIONS,
          durationSeconds: seconds,
          warmupSeconds: warmup,
          method: 'POST',
          headers: {
            authorization: `Bearer ${api.keys.recorder}`,
            'content-type': 'application/json',
          },
          recordingBodies: {
            count: BODIES_PER_SECOND * (seconds + warmup),
            seed: BODY_SEED,
            nowMs: Date.now(),
          },
        },
        context.dir,
        context.log,
      );
    } else if (name === 'health') {
      result = await runLoad(
        {
          url: `${api.url}/health`,
          connections: CONNECTIONS,
          durationSeconds: seconds,
          warmupSeconds: warmup,
          method: 'GET',
          headers: {},
        },
        context.dir,
        context.log,
      );
    } else throw new Error(`unknown case ${name}`);
  } finally {
    await api.stop();
  }
  const failed = result.non2xx + result.errors + result.timeouts;
  context.log(
    `${name}: ${Math.round(result.requestsPerSecond)} requests/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, ` +
      `p99 ${result.latencyMs.p99.toFixed(1)} ms, failed ${failed}`,
  );
  const values: Record<string, number | null> = {
    [`${name}.requests-per-s`]: result.requestsPerSecond,
    [`${name}.p99-ms`]: result.latencyMs.p99,
    [`${name}.p50-ms`]: result.latencyMs.p50,
    [`${name}.failed`]: failed,
  };
  const notes: Record<string, string> = {};
  if (failed > 0) {
    notes[`${name}.failed`] =
      `status codes ${JSON.stringify(result.statusCodes)}, ${result.errors} errors, ${result.timeouts} timeouts`;
  }
  if (name === 'post') {
    // Every acknowledged fact must be in the store (warm-up included), read after the API stopped.
    const db = new Database(join(dataDir, 'entente.db'), { readonly: true });
    const stored = db.prepare<[], number>('SELECT count(*) FROM events').pluck().get()!;
    db.close();
    values['post.stored'] = stored;
    values['post.measured-requests'] = result.requests;
    if ((result.repeatedBodies ?? 0) > 0) {
      notes['post.repeated'] =
        `${result.repeatedBodies} requests reused a body (the bodies ran out)`;
    }
    if (stored < result.requests - result.non2xx) {
      notes['post.failed'] =
        `${stored} events stored, fewer than the ${result.requests - result.non2xx} acknowledged`;
      values['post.failed'] = failed + (result.requests - result.non2xx - stored);
    }
  }
  return { values, notes };
}

function figures(): FigureSpec[] {
  const health = { name: 'GET /health, same app, same load', key: 'health.requests-per-s' };
  return [
    {
      name: `POST /v1/events, ${CONNECTIONS} connections, vs GET /health (the framework's ceiling)`,
      metric: 'requests/s',
      unit: 'requests/s',
      key: 'post.requests-per-s',
      comparison: health,
      target: { kind: 'ratio', op: '>=', value: 0.4 },
      noteKeys: ['post.repeated'],
    },
    {
      name: `POST /v1/events: p99 latency, ${CONNECTIONS} connections`,
      metric: 'request latency (p99)',
      unit: 'ms',
      key: 'post.p99-ms',
      comparison: { name: 'GET /health p99', key: 'health.p99-ms' },
      target: { kind: 'absolute', op: '<', value: 50 },
    },
    {
      name: 'POST /v1/events: failed requests (non-2xx, errors, timeouts, acknowledged but not stored)',
      metric: 'errors',
      unit: 'requests',
      key: 'post.failed',
      target: { kind: 'absolute', op: '<=', value: 0 },
      noteKeys: ['post.failed'],
    },
    {
      name: 'reference: POST /v1/events p50',
      metric: 'request latency (p50)',
      unit: 'ms',
      key: 'post.p50-ms',
      target: null,
    },
    {
      name: 'reference: GET /health requests/s',
      metric: 'requests/s',
      unit: 'requests/s',
      key: 'health.requests-per-s',
      target: null,
    },
    {
      name: 'reference: GET /health p50',
      metric: 'request latency (p50)',
      unit: 'ms',
      key: 'health.p50-ms',
      target: null,
    },
    {
      name: 'GET /health: failed requests',
      metric: 'errors',
      unit: 'requests',
      key: 'health.failed',
      target: { kind: 'absolute', op: '<=', value: 0 },
      noteKeys: ['health.failed'],
    },
  ];
}

function describe(profile: Profile): string {
  const { seconds, warmup } = DURATION[profile];
  return (
    `The built API on a fresh data directory, as configured by default (SQLITE_DURABILITY=full, group ` +
    `commit) but for the rate limit, lifted; a fresh API process per case. autocannon in its own process, ` +
    `${CONNECTIONS} connections, ${warmup} s warm-up then ${seconds} s${profile === 'full' ? '' : ' (the issue: 30 s)'}. ` +
    `POST: bodies made by the load generator before the load (${BODIES_PER_SECOND.toLocaleString('en-US')} per ` +
    'second of load, none sent twice): state changes (85%) and statements over the generator’s pairs and ' +
    'channels, valid times in order a minute apart (news recorded as it happens), about 600 B each, no ' +
    'eventId (each request records a new fact); after ' +
    'the run, the store is checked to hold every acknowledged fact. GET /health: the same load on the ' +
    'same app (it checks the store and the read models). Both on the same 2 cores as the load generator.'
  );
}

export const scenario: Scenario = {
  name: 'recording',
  title: '4. Recording over HTTP',
  order: 4,
  runs: { full: 5, quick: 2, smoke: 1 },
  caseTimeoutSeconds: { full: 300, quick: 120, smoke: 60 },
  cases: () => ['post', 'health'],
  runCase,
  figures,
  describe,
};
