import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { CommaList } from '../common/comma-list.transform';
import { IsActorCode, IsChannel, IsEventTypeList } from '../common/filter-validators';
import { ReadConsistency } from '../projections/read-consistency';
import { KnownActors } from '../relations/known-actors';
import { LiveFeed } from './live-feed.service';
import { resumeCursor } from './live-cursor';

export class LiveQueryDto {
  @IsOptional() @IsActorCode() actor?: string;
  @IsOptional() @IsActorCode() target?: string;
  @IsOptional() @IsChannel() channel?: string;
  /** One or more event types (comma-separated); `relation` selects timeline changes. */
  @IsOptional() @CommaList() @IsEventTypeList(['relation']) type?: string[];
  /** Resume after this message id (`<position>.<index>`) or after all of a position, as Last-Event-ID does. */
  @IsOptional() @IsString() @MaxLength(40) after?: string;
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
      'Server-sent events: `event` per recorded event, `relation` per timeline change, `id` ' +
      '`<position>.<index>`; reconnect with Last-Event-ID (or ?after=) to get exactly what was missed',
  })
  async follow(
    @Query() query: LiveQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await this.consistency.ensureCurrent();
    this.actors.assertKnownFilters({ actor: query.actor, target: query.target });
    const after = await resumeCursor(lastEventId, query.after, () => this.feed.head());
    this.feed.open(
      res,
      { actor: query.actor, target: query.target, channel: query.channel, types: query.type },
      after,
    );
  }
}
