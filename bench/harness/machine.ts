import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

const MEMORY_FILESYSTEMS = new Set(['tmpfs', 'ramfs', 'devtmpfs']);

export function machineBasics(): {
  cores: number;
  memoryBytes: number;
  cpu: string;
  node: string;
  platform: string;
  arch: string;
} {
  return {
    cores: cpus().length,
    memoryBytes: totalmem(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

export function loadAverage(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

export function gitCommit(): { sha: string; dirty: boolean } {
  try {
    const sha = git(['rev-parse', 'HEAD']);
    const dirty = git(['status', '--porcelain']).length > 0;
    return { sha, dirty };
  } catch {
    return { sha: 'unknown', dirty: true };
  }
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
}

/**
 * Where the databases go: BENCH_TMPDIR if set, else the OS temp dir unless it lives in memory (tmpfs would
 * make every fsync free), else bench/.scratch (git-ignored).
 */
export function scratchRoot(): { dir: string; fsType: string } {
  const requested = process.env.BENCH_TMPDIR;
  if (requested) {
    mkdirSync(requested, { recursive: true });
    return { dir: realpathSync(requested), fsType: filesystemOf(requested) };
  }
  const osTmp = realpathSync(tmpdir());
  const osTmpType = filesystemOf(osTmp);
  if (!MEMORY_FILESYSTEMS.has(osTmpType)) return { dir: osTmp, fsType: osTmpType };
  const local = join(REPO_ROOT, 'bench', '.scratch');
  mkdirSync(local, { recursive: true });
  return { dir: local, fsType: filesystemOf(local) };
}

/** The type of the filesystem holding `path`, from /proc/mounts (Linux); `unknown` elsewhere. */
export function filesystemOf(path: string): string {
  try {
    const real = realpathSync(path);
    let best = { mount: '', type: 'unknown' };
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [, mount, type] = line.split(' ');
      if (!mount || !type) continue;
      const inside = real === mount || real.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
      if (inside && mount.length >= best.mount.length) best = { mount, type };
    }
    return best.type;
  } catch {
    return 'unknown';
  }
}
