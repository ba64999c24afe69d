import { Global, Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { ReadModelMetrics } from './read-model.metrics';

@Global()
@Module({
  imports: [LiveModule],
  controllers: [MetricsController],
  providers: [Metrics, ReadModelMetrics],
  exports: [Metrics],
})
export class MetricsModule {}
