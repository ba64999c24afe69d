import { NotFoundError, type Clock } from '@entente/common';
import { ISO_3166_ALPHA3, isIsoCountry } from '@entente/domain';
import {
  ActorRegistryQueries,
  EventIndexQueries,
  RelationTimelineQueries,
} from '@entente/projections';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../auth/access.decorators';
import { CLOCK } from '../common/clock.providers';
import { Meta } from '../common/request-meta';
import { iso, timePoint, TimeQueryDto } from '../common/time-query';
import { ReadConsistency } from '../projections/read-consistency';
import { RegisterActorDto } from '../recording/record-event.dto';
import type { RecordMeta } from '@entente/recording';
import { RecordingService } from '../recording/recording.service';
import { KnownActors } from '../relations/known-actors';
import { relationView } from '../relations/relation-views';

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
  async list() {
    await this.consistency.ensureCurrent();
    const registered = this.registry.all().map((actor) => ({ ...actor, registered: true }));
    return { actors: [...GOVERNMENTS, ...registered] };
  }

  @Post()
  @HttpCode(201)
  @RequiresRole('recorder')
  @ApiOperation({
    summary: 'Register a body or a person (an ActorRegistered event); 409 if the code is taken',
  })
  async register(@Body() body: RegisterActorDto, @Meta() meta: RecordMeta) {
    const recorded = await this.recording.registerActor(body, meta);
    return { code: body.code, ...recorded };
  }

  @Get(':code')
  @ApiOperation({ summary: 'One actor' })
  async get(@Param('code') code: string) {
    await this.consistency.ensureCurrent();
    if (isIsoCountry(code)) return GOVERNMENTS.find((g) => g.code === code);
    const actor = this.registry.get(code);
    if (!actor) throw new NotFoundError(`no actor ${code}`, { actor: code });
    return { ...actor, registered: true };
  }

  @Get(':code/relations')
  @ApiOperation({
    summary: 'Every pair involving the actor, either way, with its state at (at, knownAt)',
  })
  async relations(@Param('code') code: string, @Query() query: TimeQueryDto) {
    const point = timePoint(query, this.clock.now());
    await this.consistency.ensureCurrent();
    this.actors.assertKnown(code);
    const keys = this.timeline.keysOf(code);
    const states = this.timeline.statesAt(keys, point.at, point.knownAt);
    const evidence = this.index.evidenceOf(states.flatMap((state) => state.basis));
    return {
      actor: code,
      at: iso(point.at),
      knownAt: iso(point.knownAt),
      relations: keys.map((key, i) => relationView(key, states[i], evidence)),
    };
  }
}
