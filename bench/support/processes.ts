import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../harness/machine';

/** Node with tsx, as the harness runs cases: for the bench's own helper processes. */
export function spawnTs(
  script: string,
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv;
    stdout?: 'pipe' | 'inherit' | 'ignore';
    nodeArgs?: readonly string[];
    /** A message channel to the child (process.send / 'message'). */
    ipc?: boolean;
  } = {},
): ChildProcess {
  return spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', script, ...args],
    {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', options.stdout ?? 'pipe', 'pipe', ...(options.ipc ? ['ipc' as const] : [])],
    },
  );
}

/**
 * Runs a helper to completion: resolves with its stdout, rejects with its exit code and the end of its
 * stderr. Its stderr lines are also passed to `log` as they come.
 */
export function runTs(
  script: string,
  args: readonly string[],
  options: {
    timeoutMs: number;
    log?: (line: string) => void;
    env?: NodeJS.ProcessEnv;
    nodeArgs?: readonly string[];
  },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnTs(script, args, { env: options.env, nodeArgs: options.nodeArgs });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
      for (const line of chunk.split('\n')) if (line.trim()) options.log?.(line);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else {
        reject(
          new Error(
            `${script} exited with ${signal ?? code}${signal === 'SIGKILL' ? ` (timeout ${options.timeoutMs / 1000} s?)` : ''}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`,
          ),
        );
      }
    });
  });
}

/** Stops a helper that runs until told: SIGTERM, then SIGKILL if it lingers. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The next IPC message of `kind` from a helper started with `ipc: true`; rejects if it exits first. */
export function nextMessage<Message>(child: ChildProcess, kind: string): Promise<Message> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { kind: string }) => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      resolve(message as Message);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the helper exited (${code}) before ${kind}`)));
  });
}
