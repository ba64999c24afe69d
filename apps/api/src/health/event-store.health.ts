import { EVENT_STORE, type EventStore } from '@entente/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';

@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  async check() {
    const indicator = this.indicators.check('eventStore');
    const kind = this.config.eventStoreConnectionString ? 'eventstoredb' : 'embedded';
    try {
      return indicator.up({ kind, head: await this.store.headPosition() });
    } catch (error) {
      return indicator.down({ kind, message: (error as Error).message });
    }
  }
}
