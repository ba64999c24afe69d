import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { API_MAIN, ensureBuilt } from '../../scripts/build-if-changed';
import { REPO_ROOT } from '../harness/machine';
import type { LoadConfig, LoadResult } from '../load/autocannon.child';
import { runTs, stopProcess } from './processes';

export interface ApiKeys {
  readonly reader: string;
  readonly recorder: string;
  readonly admin: string;
}

export interface RunningApi {
  readonly url: string;
  readonly keys: ApiKeys;
  readonly process: ChildProcess;
  /** Graceful stop (SIGTERM), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/**
 * The built API on `dataDir`, listening on a free port of 127.0.0.1, with fresh keys and the rate limit
 * lifted (its default, 6,000 requests a minute per key, is what a load test would measure otherwise).
 * Resolves once /health answers 200.
 */
export async function startApi(options: {
  readonly dataDir: string;
  readonly log: (message: string) => void;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<RunningApi> {
  // Built unless dist/ holds a build of exactly the current sources, as `npm start` does: a stale build is
  // never measured.
  await ensureBuilt({ log: options.log });
  const port = await freePort();
  const keys: ApiKeys = { reader: key(), recorder: key(), admin: key() };
  // e.g. BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/api-profiles' to profile the API.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT: '100000000',
      API_KEYS: `reader:bench-reader:${keys.reader},recorder:bench:${keys.recorder},admin:bench-admin:${keys.admin}`,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the API exited with ${child.exitCode} before answering: ${output}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) {
      await stopProcess(child);
      throw new Error(`the API did not answer /health within 120 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  options.log(`API up on ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, keys, process: child, stop: () => stopProcess(child, 10_000) };
}

function key(): string {
  return randomBytes(18).toString('base64url');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Runs autocannon in its own process with `config` (written to `dir`) and returns what it measured. */
export async function runLoad(
  config: LoadConfig,
  dir: string,
  log: (message: string) => void,
): Promise<LoadResult> {
  const file = join(dir, `load-${Date.now()}-${Math.floor(Math.random() * 1e6)}.json`);
  writeFileSync(file, JSON.stringify(config));
  const out = await runTs(join(REPO_ROOT, 'bench', 'load', 'autocannon.child.ts'), [file], {
    timeoutMs: (config.durationSeconds + config.warmupSeconds + 60) * 1000,
    log: (line) => log(`  autocannon: ${line}`),
  });
  return JSON.parse(out) as LoadResult;
}
