import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/machine';
import { runTs } from '../../support/processes';
import { cacheRoot, publish, type History } from '../history/cache';
import type { HistoryManifest } from '../history/generate';
import { CODED_GENERATOR_VERSION, type CodedManifest } from './coded-history';

export const CODED_SEED = 20_251_201;

export interface CodedHistory extends History {
  readonly coded: CodedManifest;
}

/** The cached coded history of `events` events, generated first (in its own process) if missing. */
export async function ensureCodedHistory(
  events: number,
  log: (message: string) => void,
): Promise<CodedHistory> {
  const dir = join(cacheRoot(), `coded-g${CODED_GENERATOR_VERSION}-${events}-${CODED_SEED}`);
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    const building = `${dir}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    log(`generating ${events.toLocaleString('en-US')} coded events into ${dir} (cached)`);
    const out = await runTs(
      join(REPO_ROOT, 'bench', 'scenarios', 'series', 'generate-coded.child.ts'),
      [join(building, 'entente.db'), String(events), String(CODED_SEED)],
      { timeoutMs: 90 * 60_000, log: (line) => log(`  generator: ${line}`) },
    );
    writeFileSync(join(building, 'manifest.json'), out);
    publish(building, dir);
  }
  const coded = JSON.parse(readFileSync(manifestFile, 'utf8')) as CodedManifest;
  return {
    dir,
    storeFile: join(dir, 'entente.db'),
    keysFile: join(dir, 'keys.db'),
    // Only the store and its directory are read by ensureProjected.
    manifest: coded as unknown as HistoryManifest,
    coded,
  };
}
