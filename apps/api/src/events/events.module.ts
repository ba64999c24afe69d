import { Module } from '@nestjs/common';
import { RecordingModule } from '../recording/recording.module';
import { EventsController } from './events.controller';

@Module({ imports: [RecordingModule], controllers: [EventsController] })
export class EventsModule {}
