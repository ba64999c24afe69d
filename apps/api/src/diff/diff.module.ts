import { Module } from '@nestjs/common';
import { RelationsModule } from '../relations/relations.module';
import { DiffController } from './diff.controller';
import { DiffService } from './diff.service';

@Module({ imports: [RelationsModule], controllers: [DiffController], providers: [DiffService] })
export class DiffModule {}
