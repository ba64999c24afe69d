import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The command a user runs (`npm run import -- ...` is `node --import tsx apps/cli/src/main.ts import ...`),
 * in a process of its own, with only the environment given (plus PATH).
 */
export function spawnCli(args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
  stdin?: string | Buffer,
): Promise<CliResult> {
  const child = spawnCli(args, env);
  const result = finished(child);
  child.stdin!.end(stdin ?? '');
  return result;
}

/** The summary `--json` prints. */
export interface ImportSummaryJson {
  rows: number;
  stored: number;
  alreadyStored: number;
  registered: number;
  skipped: Record<string, number>;
  failed: Record<string, number>;
  readModels: { position: number; seconds: number } | null;
}

export function summaryOf(result: CliResult): ImportSummaryJson {
  try {
    return JSON.parse(result.stdout) as ImportSummaryJson;
  } catch {
    throw new Error(`no JSON summary (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
}
