import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { LiveFeed } from '../live/live-feed.service';
import { PublicRoute } from '../auth/access.decorators';
import { EventStoreHealthIndicator } from './event-store.health';
import { ProjectionsHealthIndicator } from './projections.health';
import { ApiAnswer } from '../openapi/api-answer.decorator';

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
  @ApiAnswer(200, 'Health', 'Everything is up')
  @ApiAnswer(503, 'Health', 'Something is down: the same report says what')
  async check(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check([
        () => this.eventStore.check(),
        () => this.projections.check(),
        () => this.indicators.check('live').up({ clients: this.live.clientCount }),
      ]);
    } catch (error) {
      // Unhealthy is an answer, not an error: 503 with the same report, so a probe can see what is down.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse();
    }
  }
}
