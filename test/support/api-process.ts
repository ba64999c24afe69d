import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { API_MAIN, ensureBuilt } from '../../scripts/build-if-changed';
import { API_KEYS_ENV } from './api-client';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** A process started by a test, with everything it printed so far. */
export interface TestProcess {
  readonly child: ChildProcess;
  /** stdout and stderr, interleaved as they came. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | string>;
}

export function startProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  options: SpawnOptions = {},
): TestProcess {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => output, exited };
}

/** The environment of a server on `port` and `dataDir`, with the tests' keys and quiet logs. */
export function serverEnv(port: number, dataDir: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    API_KEYS: API_KEYS_ENV,
    LOG_LEVEL: 'info',
    SQLITE_DURABILITY: 'normal',
  };
}

/** The built API (built first if its sources changed), as `node dist/.../main.js`. */
export async function startApiProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<TestProcess> {
  await ensureBuilt({ log: () => undefined });
  return startProcess(process.execPath, [...nodeArgs, API_MAIN], env);
}

/**
 * The port a server started with PORT=0 bound, read from its "listening on" line: the system chose it
 * as the server bound it, so no other process can take it in between (as with a port found free first
 * and bound later). Rejects if the process ends first.
 */
export async function listeningPort(server: TestProcess, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = /listening on http:\/\/[^\s:]+:(\d+)/.exec(server.output());
    if (found) return Number(found[1]);
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`the server ended before listening: ${server.output()}`);
    }
    if (Date.now() > deadline) throw new Error(`the server did not listen: ${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The port of a server started with PORT=0, once GET /health answers there. */
export async function whenServing(server: TestProcess): Promise<number> {
  const port = await listeningPort(server);
  await waitForHealth(server, port);
  return port;
}

/** Resolves once GET /health answers on `port`; rejects if the process ends first. */
export async function waitForHealth(
  server: TestProcess,
  port: number,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void server.exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`the server ended before answering: ${server.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no answer on ${port}: ${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True when nothing accepts connections on `port` any more. */
export async function isClosed(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail()));
    });
  });
}
