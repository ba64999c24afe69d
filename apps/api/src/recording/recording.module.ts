import { Module } from '@nestjs/common';
import { ActorDirectory } from './actor-directory';
import { RecordingService } from './recording.service';

@Module({
  providers: [ActorDirectory, RecordingService],
  exports: [ActorDirectory, RecordingService],
})
export class RecordingModule {}
