import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { LiveFeed } from '../live/live-feed.service';
import { PublicRoute } from '../auth/access.decorators';
import { EventStoreHealthIndicator } from './event-store.health';
import { ProjectionsHealthIndicator } from './projections.health';

@ApiTags('health')
@PublicRoute()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
    private readonly live: LiveFeed,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'The store, each read model with its position, lag and state, and the live followers',
  })
  check() {
    return this.health.check([
      () => this.eventStore.check(),
      () => this.projections.check(),
      () => this.indicators.check('live').up({ clients: this.live.clientCount }),
    ]);
  }
}
