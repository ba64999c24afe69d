import type { RecordEventInput, RegisterActorInput } from '@entente/domain';
import { EVENT_STORE, type EventStore } from '@entente/event-store';
import { EventIndexQueries } from '@entente/projections';
import {
  createRecorder,
  storeActorDirectory,
  storeLocator,
  type ActorDirectory,
  type EventLocator,
  type RecordMeta,
  type Recorded,
  type Recorder,
} from '@entente/recording';
import type { Clock, IdGenerator } from '@entente/common';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, ID_GENERATOR } from '../common/clock.providers';
import { ReadConsistency } from '../projections/read-consistency';

/**
 * The API's door to `libs/recording`: the recorder does the work; this tells read-your-writes what was
 * acknowledged, so that a client's next read sees its own fact.
 */
@Injectable()
export class RecordingService {
  private readonly recorder: Recorder;
  /** Which actor codes are registered: what the recorder checks, and what a refused body is checked with. */
  readonly actors: ActorDirectory;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_GENERATOR) newId: IdGenerator,
    index: EventIndexQueries,
    private readonly consistency: ReadConsistency,
  ) {
    this.actors = storeActorDirectory(store);
    this.recorder = createRecorder({
      store,
      clock,
      newId,
      actors: this.actors,
      locator: store.readEvents ? storeLocator(store) : eventIndexLocator(index, consistency),
    });
  }

  async record(input: RecordEventInput, meta: RecordMeta): Promise<Recorded> {
    return this.acknowledged([await this.recorder.record(input, meta)])[0];
  }

  async recordBatch(inputs: readonly RecordEventInput[], meta: RecordMeta): Promise<Recorded[]> {
    return this.acknowledged(await this.recorder.recordBatch(inputs, meta));
  }

  async registerActor(input: RegisterActorInput, meta: RecordMeta): Promise<Recorded> {
    return this.acknowledged([await this.recorder.registerActor(input, meta)])[0];
  }

  private acknowledged(recorded: Recorded[]): Recorded[] {
    for (const { position } of recorded) this.consistency.recorded(position);
    return recorded;
  }
}

/**
 * EventStoreDB has no index by event id: the event index read model answers instead, once it covers what
 * this process acknowledged. There, finding a fact by id waits on that read model.
 */
function eventIndexLocator(index: EventIndexQueries, consistency: ReadConsistency): EventLocator {
  return {
    async find(eventIds) {
      await consistency.ensureCurrent();
      const found = eventIds.map((id) => index.byId(id)).filter((event) => event !== undefined);
      return new Map(found.map((event) => [event.eventId, event]));
    },
  };
}
