import { ValidationError } from '@entente/common';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CommaList } from '../common/comma-list.transform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Min,
} from 'class-validator';
import type { Response } from 'express';
import { LiveFeed } from './live-feed.service';

export class LiveQueryDto {
  @IsOptional() @IsString() actor?: string;
  @IsOptional() @IsString() target?: string;
  /** Two actors, comma-separated: both directions of the pair (instead of actor and target). */
  @IsOptional()
  @CommaList()
  @IsArray()
  @ArrayMinSize(2, { message: 'between names two actors: between=COL,USA' })
  @ArrayMaxSize(2, { message: 'between names two actors: between=COL,USA' })
  @IsString({ each: true })
  between?: string[];
  @IsOptional() @IsString() channel?: string;
  /** One or more event types (comma-separated); `relation` selects timeline changes. */
  @IsOptional()
  @CommaList()
  @IsArray()
  @IsString({ each: true })
  type?: string[];
  /** Resume after this position (as Last-Event-ID does). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
}

@ApiTags('live')
@ApiBearerAuth()
@Controller('v1/live')
export class LiveController {
  constructor(private readonly feed: LiveFeed) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Server-sent events: `event` per recorded event, `relation` per timeline change, `id` the position; ' +
      'reconnect with Last-Event-ID (or ?after=) to get exactly what was missed',
  })
  follow(
    @Query() query: LiveQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): void {
    // A browser reconnecting sends Last-Event-ID with the URL it first opened: the header is the later word.
    const after = parseLastEventId(lastEventId) ?? query.after ?? null;
    if (query.between && (query.actor !== undefined || query.target !== undefined)) {
      throw ValidationError.of([
        { field: 'between', message: 'names a pair by itself: give it, or actor and target' },
      ]);
    }
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

function parseLastEventId(header: string | undefined): number | null {
  if (header === undefined || header === '') return null;
  if (!/^\d+$/.test(header)) {
    throw ValidationError.of([
      { field: 'Last-Event-ID', message: 'must be a position (a whole number)' },
    ]);
  }
  return Number(header);
}
