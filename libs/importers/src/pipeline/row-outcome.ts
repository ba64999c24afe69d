import type { RecordEventInput, RegisterActorInput } from '@entente/domain';
import type { SkipReason } from './skip-reason';

/** Where a row came from, for the report. */
export interface RowOrigin {
  /** The file (or the entry of a zip, `archive.zip:entry.tsv`); `-` for standard input. */
  readonly file: string;
  /** One-based line (for JSON arrays: the record's index). */
  readonly line: number;
  /** The dataset's own id of the row, when it could be read. */
  readonly externalId: string | null;
}

export type RowOutcome =
  | {
      readonly kind: 'fact';
      readonly input: RecordEventInput;
      /** Retractions and corrections of this fact, recorded after it (the `entente` format). */
      readonly amendments?: readonly RecordEventInput[];
    }
  /** A retraction or correction of an earlier line's fact (the `entente` format). */
  | { readonly kind: 'amendment'; readonly input: RecordEventInput }
  /** A registration carried by the file itself (the `entente` format). */
  | { readonly kind: 'actor'; readonly input: RegisterActorInput }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly detail: string };

export function skip(reason: SkipReason, detail: string): RowOutcome {
  return { kind: 'skip', reason, detail };
}
