import { stringify } from 'csv-stringify';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RowOrigin } from './row-outcome';
import { isOutOfScope, type SkipReason } from './skip-reason';

export const SKIP_REPORT_COLUMNS = [
  'file',
  'line',
  'external_id',
  'reason',
  'out_of_scope',
  'detail',
];

/** `--report FILE`: every row not stored, with its reason, as CSV (RFC 4180), written as rows come. */
export class SkipReport {
  private readonly csv = stringify({ header: true, columns: SKIP_REPORT_COLUMNS });
  private readonly done: Promise<unknown>;

  constructor(path: string) {
    const file = createWriteStream(path);
    this.csv.pipe(file);
    this.done = once(file, 'finish');
  }

  add(origin: RowOrigin, reason: SkipReason, detail: string): void {
    this.csv.write([
      origin.file,
      origin.line,
      origin.externalId ?? '',
      reason,
      isOutOfScope(reason) ? 'yes' : 'no',
      detail,
    ]);
  }

  async close(): Promise<void> {
    this.csv.end();
    await this.done;
  }
}
