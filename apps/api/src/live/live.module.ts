import { Module } from '@nestjs/common';
import { GracefulShutdown } from '../common/graceful-shutdown';
import { LiveController } from './live.controller';
import { LiveFeed } from './live-feed.service';

@Module({
  controllers: [LiveController],
  providers: [LiveFeed, GracefulShutdown],
  exports: [LiveFeed],
})
export class LiveModule {}
