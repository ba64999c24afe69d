import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { scenarioFiles, loadScenario } from '../../bench/harness/scenarios';
import { shapeProblems } from '../../bench/harness/report';
import type { Results } from '../../bench/harness/types';

/**
 * Not a benchmark: runs the bench code at its smallest (one run of scenario 1's two NORMAL-durability
 * contenders that need no fsync per append) through the real runner, child processes included, and checks
 * what it writes. The measured numbers are meaningless at this size and are not looked at.
 */
const ROOT = resolve(__dirname, '..', '..');

describe('the benchmark harness (smoke)', () => {
  let out: string;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'entente-bench-smoke-'));
    out = join(dir, 'latest');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the scenario files, when loaded, then each exports a scenario named after its file with cases and figures for every profile', () => {
    const files = scenarioFiles();
    expect(files.map((f) => f.name).sort()).toEqual([
      'append',
      'fan-out',
      'import',
      'page-load',
      'rebuild',
      'recording',
      'series',
      'soak',
      'time-travel',
    ]);
    for (const { file, name } of files) {
      const scenario = loadScenario(file);
      expect(scenario.name).toBe(name);
      for (const profile of ['full', 'quick', 'smoke'] as const) {
        expect(scenario.cases(profile).length).toBeGreaterThan(0);
        expect(scenario.figures(profile).length).toBeGreaterThan(0);
        expect(scenario.runs[profile]).toBeGreaterThan(0);
      }
    }
  });

  it('given a tiny append run, when the runner finishes, then the JSON has the published shape with a ratio for every figure both of whose sides ran', async () => {
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/run.ts',
        '--profile',
        'smoke',
        '--only',
        'append',
        '--cases',
        'ours-normal,raw-normal',
        '--out',
        out,
      ],
      { cwd: ROOT, timeout: 60_000 },
    );

    const results = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Results;
    expect(shapeProblems(results)).toEqual([]);
    expect(results.profile).toBe('smoke');
    const single = results.scenarios.find(
      (e) => e.name === '[normal] single appends, one at a time, ours vs raw',
    );
    expect(single).toMatchObject({ scenario: 'append', unit: 'events/s', runs: 1 });
    expect(single?.value).toBeGreaterThan(0);
    expect(single?.ratio).toBeCloseTo(single!.value! / single!.comparison!.value!, 2);
    expect(single?.met).toEqual(expect.any(Boolean));
    const neverBeforeCommit = results.scenarios.find(
      (e) => e.name === '[normal] ours: appends acknowledged before their commit (most seen)',
    );
    expect(neverBeforeCommit?.value).toBe(0);
    expect(readFileSync(`${out}.md`, 'utf8')).toContain('| [normal] single appends');
  }, 60_000);

  it('given a tiny rebuild and time-travel run (in process, no API), when the runner finishes, then the rebuild has a ratio to raw read-and-parse, and the indexed answers equal the naive fold', async () => {
    const scratch = join(dir, 'scratch');
    const small = join(dir, 'small');
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/run.ts',
        '--profile',
        'smoke',
        '--only',
        'rebuild,time-travel',
        '--cases',
        'rebuild,raw-read-parse,lookups-200',
        '--out',
        small,
      ],
      // Histories and read models are cached under the scratch directory: a fresh one, removed after.
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, BENCH_TMPDIR: scratch } },
    );

    const results = JSON.parse(readFileSync(`${small}.json`, 'utf8')) as Results;
    expect(shapeProblems(results)).toEqual([]);
    expect(results.scenarioRuns.map((r) => [r.scenario, r.failures])).toEqual([
      ['rebuild', []],
      ['time-travel', []],
    ]);
    const rebuild = results.scenarios.find(
      (e) => e.name === 'timeline rebuild from zero vs raw read-and-parse',
    );
    expect(rebuild?.value).toBeGreaterThan(0);
    expect(rebuild?.ratio).toBeGreaterThan(0);
    const differing = results.scenarios.find((e) =>
      e.name.startsWith('[200 events] indexed answers'),
    );
    expect(differing).toMatchObject({ value: 0, met: true });
    const median = results.scenarios.find((e) => e.name.startsWith('[200 events] median lookup'));
    expect(median?.value).toBeGreaterThan(0);
    expect(median?.comparison?.value).toBeGreaterThan(0);
  }, 60_000);
});
