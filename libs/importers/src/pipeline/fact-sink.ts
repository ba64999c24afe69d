import type { RecordEventInput, RegisterActorInput } from '@entente/domain';

export type RecordOutcome = 'stored' | 'already-stored';

/** Why the store refused an item of a batch: the rest of the batch can be sent again without it. */
export interface Refusal {
  readonly reason: 'invalid' | 'conflict';
  readonly message: string;
}

/** A batch was refused as a whole because of these items (by index); nothing of it was stored. */
export class ItemsRefused extends Error {
  constructor(readonly refusals: ReadonlyMap<number, Refusal>) {
    super(
      [...refusals].map(([i, r]) => `events[${i}]: ${r.message}`).join('; ') || 'batch refused',
    );
    this.name = 'ItemsRefused';
  }
}

/**
 * Where an import's facts go: the store through `@entente/recording`, a server's batch route, or nowhere
 * (a dry run). A batch is all or none; refused items come back as `ItemsRefused`.
 */
export interface FactSink {
  /** Most facts one `recordBatch` may carry. */
  readonly maxBatch: number;
  /** The codes among these (registered actors, never ISO states) that are not registered yet. */
  unregistered(codes: readonly string[]): Promise<readonly string[]>;
  /** Registers an actor; one registered meanwhile counts as done. */
  registerActor(input: RegisterActorInput): Promise<void>;
  recordBatch(inputs: readonly RecordEventInput[]): Promise<readonly RecordOutcome[]>;
  /** A retraction or correction of a fact already recorded. */
  recordAmendment(input: RecordEventInput): Promise<RecordOutcome>;
}
