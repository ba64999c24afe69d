import { EVENT_STORE, type EventStore } from '@entente/event-store';
import { ProjectionManager, type ProjectionStatus } from '@entente/projections';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { headWithin } from '../health/store-head';
import { LiveFeed } from '../live/live-feed.service';
import { Metrics } from './metrics';

/** Gauges read off the app at each scrape: where the store and each read model are, and who follows. */
@Injectable()
export class ReadModelMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionManager,
    private readonly live: LiveFeed,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const { store, live } = this;
    const head = () => headWithin(store).catch(() => null);
    new Gauge({
      name: 'entente_live_followers',
      help: 'Clients following GET /v1/live',
      registers,
      collect() {
        this.set(live.clientCount);
      },
    });
    new Gauge({
      name: 'entente_store_head_position',
      help: 'The last position in the event store (absent while the store does not answer)',
      registers,
      async collect() {
        const last = await head();
        this.reset();
        if (last !== null) this.set(last);
      },
    });
    this.perReadModel(
      'entente_read_model_position',
      'The last store position each read model has applied',
      (status) => status.position,
    );
    this.perReadModel(
      'entente_read_model_generation',
      'The generation answering for each read model: one more with every rebuild that swaps in',
      (status) => status.generation,
    );
    this.perReadModel(
      'entente_read_model_rebuilding',
      '1 while a rebuild of the read model runs beside the live one',
      (status) => (status.rebuilding && status.rebuilding.state !== 'failed' ? 1 : 0),
    );
    this.perReadModel(
      'entente_read_model_lag',
      'Store positions recorded that the read model has not applied yet (absent while the store does not answer)',
      (status, last) => (last === null ? null : Math.max(0, last - status.position)),
      head,
    );
  }

  private perReadModel(
    name: string,
    help: string,
    value: (status: ProjectionStatus, head: number | null) => number | null,
    head: () => Promise<number | null> = () => Promise.resolve(null),
  ): void {
    const { projections } = this;
    new Gauge({
      name,
      help,
      labelNames: ['read_model'],
      registers: [this.metrics.registry],
      async collect() {
        const last = await head();
        this.reset();
        for (const status of projections.statuses()) {
          const figure = value(status, last);
          if (figure !== null) this.set({ read_model: status.name }, figure);
        }
      },
    });
  }
}
