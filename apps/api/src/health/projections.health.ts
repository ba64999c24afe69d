import { EVENT_STORE, type EventStore } from '@entente/event-store';
import { ProjectionManager } from '@entente/projections';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { headWithin } from './store-head';

@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionManager,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /**
   * Each read model's position and lag behind the store (in the store's positions); down when one has
   * stopped on an event it cannot apply, naming the event and the reason.
   */
  async check() {
    const indicator = this.indicators.check('projections');
    const head = await headWithin(this.store).catch(() => null);
    const readModels = Object.fromEntries(
      this.projections.statuses().map((status) => [
        status.name,
        {
          version: status.version,
          generation: status.generation,
          state: status.state,
          position: status.position,
          lag: head === null ? null : Math.max(0, head - status.position),
          failure: status.failure,
          rebuilding: status.rebuilding
            ? { generation: status.rebuilding.generation, position: status.rebuilding.position }
            : null,
        },
      ]),
    );
    const failed = this.projections.statuses().some((s) => s.state === 'failed');
    return failed ? indicator.down({ readModels }) : indicator.up({ readModels });
  }
}
