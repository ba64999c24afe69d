import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './machine';
import type { Scenario } from './types';

export const SCENARIO_DIR = join(REPO_ROOT, 'bench', 'scenarios');
const SUFFIX = '.scenario.ts';

export interface ScenarioFile {
  readonly name: string;
  readonly file: string;
}

/** Every bench/scenarios/<name>.scenario.ts. */
export function scenarioFiles(): ScenarioFile[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => ({ name: f.slice(0, -SUFFIX.length), file: join(SCENARIO_DIR, f) }));
}

/** A scenario module exports `scenario`, whose name must match its file's. */
export function loadScenario(file: string): Scenario {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(file) as { scenario?: Scenario };
  const scenario = loaded.scenario;
  if (!scenario || typeof scenario.runCase !== 'function') {
    throw new Error(`${file} does not export a scenario`);
  }
  if (!file.endsWith(`${scenario.name}${SUFFIX}`)) {
    throw new Error(`${file} exports scenario "${scenario.name}": name and file must match`);
  }
  return scenario;
}
