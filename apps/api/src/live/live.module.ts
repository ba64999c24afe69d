import { Module } from '@nestjs/common';
import { GracefulShutdown } from '../common/graceful-shutdown';
import { RelationsModule } from '../relations/relations.module';
import { LiveController } from './live.controller';
import { LiveFeed } from './live-feed.service';

@Module({
  imports: [RelationsModule],
  controllers: [LiveController],
  providers: [LiveFeed, GracefulShutdown],
  exports: [LiveFeed],
})
export class LiveModule {}
