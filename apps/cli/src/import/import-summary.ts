import { SKIP_REASONS, type ImportTally, type SkipReason } from '@entente/importers';
import type { CatchUp } from './read-models.catch-up';

export interface ImportSummary {
  readonly format: string;
  readonly files: readonly string[];
  readonly target: string;
  readonly dryRun: boolean;
  readonly seconds: number;
  readonly tally: ImportTally;
  readonly readModels: CatchUp | null;
}

const n = (value: number) => value.toLocaleString('en-US');

/** The final summary, for people: what was read, stored, already there, skipped and failed, by reason. */
export function summaryText(summary: ImportSummary): string {
  const { tally } = summary;
  const rate = Math.round(tally.rows / Math.max(summary.seconds, 0.001));
  const lines = [
    `${summary.dryRun ? 'Dry run: nothing stored. ' : ''}${summary.format}: ${n(tally.rows)} rows from ` +
      `${summary.files.length} input${summary.files.length === 1 ? '' : 's'} into ${summary.target} in ` +
      `${summary.seconds.toFixed(1)} s (${n(rate)} rows/s)`,
    `  ${summary.dryRun ? 'would store' : 'stored'}: ${n(tally.stored)}`,
    `  already stored: ${n(tally.alreadyStored)}`,
    `  actors registered: ${n(tally.registered)}`,
    `  skipped, out of scope: ${n(tally.outOfScope)}`,
    ...reasons(tally, true),
    `  failed: ${n(tally.failed)}`,
    ...reasons(tally, false),
  ];
  if (summary.readModels) {
    lines.push(
      `  read models caught up to position ${n(summary.readModels.position)} in ` +
        `${summary.readModels.seconds.toFixed(1)} s`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function reasons(tally: ImportTally, outOfScope: boolean): string[] {
  return [...tally.skipped]
    .filter(([reason]) => SKIP_REASONS[reason].outOfScope === outOfScope)
    .sort((a, b) => b[1] - a[1])
    .map(
      ([reason, count]: [SkipReason, number]) =>
        `    ${reason}: ${n(count)} (${SKIP_REASONS[reason].description})`,
    );
}

export function summaryJson(summary: ImportSummary): string {
  return `${JSON.stringify({
    format: summary.format,
    files: summary.files,
    target: summary.target,
    dryRun: summary.dryRun,
    seconds: summary.seconds,
    ...summary.tally.toJSON(),
    readModels: summary.readModels,
  })}\n`;
}
