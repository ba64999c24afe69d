import { EVENT_STORE, EventStoreDbEventStore, type EventStore } from '@entente/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { headWithin } from './store-head';

@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Down when the store cannot answer; degraded while an EventStoreDB connection is being re-established. */
  async check() {
    const indicator = this.indicators.check('eventStore');
    const remote = this.store instanceof EventStoreDbEventStore ? this.store : null;
    const kind = remote ? 'eventstoredb' : 'embedded';
    const connection = remote?.connectionState() ?? 'local';
    try {
      const head = await headWithin(this.store);
      return connection === 'reconnecting'
        ? indicator.degraded({ kind, connection, head })
        : indicator.up({ kind, connection, head });
    } catch (error) {
      return indicator.down({ kind, connection, message: (error as Error).message });
    }
  }
}
