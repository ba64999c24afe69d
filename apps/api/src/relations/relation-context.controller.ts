import { type Clock } from '@entente/common';
import { CONTEXT_TYPES, contextFor } from '@entente/domain';
import { ACTOR_REGISTRY, EVENT_INDEX, EventIndexQueries } from '@entente/projections';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Max, Min } from 'class-validator';
import { CLOCK } from '../common/clock.providers';
import { CommaList } from '../common/comma-list.transform';
import { IsChannel } from '../common/filter-validators';
import {
  knowledgeAt,
  knowledgePoint,
  KnowledgeQueryDto,
  knowledgeView,
} from '../common/knowledge-query';
import { validTimeWindow } from '../common/valid-time-window';
import { ReadConsistency } from '../projections/read-consistency';
import { KnownActors } from './known-actors';
import { contextFactView } from './relation-views';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import { ApiProblems } from '../openapi/problem.schemas';

export class ContextQueryDto extends KnowledgeQueryDto {
  /** The valid-time window, inclusive (occurredAt forms; `to` read at its period's end). */
  @IsOptional() @IsString() @MaxLength(40) from?: string;
  @IsOptional() @IsString() @MaxLength(40) to?: string;
  /** One channel: its context, and context about the pair as a whole. */
  @IsOptional() @IsChannel() channel?: string;
  /** Context types, comma-separated or repeated. */
  @IsOptional() @CommaList() @IsArray() @IsIn(CONTEXT_TYPES, { each: true }) type?: string[];
  /** How many facts to skip: `next` of the previous page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) offset?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

@ApiTags('relations')
@ApiBearerAuth()
@ApiProblems(400, 401, 404, 429, 503)
@Controller('v1/relations/:actor/:target/context')
export class RelationContextController {
  constructor(
    private readonly index: EventIndexQueries,
    private readonly consistency: ReadConsistency,
    private readonly actors: KnownActors,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Context facts (statements, accusations, meetings, figures...) of a directed pair over a valid-time window, as known, in valid-time order',
  })
  @ApiAnswer(200, 'Context', 'A page of the context facts in the window')
  async list(
    @Param('actor') actor: string,
    @Param('target') target: string,
    @Query() query: ContextQueryDto,
  ) {
    const point = knowledgePoint(query, this.clock.now());
    const window = validTimeWindow(query);
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, EVENT_INDEX);
    this.actors.assertKnown(actor, target);
    const types = query.type && new Set(query.type);
    const facts = contextFor(
      this.index.factsOfPair(actor, target),
      { actor, target, channel: query.channel },
      knowledgeAt(point),
    ).filter((fact) => {
      const start = Date.parse(fact.data.occurredAt.start);
      return start >= window.from && start <= window.to && (!types || types.has(fact.type));
    });
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 100;
    const page = facts.slice(offset, offset + limit);
    return {
      actor,
      target,
      channel: query.channel ?? null,
      ...window.view,
      ...knowledgeView(point),
      total: facts.length,
      facts: page.map(contextFactView),
      next: offset + limit < facts.length ? offset + limit : null,
    };
  }
}
