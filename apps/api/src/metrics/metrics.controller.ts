import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Metrics } from './metrics';
import { ApiProblems } from '../openapi/problem.schemas';

@ApiTags('health')
@ApiBearerAuth()
@ApiProblems(401, 429)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiResponse({
    status: 200,
    description: 'The Prometheus text exposition format, version 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary:
      'Prometheus metrics: appends and their latency, HTTP requests by route and status, read-model ' +
      'positions, lag and rebuilds, live followers, and the process (any key)',
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
