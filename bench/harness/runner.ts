import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildEntries, renderMarkdown, type ScenarioSamples } from './report';
import { loadScenario, scenarioFiles } from './scenarios';
import { gitCommit, loadAverage, machineBasics, REPO_ROOT, scratchRoot } from './machine';
import type { CaseResult, Profile, ResultEntry, Results, Scenario } from './types';

export interface RunOptions {
  readonly profile: Profile;
  /** Scenario names; all when empty. */
  readonly only: readonly string[];
  /** Case names to run (e.g. `ours-normal`); all when empty. For tests and for profiling one contender. */
  readonly cases?: readonly string[];
  /** Overrides the scenarios' own number of runs. */
  readonly runs?: number;
  /** Path without extension: `<out>.json` and `<out>.md` are written. */
  readonly out: string;
  readonly log: (message: string) => void;
}

export interface RunOutcome {
  readonly results: Results;
  readonly markdown: string;
  /** A case crashed or timed out somewhere. */
  readonly failed: boolean;
}

const CHILD = join(REPO_ROOT, 'bench', 'harness', 'child.ts');

export async function runBenchmarks(options: RunOptions): Promise<RunOutcome> {
  const available = scenarioFiles().map((f) => ({ ...f, scenario: loadScenario(f.file) }));
  const unknown = options.only.filter((name) => !available.some((a) => a.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown scenario ${unknown.join(', ')}; known: ${available.map((a) => a.name).join(', ')}`,
    );
  }
  const selected = available
    .filter((a) => options.only.length === 0 || options.only.includes(a.name))
    .sort((a, b) => a.scenario.order - b.scenario.order);
  const knownCases = selected.flatMap((a) => a.scenario.cases(options.profile));
  const unknownCases = (options.cases ?? []).filter((c) => !knownCases.includes(c));
  if (unknownCases.length > 0) {
    throw new Error(`unknown case ${unknownCases.join(', ')}; known: ${knownCases.join(', ')}`);
  }
  const scratch = scratchRoot();
  const before = loadAverage();
  // The commit measured is the one checked out when the run starts.
  const commit = gitCommit();
  const entries: ResultEntry[] = [];
  const scenarioRuns: Results['scenarioRuns'][number][] = [];
  const titles = new Map<string, string>();
  for (const { file, scenario } of selected) {
    titles.set(scenario.name, scenario.title);
    const { samples, failures, runs } = await runScenario(file, scenario, options, scratch.dir);
    entries.push(...buildEntries(samples, scenario.figures(options.profile)));
    scenarioRuns.push({
      scenario: scenario.name,
      description: scenario.describe(options.profile),
      runs,
      failures,
    });
  }
  const results: Results = {
    machine: {
      ...machineBasics(),
      loadAverage: { before, after: loadAverage() },
      scratch,
    },
    commit,
    date: new Date().toISOString(),
    profile: options.profile,
    scenarios: entries,
    scenarioRuns,
  };
  const markdown = renderMarkdown(results, titles);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(`${options.out}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${options.out}.md`, markdown);
  return { results, markdown, failed: scenarioRuns.some((r) => r.failures.length > 0) };
}

async function runScenario(
  file: string,
  scenario: Scenario,
  options: RunOptions,
  scratchDir: string,
): Promise<{ samples: ScenarioSamples; failures: string[]; runs: number }> {
  const runs = options.runs ?? scenario.runs[options.profile];
  const cases = scenario
    .cases(options.profile)
    .filter((c) => !options.cases?.length || options.cases.includes(c));
  const values = new Map<string, (number | null)[]>();
  const notes = new Map<string, Set<string>>();
  const failures: string[] = [];
  options.log(`${scenario.title}: ${runs} run(s) of ${cases.length} case(s), ${options.profile}`);
  for (let run = 0; run < runs; run++) {
    // Rotating the order spreads whatever a case leaves behind (page cache, disk queue) over all of them.
    const order = cases.map((_, i) => cases[(i + run) % cases.length]);
    const measured = new Map<string, number | null>();
    for (const caseName of order) {
      const started = Date.now();
      const outcome = await runCase(file, scenario, caseName, run, options.profile, scratchDir);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (!outcome.ok) {
        failures.push(`${caseName} (run ${run + 1}): ${outcome.error}`);
        options.log(`  run ${run + 1} ${caseName}: FAILED after ${seconds} s: ${outcome.error}`);
        continue;
      }
      for (const [key, value] of Object.entries(outcome.result.values)) measured.set(key, value);
      for (const [key, note] of Object.entries(outcome.result.notes ?? {})) {
        notes.set(key, (notes.get(key) ?? new Set()).add(note));
      }
      options.log(`  run ${run + 1} ${caseName}: ${seconds} s`);
    }
    // Keys a failed case would have reported stay null in this run.
    for (const key of new Set([...values.keys(), ...measured.keys()])) {
      const series = values.get(key) ?? new Array<number | null>(run).fill(null);
      series.push(measured.get(key) ?? null);
      values.set(key, series);
    }
  }
  return { samples: { scenario: scenario.name, values, notes }, failures, runs };
}

type CaseOutcome = { ok: true; result: CaseResult } | { ok: false; error: string };

function runCase(
  file: string,
  scenario: Scenario,
  caseName: string,
  run: number,
  profile: Profile,
  scratchDir: string,
): Promise<CaseOutcome> {
  const dir = mkdtempSync(join(scratchDir, `entente-bench-${scenario.name}-`));
  const resultFile = join(dir, 'result.json');
  const timeoutMs = scenario.caseTimeoutSeconds[profile] * 1000;
  return new Promise<CaseOutcome>((resolve) => {
    // --import tsx, not the tsx CLI: the CLI forks, and a timeout must kill the process that measures.
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        // e.g. BENCH_CASE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/cases' to profile every case.
        ...(process.env.BENCH_CASE_NODE_ARGS ?? '').split(' ').filter(Boolean),
        '--import',
        'tsx',
        CHILD,
        file,
        caseName,
        profile,
        String(run),
        dir,
        resultFile,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(readOutcome(resultFile, timedOut, timeoutMs, code, signal));
      rmSync(dir, { recursive: true, force: true });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error: error.message });
    });
  });
}

function readOutcome(
  resultFile: string,
  timedOut: boolean,
  timeoutMs: number,
  code: number | null,
  signal: NodeJS.Signals | null,
): CaseOutcome {
  if (timedOut) return { ok: false, error: `timed out after ${timeoutMs / 1000} s` };
  try {
    const outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as
      { ok: true; result: CaseResult } | { ok: false; error: string };
    return outcome;
  } catch {
    return { ok: false, error: `exited with ${signal ?? code} and no result` };
  }
}
