import { canonicalJson, type RecordEventInput, type RegisterActorInput } from '@entente/domain';
import {
  ItemsRefused,
  type FactSink,
  type RecordOutcome,
  type Refusal,
} from '../pipeline/fact-sink';

/**
 * A store of facts in memory that behaves as the recorder promises: a batch is all or none, an id stored
 * with the same content is answered as already stored, with other content it is refused as a conflict,
 * and an item `refuse` names is refused as invalid. For the import run's specs.
 */
export class MemorySink implements FactSink {
  readonly facts = new Map<string, RecordEventInput>();
  readonly actors = new Map<string, RegisterActorInput>();
  readonly batches: number[] = [];

  constructor(
    readonly maxBatch = 1_000,
    private readonly refuse: (input: RecordEventInput) => string | null = () => null,
  ) {}

  async unregistered(codes: readonly string[]): Promise<readonly string[]> {
    return codes.filter((code) => !this.actors.has(code));
  }

  async registerActor(input: RegisterActorInput): Promise<void> {
    this.actors.set(input.code, input);
  }

  async recordBatch(inputs: readonly RecordEventInput[]): Promise<readonly RecordOutcome[]> {
    const refusals = new Map<number, Refusal>();
    inputs.forEach((input, i) => {
      const stored = this.facts.get(input.eventId!);
      const invalid = this.refuse(input);
      if (invalid) refusals.set(i, { reason: 'invalid', message: invalid });
      else if (stored && canonicalJson(stored) !== canonicalJson(input)) {
        refusals.set(i, {
          reason: 'conflict',
          message: `${input.eventId} stored with other content`,
        });
      }
    });
    if (refusals.size > 0) throw new ItemsRefused(refusals);
    this.batches.push(inputs.length);
    return inputs.map((input) => {
      if (this.facts.has(input.eventId!)) return 'already-stored';
      this.facts.set(input.eventId!, input);
      return 'stored';
    });
  }

  async recordAmendment(input: RecordEventInput): Promise<RecordOutcome> {
    if (this.facts.has(input.eventId!)) return 'already-stored';
    this.facts.set(input.eventId!, input);
    return 'stored';
  }
}
