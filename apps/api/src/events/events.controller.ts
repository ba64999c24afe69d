import { NotFoundError, ValidationError } from '@entente/common';
import type { RecordEventInput } from '@entente/domain';
import { ACTOR_REGISTRY, EVENT_INDEX, EventIndexQueries } from '@entente/projections';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../auth/access.decorators';
import { Meta } from '../common/request-meta';
import { ReadConsistency } from '../projections/read-consistency';
import { RecordBatchDto, RecordEventDto } from '../recording/record-event.dto';
import { RecordBatchPipe, RecordEventPipe } from '../recording/record-event.pipe';
import type { RecordMeta } from '@entente/recording';
import { RecordingService } from '../recording/recording.service';
import { KnownActors } from '../relations/known-actors';
import { EventListQueryDto } from './event-list.query';
import { eventView } from './event.view';
import { EVENTS_EXPORT, exportedEvents } from '../exports/event-export';
import { ApiExports, exportFormat, streamed } from '../exports/export-format';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import { ApiProblems } from '../openapi/problem.schemas';

@ApiTags('events')
@ApiBearerAuth()
@ApiProblems(401, 429, 503)
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly recording: RecordingService,
    private readonly index: EventIndexQueries,
    private readonly consistency: ReadConsistency,
    private readonly actors: KnownActors,
  ) {}

  @Post()
  @HttpCode(201)
  @RequiresRole('recorder')
  @ApiOperation({
    summary: 'Record one event; re-posting the same eventId and body answers the same',
  })
  @ApiBody({ type: RecordEventDto })
  @ApiAnswer(201, 'Recorded', 'Recorded, or recorded before with the same eventId and content')
  @ApiProblems(400, 403, 404, 409, 413, 415)
  record(@Body(RecordEventPipe) body: RecordEventInput, @Meta() meta: RecordMeta) {
    return this.recording.record(body, meta);
  }

  @Post('batch')
  @HttpCode(201)
  @RequiresRole('recorder')
  @ApiOperation({ summary: 'Record up to 500 new facts atomically: all of them or none' })
  @ApiBody({ type: RecordBatchDto })
  @ApiAnswer(201, 'RecordedBatch', 'Every fact recorded, in the order posted')
  @ApiProblems(400, 403, 404, 409, 413, 415)
  async recordBatch(
    @Body(RecordBatchPipe) body: { events: RecordEventInput[] },
    @Meta() meta: RecordMeta,
  ) {
    return { events: await this.recording.recordBatch(body.events, meta) };
  }

  @Get(':eventId')
  @ApiOperation({ summary: 'One event, with the retractions and corrections recorded for it' })
  @ApiAnswer(
    200,
    'EventWithAmendments',
    'The event as stored (upcast to the current schema version)',
  )
  @ApiProblems(404)
  async get(@Param('eventId') eventId: string) {
    await this.consistency.ensureCurrent(EVENT_INDEX);
    const event = this.index.byId(eventId);
    if (!event) throw new NotFoundError(`event ${eventId} not found`, { eventId });
    return {
      ...eventView(event),
      amendments: this.index.amendmentsOf(event.eventId).map(eventView),
    };
  }

  @Get()
  @ApiOperation({ summary: 'Events by actor, pair, channel and type, paged by position' })
  @ApiExports('event (as GET /v1/events/{eventId} returns it)', EVENTS_EXPORT, 'EventPage')
  @ApiProblems(400, 404)
  async list(@Query() query: EventListQueryDto, @Headers('accept') accept?: string) {
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, EVENT_INDEX);
    this.actors.assertKnownFilters({
      actor: query.actor,
      target: query.target,
      involving: query.involving,
    });
    const format = exportFormat(query.format, accept);
    if (format !== 'json')
      return streamed(format, exportedEvents(this.index, filtersOf(query)), EVENTS_EXPORT);
    if (query.limit !== undefined && query.limit > 1000) {
      throw ValidationError.of([{ field: 'limit', message: 'must not be greater than 1000' }]);
    }
    const limit = query.limit ?? 100;
    const events = this.index.list({ ...filtersOf(query), limit });
    return {
      events: events.map(eventView),
      next: events.length === limit ? events[events.length - 1].position : null,
      ...(events.length === 0 && query.after === undefined ? { note: emptyNote(query) } : {}),
    };
  }
}

function filtersOf(query: EventListQueryDto) {
  return {
    actor: query.actor,
    target: query.target,
    involving: query.involving,
    channel: query.channel,
    types: query.type,
    actorRole: query.actorRole,
    targetRole: query.targetRole,
    evidence: query.evidence,
    dataset: query.dataset,
    after: query.after,
    limit: query.limit,
  };
}

function emptyNote(query: EventListQueryDto): string {
  const { after: _after, limit: _limit, format: _format, ...filters } = query;
  return Object.values(filters).some((v) => v !== undefined)
    ? 'no recorded event matches these filters'
    : 'nothing is recorded yet';
}
