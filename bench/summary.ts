/**
 * node --import tsx bench/summary.ts [results.json]
 * Prints the figures held to a target, from bench/results/latest.json by default, as the markdown table the
 * main README shows (the full table, references included, is results/latest.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumber, formatTarget } from './harness/report';
import { REPO_ROOT } from './harness/machine';
import type { Results } from './harness/types';

const file = process.argv[2] ?? join(REPO_ROOT, 'bench', 'results', 'latest.json');
const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
const { machine, commit } = results;
const gib = (machine.memoryBytes / 1024 ** 3).toFixed(1);
const lines = [
  `${results.date.slice(0, 10)}, \`${results.profile}\` profile, commit \`${commit.sha.slice(0, 7)}\`` +
    `${commit.dirty ? ' (working tree dirty)' : ''}: ${machine.cores} cores (${machine.cpu}), ${gib} GiB, ` +
    `Node ${machine.node}; load average ${machine.loadAverage.before[0]} before, ` +
    `${machine.loadAverage.after[0]} after.`,
  '',
  '| Scenario | Figure | Measured (median, min – max) | Compared with | Ratio | Target | Met |',
  '| --- | --- | ---: | --- | ---: | --- | --- |',
];
for (const e of results.scenarios.filter((e) => e.target !== null)) {
  const measured =
    e.value === null
      ? 'n/a'
      : `${formatNumber(e.value, e.unit)} (${formatNumber(e.min)} – ${formatNumber(e.max)})`;
  const comparison = e.comparison
    ? `${e.comparison.name}: ${formatNumber(e.comparison.value)}`
    : '';
  const ratio = e.ratio === null ? '' : `${formatNumber(e.ratio)}x`;
  const met = e.met === null ? 'n/a' : e.met ? 'yes' : '**no**';
  lines.push(
    `| ${e.scenario} | ${e.name} | ${measured} | ${comparison} | ${ratio} | ${formatTarget(e.target)} | ${met} |`,
  );
}
console.log(lines.join('\n'));
