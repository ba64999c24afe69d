import { ValidationError, type Clock } from '@entente/common';
import { explain } from '@entente/domain';
import {
  ACTOR_REGISTRY,
  EVENT_INDEX,
  EventIndexQueries,
  RELATION_TIMELINE,
  RelationTimelineQueries,
} from '@entente/projections';
import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CLOCK } from '../common/clock.providers';
import { IsChannel } from '../common/filter-validators';
import {
  knowledgeAt,
  knowledgePoint,
  KnowledgeQueryDto,
  knowledgeView,
  timelineKnowledge,
} from '../common/knowledge-query';
import { iso } from '../common/time-query';
import { ReadConsistency } from '../projections/read-consistency';
import { KnownActors } from './known-actors';
import {
  ApiExports,
  EXPORT_FORMATS,
  exportFormat,
  streamed,
  type ExportFormat,
} from '../exports/export-format';
import { TIMELINE_EXPORT } from '../exports/timeline-export';
import { nothingRecordedNote } from './nothing-recorded.note';
import { channelStateView } from './relation-views';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import { ApiProblems } from '../openapi/problem.schemas';

export class ChannelKnowledgeQueryDto extends KnowledgeQueryDto {
  @IsOptional() @IsChannel() channel?: string;
}

export class ChannelTimelineQueryDto extends ChannelKnowledgeQueryDto {
  /** json (the default), csv or ndjson; or ask with the Accept header. */
  @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}

@ApiTags('relations')
@ApiBearerAuth()
@ApiProblems(400, 401, 404, 429, 503)
@Controller('v1/relations/:actor/:target')
export class RelationsController {
  constructor(
    private readonly timeline: RelationTimelineQueries,
    private readonly index: EventIndexQueries,
    private readonly consistency: ReadConsistency,
    private readonly actors: KnownActors,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The state of each channel of a directed pair at `at`, as known at `knownAt` and, if asked, as reported by `reportedBy`, from curated facts only with `evidence=curated`',
  })
  @ApiAnswer(
    200,
    'RelationState',
    'Each channel recorded for the pair, with its state and what it rests on',
  )
  async state(
    @Param('actor') actor: string,
    @Param('target') target: string,
    @Query() query: KnowledgeQueryDto,
  ) {
    const point = knowledgePoint(query, this.clock.now());
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, RELATION_TIMELINE, EVENT_INDEX);
    this.actors.assertKnown(actor, target);
    const channels = this.channels(actor, target);
    const states = this.timeline.statesAt(
      channels.map((channel) => ({ actor, target, channel })),
      point.at,
      timelineKnowledge(point),
    );
    const evidence = this.index.evidenceOf(states.flatMap((state) => state.basis));
    return {
      actor,
      target,
      at: iso(point.at),
      ...knowledgeView(point),
      channels: channels.map((channel, i) => channelStateView(channel, states[i], evidence)),
      ...nothingRecordedNote(actor, target, channels),
    };
  }

  @Get('timeline')
  @ApiOperation({
    summary:
      'The valid-time history of the pair as known at `knownAt` (and as reported by `reportedBy`, from curated facts with `evidence=curated`)',
  })
  @ApiExports('interval', TIMELINE_EXPORT, 'Timeline')
  @ApiQuery({
    name: 'at',
    required: false,
    schema: { type: 'string', maxLength: 40 },
    description: 'Checked like the other routes, then unused: a timeline spans all valid time.',
  })
  async history(
    @Param('actor') actor: string,
    @Param('target') target: string,
    @Query() query: ChannelTimelineQueryDto,
    @Headers('accept') accept?: string,
  ) {
    const point = knowledgePoint({ ...query, at: undefined }, this.clock.now());
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, RELATION_TIMELINE);
    this.actors.assertKnown(actor, target);
    const recorded = this.channels(actor, target);
    const channels = query.channel === undefined ? recorded : [query.channel];
    const intervals = channels
      .flatMap((channel) =>
        this.timeline.timeline({ actor, target, channel }, timelineKnowledge(point)),
      )
      .sort(
        (a, b) => Date.parse(a.from) - Date.parse(b.from) || a.channel.localeCompare(b.channel),
      );
    const format = exportFormat(query.format, accept);
    if (format !== 'json') return streamed(format, intervals, TIMELINE_EXPORT);
    return {
      actor,
      target,
      ...knowledgeView(point),
      intervals,
      ...nothingRecordedNote(actor, target, recorded, query.channel),
    };
  }

  @Get('audit')
  @ApiOperation({
    summary: 'How the state of one channel was reached: each event, its sources, who recorded it',
  })
  @ApiAnswer(200, 'Audit', 'The fold, step by step, and what was left out and why')
  async audit(
    @Param('actor') actor: string,
    @Param('target') target: string,
    @Query() query: ChannelKnowledgeQueryDto,
  ) {
    if (query.channel === undefined) {
      throw ValidationError.of([
        { field: 'channel', message: 'is required: an audit explains one channel' },
      ]);
    }
    const point = knowledgePoint(query, this.clock.now());
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, EVENT_INDEX);
    this.actors.assertKnown(actor, target);
    const key = { actor, target, channel: query.channel };
    const explanation = explain(
      this.index.factsOf(actor, target, query.channel),
      key,
      new Date(point.at),
      knowledgeAt(point),
    );
    const limits = knowledgeView(point);
    return {
      ...explanation,
      at: iso(point.at),
      ...limits,
      // Context changes no status: it is counted here and listed by its own route.
      context: {
        count: explanation.contextFacts,
        href: contextHref(key, { to: iso(point.at), ...limits }),
      },
      ...nothingRecordedNote(actor, target, this.channels(actor, target), query.channel),
    };
  }

  private channels(actor: string, target: string): string[] {
    const fromTimeline = this.timeline.channelsOf(actor, target).map((k) => k.channel);
    return [...new Set([...fromTimeline, ...this.index.channelsOf(actor, target)])].sort();
  }
}

function contextHref(
  key: { actor: string; target: string; channel: string },
  limits: { to: string; knownAt: string; reportedBy: string | null; evidence: string },
): string {
  const query = new URLSearchParams({
    channel: key.channel,
    to: limits.to,
    knownAt: limits.knownAt,
  });
  if (limits.reportedBy) query.set('reportedBy', limits.reportedBy);
  if (limits.evidence === 'curated') query.set('evidence', 'curated');
  return `/v1/relations/${key.actor}/${key.target}/context?${query}`;
}
