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
    expect(files.map((f) => f.name)).toContain('append');
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
});
