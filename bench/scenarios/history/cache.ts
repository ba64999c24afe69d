import { createHash } from 'node:crypto';
import {
  existsSync,
  linkSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, scratchRoot } from '../../harness/machine';
import { runTs } from '../../support/processes';
import { GENERATOR_VERSION, type HistoryManifest } from './generate';

/**
 * Generated histories are kept between bench runs under `<scratch>/entente-bench-cache/`, keyed by the
 * generator's version, the size and the seed; projected read models beside them, keyed by a hash of the
 * code that builds them. Neither generation nor projection is ever part of a measurement.
 */
export const HISTORY_SEED = 20_251_124;

export interface History {
  readonly dir: string;
  /** The event store, named as the API expects it in its DATA_DIR. */
  readonly storeFile: string;
  /** Which events concern which key: report_keys (key_id, report), report_events (report, position). */
  readonly keysFile: string;
  readonly manifest: HistoryManifest;
}

export function cacheRoot(): string {
  const dir = join(scratchRoot().dir, 'entente-bench-cache');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The cached history of `events` events, generated first (in a process of its own) if missing. */
export async function ensureHistory(
  events: number,
  log: (message: string) => void,
  timeoutMs = 30 * 60_000,
): Promise<History> {
  const dir = join(cacheRoot(), `history-g${GENERATOR_VERSION}-${events}-${HISTORY_SEED}`);
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    const building = `${dir}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    log(`generating a history of ${events.toLocaleString('en-US')} events into ${dir} (cached)`);
    const started = Date.now();
    const out = await runTs(
      join(REPO_ROOT, 'bench', 'scenarios', 'history', 'generate.child.ts'),
      [
        join(building, 'entente.db'),
        join(building, 'keys.db'),
        String(events),
        String(HISTORY_SEED),
      ],
      { timeoutMs, log: (line) => log(`  generator: ${line}`) },
    );
    writeFileSync(join(building, 'manifest.json'), out);
    publish(building, dir);
    log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return {
    dir,
    storeFile: join(dir, 'entente.db'),
    keysFile: join(dir, 'keys.db'),
    manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as HistoryManifest,
  };
}

export interface ProjectedHistory extends History {
  /** A directory holding `entente.db` (a hard link to the history's store) and `read-models.db`. */
  readonly dataDir: string;
  readonly readModelFile: string;
}

/** `all`: every read model the API has (READ_MODELS); `timeline`, `series`: that read model alone. */
export type ReadModelSet = 'all' | 'timeline' | 'series';

/**
 * The history with its read models projected up to its head, built once per version of the code that
 * builds them. With `all`, `dataDir` can be given to the API as its DATA_DIR: it starts live. The API must
 * only read there: the store is the cached one.
 */
export async function ensureProjected(
  history: History,
  set: ReadModelSet,
  log: (message: string) => void,
  timeoutMs = 60 * 60_000,
): Promise<ProjectedHistory> {
  const dataDir = join(history.dir, `read-models-${set}-${projectionCodeHash()}`);
  const readModelFile = join(dataDir, 'read-models.db');
  const done = join(dataDir, 'projected.json');
  if (!existsSync(done)) {
    const building = `${dataDir}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    log(
      `projecting ${set === 'all' ? 'every read model' : `the ${set}`} of ${history.dir} (cached)`,
    );
    const started = Date.now();
    const out = await runTs(
      join(REPO_ROOT, 'bench', 'scenarios', 'history', 'project.child.ts'),
      [history.storeFile, join(building, 'read-models.db'), set],
      { timeoutMs, log: (line) => log(`  projector: ${line}`) },
    );
    writeFileSync(join(building, 'projected.json'), out);
    publish(building, dataDir);
    log(`projected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const link = join(dataDir, 'entente.db');
  if (!existsSync(link)) {
    try {
      linkSync(history.storeFile, link);
    } catch {
      copyFileSync(history.storeFile, link);
    }
  }
  return { ...history, dataDir, readModelFile };
}

/** Moves a finished build into place; if another run finished the same one first, keeps theirs. */
export function publish(building: string, dir: string): void {
  try {
    renameSync(building, dir);
  } catch (error) {
    if (!existsSync(dir)) throw error;
    rmSync(building, { recursive: true, force: true });
  }
}

/** A hash of the sources that decide what the read models hold: the projections and the domain. */
export function projectionCodeHash(): string {
  const hash = createHash('sha256');
  for (const root of ['libs/projections/src', 'libs/domain/src', 'libs/event-store/src']) {
    for (const file of sourceFiles(join(REPO_ROOT, root))) {
      hash.update(relative(REPO_ROOT, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 12);
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
