import { Module } from '@nestjs/common';
import { KnownActors } from './known-actors';
import { RelationsController } from './relations.controller';

@Module({
  controllers: [RelationsController],
  providers: [KnownActors],
  exports: [KnownActors],
})
export class RelationsModule {}
