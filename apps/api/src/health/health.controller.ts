import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
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
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'The store, and each read model with its position, lag and state' })
  check() {
    return this.health.check([() => this.eventStore.check(), () => this.projections.check()]);
  }
}
