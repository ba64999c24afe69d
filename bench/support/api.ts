import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../harness/machine';
import type { LoadConfig, LoadResult } from '../load/autocannon.child';
import { runTs, stopProcess } from './processes';

const MAIN = join(REPO_ROOT, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js');
/** Written beside the build: the hash of the sources it was built from. `nest build` deletes it. */
const STAMP = join(REPO_ROOT, 'dist', 'apps', 'api', '.bench-source-hash');

/**
 * Builds the API (`nest build api`) unless dist/ already holds a build of exactly the current sources:
 * the hash of apps/api and libs sources and the build configuration, recorded in a stamp file by the
 * build the bench made. A build made otherwise has no stamp and is rebuilt once.
 */
export async function ensureApiBuilt(log: (message: string) => void): Promise<string> {
  const hash = sourceHash();
  if (existsSync(MAIN) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return MAIN;
  log('building the API (nest build api): dist/ is missing or older than the sources');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'api'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`nest build api failed (${code}): ${output.slice(-2000)}`)),
    );
  });
  writeFileSync(STAMP, hash);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return MAIN;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...sourceFiles(join(REPO_ROOT, 'apps', 'api', 'src')),
    ...sourceFiles(join(REPO_ROOT, 'libs')),
    join(REPO_ROOT, 'tsconfig.json'),
    join(REPO_ROOT, 'apps', 'api', 'tsconfig.app.json'),
    join(REPO_ROOT, 'nest-cli.json'),
  ];
  for (const file of files) {
    hash.update(relative(REPO_ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
    });
}

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
  const main = await ensureApiBuilt(options.log);
  const port = await freePort();
  const keys: ApiKeys = { reader: key(), recorder: key(), admin: key() };
  // e.g. BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/api-profiles' to profile the API.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, main], {
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
