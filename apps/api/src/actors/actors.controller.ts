import { NotFoundError, type Clock } from '@entente/common';
import { ISO_3166_ALPHA3, isIsoCountry } from '@entente/domain';
import {
  RELATION_TIMELINE,
  EVENT_INDEX,
  ACTOR_REGISTRY,
  ActorRegistryQueries,
  EventIndexQueries,
  RelationTimelineQueries,
} from '@entente/projections';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../auth/access.decorators';
import { CLOCK } from '../common/clock.providers';
import { Meta } from '../common/request-meta';
import {
  knowledgePoint,
  KnowledgeQueryDto,
  knowledgeView,
  timelineKnowledge,
} from '../common/knowledge-query';
import { iso } from '../common/time-query';
import { ReadConsistency } from '../projections/read-consistency';
import { RegisterActorDto } from '../recording/record-event.dto';
import type { RecordMeta } from '@entente/recording';
import { RecordingService } from '../recording/recording.service';
import { KnownActors } from '../relations/known-actors';
import { relationView } from '../relations/relation-views';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import { ApiProblems } from '../openapi/problem.schemas';

const GOVERNMENTS = Object.entries(ISO_3166_ALPHA3).map(([code, name]) => ({
  code,
  name,
  kind: 'government' as const,
  affiliation: null,
  office: null,
  registered: false,
}));

@ApiTags('actors')
@ApiBearerAuth()
@ApiProblems(401, 429, 503)
@Controller('v1/actors')
export class ActorsController {
  constructor(
    private readonly recording: RecordingService,
    private readonly registry: ActorRegistryQueries,
    private readonly timeline: RelationTimelineQueries,
    private readonly index: EventIndexQueries,
    private readonly consistency: ReadConsistency,
    private readonly actors: KnownActors,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every ISO 3166 government, then every registered body and person' })
  @ApiAnswer(200, 'ActorList', 'Governments need no registration; bodies and persons do')
  async list() {
    await this.consistency.ensureCurrent(ACTOR_REGISTRY);
    const registered = this.registry.all().map((actor) => ({ ...actor, registered: true }));
    return { actors: [...GOVERNMENTS, ...registered] };
  }

  @Post()
  @HttpCode(201)
  @RequiresRole('recorder')
  @ApiOperation({
    summary: 'Register a body or a person (an ActorRegistered event); 409 if the code is taken',
  })
  @ApiAnswer(201, 'RegisteredActor', 'Registered, or registered before with the same content')
  @ApiProblems(400, 403, 404, 409, 413, 415)
  async register(@Body() body: RegisterActorDto, @Meta() meta: RecordMeta) {
    const recorded = await this.recording.registerActor(body, meta);
    return { code: body.code, ...recorded };
  }

  @Get(':code')
  @ApiOperation({ summary: 'One actor' })
  @ApiAnswer(200, 'Actor', 'A government, or a registered body or person')
  @ApiProblems(404)
  async get(@Param('code') code: string) {
    await this.consistency.ensureCurrent(ACTOR_REGISTRY);
    if (isIsoCountry(code)) return GOVERNMENTS.find((g) => g.code === code);
    const actor = this.registry.get(code);
    if (!actor) throw new NotFoundError(`no actor ${code}`, { actor: code });
    return { ...actor, registered: true };
  }

  @Get(':code/relations')
  @ApiOperation({
    summary:
      'Every pair involving the actor, either way, with its state at (at, knownAt), as reported by `reportedBy` and from curated facts with `evidence=curated` if asked',
  })
  @ApiAnswer(200, 'ActorRelations', 'Each channel of each pair the actor is in, either side')
  @ApiProblems(400, 404)
  async relations(@Param('code') code: string, @Query() query: KnowledgeQueryDto) {
    const point = knowledgePoint(query, this.clock.now());
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, RELATION_TIMELINE, EVENT_INDEX);
    this.actors.assertKnown(code);
    const keys = this.timeline.keysOf(code);
    const states = this.timeline.statesAt(keys, point.at, timelineKnowledge(point));
    const evidence = this.index.evidenceOf(states.flatMap((state) => state.basis));
    return {
      actor: code,
      at: iso(point.at),
      ...knowledgeView(point),
      relations: keys.map((key, i) => relationView(key, states[i], evidence)),
    };
  }
}
