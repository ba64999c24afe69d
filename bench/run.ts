/**
 * npm run bench -- [--quick] [--only append,rebuild] [--cases ours-full,raw-full] [--runs N]
 *   [--profile full|quick|smoke] [--out path-without-extension]
 * Runs every scenario in bench/scenarios, each case of each run in a fresh process, and writes
 * bench/results/latest.json and latest.md (see bench/README.md).
 */
import { join } from 'node:path';
import { isProfile } from './harness/report';
import { REPO_ROOT } from './harness/machine';
import { runBenchmarks } from './harness/runner';
import type { Profile } from './harness/types';

interface Cli {
  profile: Profile;
  only: string[];
  cases: string[];
  runs?: number;
  out: string;
}

function parse(argv: readonly string[]): Cli {
  const cli: Cli = {
    profile: 'full',
    only: [],
    cases: [],
    out: join(REPO_ROOT, 'bench', 'results', 'latest'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') cli.profile = 'quick';
    else if (arg === '--profile') {
      const profile = value();
      if (!isProfile(profile)) throw new Error(`--profile is full, quick or smoke, not ${profile}`);
      cli.profile = profile;
    } else if (arg === '--only') cli.only.push(...value().split(',').filter(Boolean));
    else if (arg === '--cases') cli.cases.push(...value().split(',').filter(Boolean));
    else if (arg === '--runs') {
      cli.runs = Number(value());
      if (!Number.isInteger(cli.runs) || cli.runs < 1)
        throw new Error('--runs is a positive integer');
    } else if (arg === '--out') cli.out = value().replace(/\.(json|md)$/, '');
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'npm run bench -- [--quick | --profile full|quick|smoke] [--only a,b] [--cases x,y] [--runs N] [--out path]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return cli;
}

async function main(): Promise<void> {
  const cli = parse(process.argv.slice(2));
  const started = Date.now();
  const outcome = await runBenchmarks({
    ...cli,
    log: (message) => console.error(message),
  });
  console.log(outcome.markdown);
  console.log(
    `Wrote ${cli.out}.json and ${cli.out}.md in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  if (outcome.failed) {
    console.error('Some cases failed: see the failures above and in the table.');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
