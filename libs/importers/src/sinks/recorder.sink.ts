import { EntenteError, ValidationError } from '@entente/common';
import type { RecordEventInput, RegisterActorInput } from '@entente/domain';
import type { RecordMeta, Recorder } from '@entente/recording';
import { refusalsOf } from '../pipeline/batch-refusals';
import { ItemsRefused, type FactSink, type RecordOutcome } from '../pipeline/fact-sink';

/** Which registered codes exist; the recorder's own actor lookup fits. */
export interface ActorLookupPort {
  registeredAmong(codes: Iterable<string>): Promise<ReadonlySet<string>>;
}

/**
 * Records into the store through `@entente/recording`, in the caller's process: one append per batch,
 * thousands of facts each on the embedded store.
 */
export class RecorderSink implements FactSink {
  readonly maxBatch = 50_000;

  constructor(
    private readonly recorder: Recorder,
    private readonly actors: ActorLookupPort,
    private readonly meta: RecordMeta,
  ) {}

  async unregistered(codes: readonly string[]): Promise<readonly string[]> {
    const known = await this.actors.registeredAmong(codes);
    return codes.filter((code) => !known.has(code));
  }

  async registerActor(input: RegisterActorInput): Promise<void> {
    try {
      await this.recorder.registerActor(input, this.meta);
    } catch (error) {
      if ((await this.unregistered([input.code])).length === 0) return;
      throw refused(error, [input as unknown as RecordEventInput]);
    }
  }

  async recordBatch(inputs: readonly RecordEventInput[]): Promise<readonly RecordOutcome[]> {
    try {
      const recorded = await this.recorder.recordBatch(inputs, this.meta);
      return recorded.map((r) => (r.alreadyRecorded ? 'already-stored' : 'stored'));
    } catch (error) {
      throw refused(error, inputs);
    }
  }

  async recordAmendment(input: RecordEventInput): Promise<RecordOutcome> {
    try {
      const recorded = await this.recorder.record(input, this.meta);
      return recorded.alreadyRecorded ? 'already-stored' : 'stored';
    } catch (error) {
      throw refused(error, [input], true);
    }
  }
}

/**
 * The recorder's validation and conflict errors as refusals of items; anything else (the store is down)
 * is not the rows' fault and stops the import. A single item's error is that item's, whatever it names.
 */
function refused(error: unknown, batch: readonly RecordEventInput[], single = false): unknown {
  if (!(error instanceof EntenteError) || error.code === 'forbidden') return error;
  const report = {
    code: error.code,
    message: error.message,
    details: error.details,
    issues: error instanceof ValidationError ? error.issues : [],
  };
  const refusals =
    single || batch.length === 1
      ? new Map([
          [
            0,
            {
              reason: error.code === 'conflict' ? ('conflict' as const) : ('invalid' as const),
              message: error.message,
            },
          ],
        ])
      : refusalsOf(report, batch);
  return refusals ? new ItemsRefused(refusals) : error;
}
