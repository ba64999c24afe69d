import { isImportFormat, type ImportFormatName } from '@entente/importers';

/** What `npm run import -- <format> <file...> [options]` asks for, checked. */
export interface ImportRequest {
  readonly format: ImportFormatName;
  readonly files: readonly string[];
  readonly api: string | null;
  readonly key: string | null;
  readonly report: string | null;
  readonly dryRun: boolean;
  readonly batchSize: number;
  readonly dataset: string;
  readonly json: boolean;
  readonly progress: boolean;
  readonly recordedBy: string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ImportFlags {
  readonly api?: string;
  readonly key?: string;
  readonly report?: string;
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  readonly dataset?: string;
  readonly json?: boolean;
  readonly progress?: boolean;
  readonly recordedBy?: string;
}

export const DEFAULT_BATCH_SIZE = 5_000;

export function importRequest(params: readonly string[], flags: ImportFlags): ImportRequest {
  const [format, ...files] = params;
  if (!format || !isImportFormat(format)) {
    throw new UsageError(
      `the format is icews, gdelt, plover or entente, not ${format ?? '(none)'}`,
    );
  }
  if (files.length === 0) throw new UsageError('name at least one file, or - for standard input');
  if (files.filter((f) => f === '-').length > 1)
    throw new UsageError('standard input (-) can be read once');
  if ((flags.api === undefined) !== (flags.key === undefined)) {
    throw new UsageError('--api and --key go together: the server, and a recorder key for it');
  }
  if (flags.api !== undefined && !/^https?:\/\/[^\s/]+/.test(flags.api)) {
    throw new UsageError(`--api is the server's http(s) URL, not ${flags.api}`);
  }
  const batchSize = flags.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new UsageError('--batch-size is a positive integer');
  const dataset = flags.dataset ?? 'polecat';
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(dataset))
    throw new UsageError('--dataset is a lowercase slug, e.g. polecat');
  return {
    format,
    files,
    api: flags.api ?? null,
    key: flags.key ?? null,
    report: flags.report ?? null,
    dryRun: flags.dryRun ?? false,
    batchSize,
    dataset,
    json: flags.json ?? false,
    progress: flags.progress ?? true,
    recordedBy: flags.recordedBy ?? 'import',
  };
}
