import { Inject } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { reportFailure } from '../cli-failure';
import { ExportService } from './export.service';

@Command({
  name: 'export',
  description:
    'Write the configured store as NDJSON (the entente import format), one stored event per line, to --out or standard output',
})
export class ExportCommand extends CommandRunner {
  constructor(@Inject(ExportService) private readonly exports: ExportService) {
    super();
  }

  async run(_params: string[], flags: { out?: string }): Promise<void> {
    try {
      const file = flags.out && flags.out !== '-' ? createWriteStream(flags.out) : null;
      const lines = await this.exports.run(file ?? process.stdout);
      if (file) {
        file.end();
        await finished(file);
      }
      process.stderr.write(`exported ${lines.toLocaleString('en-US')} events\n`);
    } catch (error) {
      process.exitCode = reportFailure(error);
    }
  }

  @Option({ flags: '--out <file>', description: 'the file to write (default: standard output)' })
  parseOut(value: string): string {
    return value;
  }
}
