import { Module } from '@nestjs/common';
import { KnownActors } from './known-actors';
import { RelationContextController } from './relation-context.controller';
import { RelationsController } from './relations.controller';

@Module({
  controllers: [RelationContextController, RelationsController],
  providers: [KnownActors],
  exports: [KnownActors],
})
export class RelationsModule {}
