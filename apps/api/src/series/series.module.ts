import { Module } from '@nestjs/common';
import { RelationsModule } from '../relations/relations.module';
import { SeriesController } from './series.controller';
import { SeriesService } from './series.service';

@Module({ imports: [RelationsModule], controllers: [SeriesController], providers: [SeriesService] })
export class SeriesModule {}
