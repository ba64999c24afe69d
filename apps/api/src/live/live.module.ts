import { Module } from '@nestjs/common';
import { LiveController } from './live.controller';
import { LiveFeed } from './live-feed.service';

@Module({ controllers: [LiveController], providers: [LiveFeed], exports: [LiveFeed] })
export class LiveModule {}
