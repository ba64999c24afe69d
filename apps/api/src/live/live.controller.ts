import { ValidationError } from '@entente/common';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import type { Response } from 'express';
import { CommaList } from '../common/comma-list.transform';
import { IsActorCode, IsChannel, IsEventTypeList } from '../common/filter-validators';
import { ReadConsistency } from '../projections/read-consistency';
import { KnownActors } from '../relations/known-actors';
import { LiveFeed } from './live-feed.service';

export class LiveQueryDto {
  @IsOptional() @IsActorCode() actor?: string;
  @IsOptional() @IsActorCode() target?: string;
  @IsOptional() @IsChannel() channel?: string;
  /** One or more event types (comma-separated); `relation` selects timeline changes. */
  @IsOptional() @CommaList() @IsEventTypeList(['relation']) type?: string[];
  /** Resume after this position (as Last-Event-ID does). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
}

@ApiTags('live')
@ApiBearerAuth()
@Controller('v1/live')
export class LiveController {
  constructor(
    private readonly feed: LiveFeed,
    private readonly consistency: ReadConsistency,
    private readonly actors: KnownActors,
  ) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Server-sent events: `event` per recorded event, `relation` per timeline change, `id` the position; ' +
      'reconnect with Last-Event-ID (or ?after=) to get exactly what was missed',
  })
  async follow(
    @Query() query: LiveQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await this.consistency.ensureCurrent();
    this.actors.assertKnownFilters({ actor: query.actor, target: query.target });
    const after = query.after ?? parseLastEventId(lastEventId);
    this.feed.open(
      res,
      { actor: query.actor, target: query.target, channel: query.channel, types: query.type },
      after,
    );
  }
}

function parseLastEventId(header: string | undefined): number | null {
  if (header === undefined || header === '') return null;
  if (!/^\d+$/.test(header)) {
    throw ValidationError.of([
      { field: 'Last-Event-ID', message: 'must be a position (a whole number)' },
    ]);
  }
  return Number(header);
}
