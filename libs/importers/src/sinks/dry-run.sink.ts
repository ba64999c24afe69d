import { ValidationError } from '@entente/common';
import {
  validateRecordEvent,
  type RecordEventInput,
  type RegisterActorInput,
} from '@entente/domain';
import { INTERNATIONAL_BODIES } from '../crosswalk/international-bodies.crosswalk';
import { ItemsRefused, type FactSink, type RecordOutcome } from '../pipeline/fact-sink';

/**
 * `--dry-run`: every fact is validated as the recorder would (against the bodies the import would
 * register) and nothing is stored. What would already be in a store is not asked: no store is opened.
 */
export class DryRunSink implements FactSink {
  readonly maxBatch = 10_000;
  private readonly registered = new Set<string>(INTERNATIONAL_BODIES.map((b) => b.code));

  constructor(private readonly now: () => Date) {}

  async unregistered(codes: readonly string[]): Promise<readonly string[]> {
    return codes.filter((code) => !this.registered.has(code));
  }

  async registerActor(input: RegisterActorInput): Promise<void> {
    this.registered.add(input.code);
  }

  async recordBatch(inputs: readonly RecordEventInput[]): Promise<readonly RecordOutcome[]> {
    const refusals = new Map<number, { reason: 'invalid'; message: string }>();
    inputs.forEach((input, i) => {
      const message = this.problemOf(input);
      if (message) refusals.set(i, { reason: 'invalid', message });
    });
    if (refusals.size > 0) throw new ItemsRefused(refusals);
    return inputs.map(() => 'stored');
  }

  async recordAmendment(): Promise<RecordOutcome> {
    return 'stored';
  }

  private problemOf(input: RecordEventInput): string | null {
    try {
      validateRecordEvent(input, { now: this.now(), registeredActors: this.registered });
      return null;
    } catch (error) {
      if (error instanceof ValidationError) return error.message;
      throw error;
    }
  }
}
