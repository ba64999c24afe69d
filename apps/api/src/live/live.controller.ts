import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '@entente/common';
import { ACTOR_REGISTRY, EVENT_INDEX, RELATION_TIMELINE } from '@entente/projections';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import type { Response } from 'express';
import { CommaList } from '../common/comma-list.transform';
import { IsActorCode, IsChannel, IsEventTypeList } from '../common/filter-validators';
import { ReadConsistency } from '../projections/read-consistency';
import { KnownActors } from '../relations/known-actors';
import { LiveFeed } from './live-feed.service';
import { resumeCursor } from './live-cursor';
import { ApiProblems } from '../openapi/problem.schemas';

export class LiveQueryDto {
  @IsOptional() @IsActorCode() actor?: string;
  @IsOptional() @IsActorCode() target?: string;
  /** Two actors, comma-separated: both directions of the pair (instead of actor and target). */
  @IsOptional()
  @CommaList()
  @IsArray()
  @ArrayMinSize(2, { message: 'between names two actors: between=COL,USA' })
  @ArrayMaxSize(2, { message: 'between names two actors: between=COL,USA' })
  @IsActorCode({ each: true })
  between?: string[];
  @IsOptional() @IsChannel() channel?: string;
  /** One or more event types (comma-separated); `relation` selects timeline changes. */
  @IsOptional() @CommaList() @IsEventTypeList(['relation']) type?: string[];
  /** Resume after this message id (`<position>.<index>`) or after all of a position, as Last-Event-ID does. */
  @IsOptional() @IsString() @MaxLength(40) after?: string;
}

@ApiTags('live')
@ApiBearerAuth()
@ApiProblems(400, 401, 404, 429, 503)
@Controller('v1/live')
export class LiveController {
  constructor(
    private readonly feed: LiveFeed,
    private readonly consistency: ReadConsistency,
    private readonly actors: KnownActors,
  ) {}

  @Get()
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last message received: resume right after it (wins over `after`).',
  })
  @ApiResponse({
    status: 200,
    description:
      'A stream of `event` and `relation` messages, each `data` one JSON object, until the client leaves',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
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
    if (query.between && (query.actor !== undefined || query.target !== undefined)) {
      throw ValidationError.of([
        { field: 'between', message: 'names a pair by itself: give it, or actor and target' },
      ]);
    }
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, RELATION_TIMELINE, EVENT_INDEX);
    const [one, other] = query.between ?? [];
    this.actors.assertKnownFilters({
      actor: query.actor,
      target: query.target,
      'between[0]': one,
      'between[1]': other,
    });
    const after = await resumeCursor(lastEventId, query.after, () => this.feed.head());
    this.feed.open(
      res,
      {
        actor: query.actor,
        target: query.target,
        between: query.between as [string, string] | undefined,
        channel: query.channel,
        types: query.type,
      },
      after,
    );
  }
}
