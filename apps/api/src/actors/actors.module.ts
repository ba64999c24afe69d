import { Module } from '@nestjs/common';
import { RecordingModule } from '../recording/recording.module';
import { RelationsModule } from '../relations/relations.module';
import { ActorsController } from './actors.controller';

@Module({ imports: [RecordingModule, RelationsModule], controllers: [ActorsController] })
export class ActorsModule {}
