import { maximum, median, minimum } from './stats';
import type { FigureSpec, Profile, ResultEntry, Results, Target } from './types';

/** What one scenario's runs produced: per key, one value per run (null when a run could not measure it). */
export interface ScenarioSamples {
  readonly scenario: string;
  readonly values: ReadonlyMap<string, readonly (number | null)[]>;
  readonly notes: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Medians, mins and maxes over the runs, ratios of medians, and whether each target is met. */
export function buildEntries(
  samples: ScenarioSamples,
  figures: readonly FigureSpec[],
): ResultEntry[] {
  return figures.map((figure) => {
    const runs = samples.values.get(figure.key) ?? [];
    const value = median(runs);
    const comparisonValue = figure.comparison
      ? median(samples.values.get(figure.comparison.key) ?? [])
      : null;
    const ratio =
      value !== null && comparisonValue !== null && comparisonValue > 0
        ? value / comparisonValue
        : null;
    const notes = figure.note ? [figure.note] : [];
    const fromRuns = [figure.key, figure.comparison?.key, ...(figure.noteKeys ?? [])]
      .filter((k): k is string => k !== undefined)
      .flatMap((k) => [...(samples.notes.get(k) ?? [])]);
    notes.push(...fromRuns);
    const measured = runs.filter((v) => v !== null).length;
    if (measured < runs.length) notes.push(`measured in ${measured} of ${runs.length} runs`);
    const entry: ResultEntry = {
      name: figure.name,
      metric: figure.metric,
      unit: figure.unit,
      value: round(value),
      min: round(minimum(runs)),
      max: round(maximum(runs)),
      comparison: figure.comparison
        ? { name: figure.comparison.name, value: round(comparisonValue) }
        : null,
      ratio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
      target: figure.target,
      scenario: samples.scenario,
      met: isMet(figure.target, value, ratio),
      runs: measured,
      ...(notes.length > 0 ? { note: [...new Set(notes)].join('; ') } : {}),
    };
    return entry;
  });
}

export function isMet(target: Target | null, value: number | null, ratio: number | null) {
  if (!target) return null;
  const subject = target.kind === 'ratio' ? ratio : value;
  if (subject === null) return null;
  switch (target.op) {
    case '>=':
      return subject >= target.value;
    case '>':
      return subject > target.value;
    case '<=':
      return subject <= target.value;
    case '<':
      return subject < target.value;
  }
}

/** Rates keep integers; small numbers keep three significant decimals. */
function round(value: number | null): number | null {
  if (value === null) return null;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(4));
}

export function formatNumber(value: number | null, unit = ''): string {
  if (value === null) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
  return unit ? `${text} ${unit}` : text;
}

export function formatTarget(target: Target | null): string {
  if (!target) return '';
  return target.kind === 'ratio'
    ? `ratio ${target.op} ${target.value}`
    : `${target.op} ${target.value}`;
}

function verdict(entry: ResultEntry): string {
  if (entry.met === null) return entry.target ? 'n/a' : '';
  return entry.met ? 'met' : 'NOT MET';
}

export function renderMarkdown(results: Results, titles: ReadonlyMap<string, string>): string {
  const { machine, commit } = results;
  const gib = (machine.memoryBytes / 1024 ** 3).toFixed(1);
  const lines = [
    `# Entente benchmarks (${results.profile})`,
    '',
    `- Date: ${results.date}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${gib} GiB, Node ${machine.node}, ${machine.platform}/${machine.arch}`,
    `- Load average (1, 5, 15 min): ${machine.loadAverage.before.join(', ')} before, ${machine.loadAverage.after.join(', ')} after`,
    `- Databases in ${machine.scratch.dir} (${machine.scratch.fsType})`,
    `- Commit: ${commit.sha}${commit.dirty ? ' (working tree dirty)' : ''}`,
    '',
    'Each value is the median of the runs, each run a fresh process per case; ratio = value / comparison.',
  ];
  for (const run of results.scenarioRuns) {
    const entries = results.scenarios.filter((e) => e.scenario === run.scenario);
    lines.push('', `## ${titles.get(run.scenario) ?? run.scenario}`, '', run.description);
    if (run.failures.length > 0) {
      lines.push('', `Failures: ${run.failures.map((f) => f.split('\n')[0]).join('; ')}`);
    }
    lines.push(
      '',
      '| Figure | Median | Min – max | Compared with | Its median | Ratio | Target | Status |',
      '| --- | ---: | ---: | --- | ---: | ---: | --- | --- |',
    );
    for (const e of entries) {
      lines.push(
        `| ${e.name} | ${formatNumber(e.value, e.unit)} | ${formatNumber(e.min)} – ${formatNumber(e.max)} | ` +
          `${e.comparison?.name ?? ''} | ${e.comparison ? formatNumber(e.comparison.value) : ''} | ` +
          `${e.ratio === null ? (e.comparison ? 'n/a' : '') : `${formatNumber(e.ratio)}x`} | ` +
          `${formatTarget(e.target)} | ${verdict(e)} |`,
      );
    }
    const notes = entries.filter((e) => e.note);
    if (notes.length > 0) {
      lines.push('', 'Notes:', '');
      for (const e of notes) lines.push(`- ${e.name}: ${e.note}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Problems with a results object's shape; empty when it is what latest.json promises. */
export function shapeProblems(results: unknown): string[] {
  const problems: string[] = [];
  const r = results as Partial<Results> | null;
  if (!r || typeof r !== 'object') return ['not an object'];
  for (const key of ['cores', 'memoryBytes', 'cpu', 'node'] as const) {
    if (r.machine?.[key] === undefined) problems.push(`machine.${key} missing`);
  }
  if (typeof r.commit?.sha !== 'string') problems.push('commit.sha missing');
  if (typeof r.date !== 'string' || Number.isNaN(Date.parse(r.date))) problems.push('date invalid');
  if (!Array.isArray(r.scenarios)) return [...problems, 'scenarios is not an array'];
  r.scenarios.forEach((e, i) => {
    const at = `scenarios[${i}] (${e?.name})`;
    for (const key of ['name', 'metric', 'unit'] as const) {
      if (typeof e[key] !== 'string') problems.push(`${at}.${key} is not a string`);
    }
    for (const key of ['value', 'min', 'max', 'ratio'] as const) {
      if (!(key in e) || (e[key] !== null && typeof e[key] !== 'number')) {
        problems.push(`${at}.${key} is not a number or null`);
      }
    }
    if (!('comparison' in e)) problems.push(`${at}.comparison missing`);
    else if (e.comparison !== null && typeof e.comparison.name !== 'string') {
      problems.push(`${at}.comparison.name is not a string`);
    }
    if (!('target' in e)) problems.push(`${at}.target missing`);
    else if (
      e.target !== null &&
      (!['ratio', 'absolute'].includes(e.target.kind) ||
        !['>=', '>', '<=', '<'].includes(e.target.op) ||
        typeof e.target.value !== 'number')
    ) {
      problems.push(`${at}.target malformed`);
    }
  });
  return problems;
}

export function isProfile(value: string): value is Profile {
  return value === 'full' || value === 'quick' || value === 'smoke';
}
