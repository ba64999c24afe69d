import {
  canonicalJson,
  isIsoCountry,
  type RecordEventInput,
  type RegisterActorInput,
} from '@entente/domain';
import { bodyByCode } from '../crosswalk/international-bodies.crosswalk';
import { FORMAT_READERS } from '../formats/format-readers';
import type { FormatOptions, ImportFormatName } from '../formats/import-format';
import type { InputEntry } from '../input/input-entries';
import { ItemsRefused, type FactSink, type RecordOutcome } from './fact-sink';
import { ImportTally } from './import-tally';
import type { RowOrigin } from './row-outcome';
import type { SkipReason } from './skip-reason';

export interface ImportOptions extends FormatOptions {
  readonly format: ImportFormatName;
  readonly entries: AsyncIterable<InputEntry>;
  readonly sink: FactSink;
  /** Facts per batch; capped by the sink's own limit. */
  readonly batchSize: number;
  /** Every row not stored, with why: the `--report` CSV. */
  readonly onSkip?: (origin: RowOrigin, reason: SkipReason, detail: string) => void;
  /** After each batch and every few thousand rows. */
  readonly onProgress?: (tally: ImportTally, entry: InputEntry) => void;
}

interface Pending {
  readonly origin: RowOrigin;
  readonly input: RecordEventInput;
  readonly amendments: readonly RecordEventInput[];
}

/** How far back an exact duplicate row is recognised as one (ids, with their input, of recent rows). */
const DUPLICATE_WINDOW = 5_000;
const PROGRESS_EVERY = 2_000;

/**
 * Reads every entry, maps its rows, and records the facts in batches, in file order, each batch all or
 * none: killed at any point, a rerun finds what was stored (same ids, same content) and stores the rest.
 * Refused items are reported and their batch sent again without them. Actors the facts need (bodies,
 * Kosovo) are registered before the first batch that names them.
 */
export async function runImport(options: ImportOptions): Promise<ImportTally> {
  const tally = new ImportTally();
  const run = new Run(options, tally);
  const read = FORMAT_READERS[options.format];
  for await (const entry of options.entries) {
    for await (const row of read(entry, options)) {
      tally.rows++;
      const origin = { file: entry.name, line: row.line, externalId: row.externalId };
      const outcome = row.outcome;
      if (outcome.kind === 'skip') run.skip(origin, outcome.reason, outcome.detail);
      else if (outcome.kind === 'actor') await run.register(origin, outcome.input);
      else if (outcome.kind === 'amendment') await run.amend(origin, outcome.input);
      else
        await run.add(
          { origin, input: outcome.input, amendments: outcome.amendments ?? [] },
          entry,
        );
      if (tally.rows % PROGRESS_EVERY === 0) options.onProgress?.(tally, entry);
    }
    await run.flush();
    options.onProgress?.(tally, entry);
  }
  return tally;
}

class Run {
  private pending: Pending[] = [];
  private readonly recent = new Map<string, RecordEventInput>();
  private readonly registered = new Set<string>();
  private readonly amended = new Set<string>();
  private readonly batchSize: number;

  constructor(
    private readonly options: ImportOptions,
    private readonly tally: ImportTally,
  ) {
    this.batchSize = Math.max(1, Math.min(options.batchSize, options.sink.maxBatch));
  }

  skip(origin: RowOrigin, reason: SkipReason, detail: string): void {
    this.tally.skip(reason);
    this.options.onSkip?.(origin, reason, detail);
  }

  async add(item: Pending, entry: InputEntry): Promise<void> {
    const id = item.input.eventId!;
    const earlier = this.recent.get(id);
    if (earlier) {
      if (canonicalJson(earlier) === canonicalJson(item.input)) {
        this.skip(item.origin, 'duplicate', `same as an earlier row (${id})`);
      } else {
        this.skip(item.origin, 'conflict', `same id as an earlier row with other content (${id})`);
      }
      return;
    }
    this.recent.set(id, item.input);
    if (this.recent.size > DUPLICATE_WINDOW) this.recent.delete(this.recent.keys().next().value!);
    this.pending.push(item);
    if (this.pending.length >= this.batchSize) {
      await this.flush();
      this.options.onProgress?.(this.tally, entry);
    }
  }

  async register(origin: RowOrigin, input: RegisterActorInput): Promise<void> {
    await this.flush();
    const [missing] = await this.options.sink.unregistered([input.code]);
    if (missing === undefined) {
      this.registered.add(input.code);
      this.tally.alreadyStored++;
      return;
    }
    try {
      await this.options.sink.registerActor(input);
      this.registered.add(input.code);
      this.tally.registered++;
    } catch (error) {
      if (!(error instanceof ItemsRefused)) throw error;
      const refusal = [...error.refusals.values()][0];
      this.skip(origin, refusal?.reason ?? 'invalid', refusal?.message ?? error.message);
    }
  }

  async amend(origin: RowOrigin, input: RecordEventInput): Promise<void> {
    await this.flush();
    await this.recordAmendment(origin, input);
  }

  async flush(): Promise<void> {
    let batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    await this.registerBodiesOf(batch);
    while (batch.length > 0) {
      try {
        const outcomes = await this.options.sink.recordBatch(batch.map((p) => p.input));
        this.count(outcomes);
        break;
      } catch (error) {
        if (!(error instanceof ItemsRefused)) throw error;
        for (const [i, refusal] of error.refusals) {
          this.skip(batch[i].origin, refusal.reason, refusal.message);
        }
        batch = batch.filter((_, i) => !error.refusals.has(i));
      }
    }
    for (const item of batch) {
      for (const amendment of item.amendments) await this.recordAmendment(item.origin, amendment);
    }
  }

  private count(outcomes: readonly RecordOutcome[]): void {
    for (const outcome of outcomes) {
      if (outcome === 'stored') this.tally.stored++;
      else this.tally.alreadyStored++;
    }
  }

  private async recordAmendment(origin: RowOrigin, input: RecordEventInput): Promise<void> {
    const id = input.eventId!;
    if (this.amended.has(id)) return;
    try {
      this.count([await this.options.sink.recordAmendment(input)]);
      this.amended.add(id);
    } catch (error) {
      if (!(error instanceof ItemsRefused)) throw error;
      const refusal = [...error.refusals.values()][0];
      this.skip(origin, refusal?.reason ?? 'invalid', refusal?.message ?? error.message);
    }
  }

  /** Bodies named by the batch and listed in the crosswalk, registered where the store lacks them. */
  private async registerBodiesOf(batch: readonly Pending[]): Promise<void> {
    const codes = new Set<string>();
    for (const { input } of batch) {
      for (const code of [
        input.actor,
        input.target,
        ...(input.actors ?? []),
        ...(input.targets ?? []),
      ]) {
        if (code && !isIsoCountry(code) && !this.registered.has(code)) codes.add(code);
      }
    }
    if (codes.size === 0) return;
    const missing = new Set(await this.options.sink.unregistered([...codes]));
    for (const code of codes) {
      const body = bodyByCode(code);
      if (missing.has(code) && body) {
        await this.options.sink.registerActor({
          code: body.code,
          name: body.name,
          kind: body.kind,
        });
        this.tally.registered++;
      }
      if (!missing.has(code) || body) this.registered.add(code);
    }
  }
}
