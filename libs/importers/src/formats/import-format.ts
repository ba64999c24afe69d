import type { InputEntry } from '../input/input-entries';
import type { RowOutcome } from '../pipeline/row-outcome';

export const IMPORT_FORMATS = ['icews', 'gdelt', 'plover', 'entente'] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(name: string): name is ImportFormatName {
  return (IMPORT_FORMATS as readonly string[]).includes(name);
}

/** One row of an input, read and mapped. */
export interface MappedRow {
  readonly line: number;
  readonly externalId: string | null;
  readonly outcome: RowOutcome;
}

export interface FormatOptions {
  /** The dataset slug PLOVER records are coded under (`polecat` unless told). */
  readonly dataset: string;
}

/** Reads an entry's rows and maps each; throws only when the entry as a whole is not of the format. */
export type FormatReader = (entry: InputEntry, options: FormatOptions) => AsyncIterable<MappedRow>;

/** An input that is not of the format named on the command line (no ICEWS header, say). */
export class NotOfFormatError extends Error {
  constructor(entry: string, why: string) {
    super(`${entry}: ${why}`);
    this.name = 'NotOfFormatError';
  }
}
