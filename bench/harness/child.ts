/**
 * One case of one scenario, in a fresh process:
 *   node --import tsx bench/harness/child.ts <scenario file> <case> <profile> <run> <dir> <result file>
 * Writes `{ ok: true, result }` or `{ ok: false, error }` to the result file, so that whatever the code under
 * test prints on stdout cannot corrupt it.
 */
import { writeFileSync } from 'node:fs';
import { loadScenario } from './scenarios';
import type { Profile } from './types';

async function main(): Promise<void> {
  const [file, caseName, profile, run, dir, resultFile] = process.argv.slice(2);
  let outcome: unknown;
  try {
    const scenario = loadScenario(file);
    const result = await scenario.runCase(caseName, {
      profile: profile as Profile,
      run: Number(run),
      dir,
      log: (message) => process.stderr.write(`    [${scenario.name}/${caseName}] ${message}\n`),
    });
    outcome = { ok: true, result };
  } catch (error) {
    outcome = {
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  writeFileSync(resultFile, JSON.stringify(outcome));
  // Open handles of the code under test (a database, a timer) must not keep the process, and its run, alive.
  process.exit(0);
}

void main();
