import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { importRequest, type ImportFlags } from './import-request';
import { ImportService } from './import.service';
import { reportFailure } from '../cli-failure';

@Command({
  name: 'import',
  arguments: '<format> <files...>',
  description:
    'Import coded event files: icews, gdelt (1.0 and 2.0), plover (JSON or JSON lines), entente (our NDJSON export). ' +
    'Files may be .gz or .zip; - reads standard input.',
  argsDescription: {
    format: 'icews | gdelt | plover | entente',
    files: 'paths, or - for standard input',
  },
})
export class ImportCommand extends CommandRunner {
  constructor(@Inject(ImportService) private readonly imports: ImportService) {
    super();
  }

  async run(params: string[], flags: ImportFlags): Promise<void> {
    try {
      const request = importRequest(params, flags);
      process.exitCode = await this.imports.run(request, {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    } catch (error) {
      process.exitCode = reportFailure(error);
    }
  }

  @Option({
    flags: '--api <url>',
    description: "send the facts to this server's batch route instead",
  })
  parseApi(value: string): string {
    return value;
  }

  @Option({ flags: '--key <key>', description: 'a recorder key of that server' })
  parseKey(value: string): string {
    return value;
  }

  @Option({
    flags: '--report <file>',
    description: 'write every row not stored, with its reason, as CSV',
  })
  parseReport(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'map and validate, store nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({
    flags: '--batch-size <n>',
    description: 'facts per append (default 5000; 500 at most with --api)',
  })
  parseBatchSize(value: string): number {
    return Number(value);
  }

  @Option({
    flags: '--dataset <slug>',
    description: 'the dataset PLOVER records are coded under (default polecat)',
  })
  parseDataset(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the summary as one JSON object' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--no-progress', description: 'no progress bar, even on a terminal' })
  parseProgress(): boolean {
    return false;
  }

  @Option({
    flags: '--recorded-by <name>',
    description: 'who the facts are recorded by (default import)',
  })
  parseRecordedBy(value: string): string {
    return value;
  }
}
