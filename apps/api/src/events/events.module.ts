import { Module } from '@nestjs/common';
import { RecordingModule } from '../recording/recording.module';
import { RelationsModule } from '../relations/relations.module';
import { EventsController } from './events.controller';

@Module({ imports: [RecordingModule, RelationsModule], controllers: [EventsController] })
export class EventsModule {}
