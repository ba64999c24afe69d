import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiExports, exportFormat, streamed, type ExportSpec } from '../exports/export-format';
import { DiffQueryDto } from './diff.query';
import { DiffService, type DiffRow } from './diff.service';
import { ApiProblems } from '../openapi/problem.schemas';

export const DIFF_EXPORT: ExportSpec<DiffRow> = {
  columns: [
    'channel',
    'reportId',
    'change',
    'reason',
    'by',
    'eventId',
    'type',
    'occurredAt',
    'validFrom',
    'summary',
    'recordedAt',
    'reportedAt',
    'sources',
    'eventIdA',
    'eventIdB',
  ],
  record: ({ channel, entry }) => {
    const fact = (entry.b ?? entry.a)!;
    return {
      channel,
      reportId: entry.reportId,
      change: entry.change,
      reason: entry.reason,
      by: entry.by,
      eventId: fact.eventId,
      type: fact.type,
      occurredAt: fact.occurredAt.value,
      validFrom: fact.occurredAt.start,
      summary: fact.summary,
      recordedAt: fact.recordedAt,
      reportedAt: fact.reportedAt,
      sources: fact.sources.map((s) => s.url ?? s.outlet ?? s.kind).join(';'),
      eventIdA: entry.a?.eventId ?? null,
      eventIdB: entry.b?.eventId ?? null,
    };
  },
  line: ({ channel, entry }) => ({ channel, ...entry }),
};

@ApiTags('analysis')
@ApiBearerAuth()
@ApiProblems(400, 401, 404, 429, 503)
@Controller('v1/relations/:actor/:target/diff')
export class DiffController {
  constructor(private readonly diffs: DiffService) {}

  @Get()
  @ApiOperation({
    summary:
      'Each channel of a pair on two sides (two valid times, or one as known on two dates), and the facts that make the difference (added, retracted, corrected, later in valid time), with their sources',
  })
  @ApiExports('fact that differs', DIFF_EXPORT, 'Diff')
  async diff(
    @Param('actor') actor: string,
    @Param('target') target: string,
    @Query() query: DiffQueryDto,
    @Headers('accept') accept?: string,
  ) {
    const answer = await this.diffs.diff(actor, target, query);
    const format = exportFormat(query.format, accept);
    return format === 'json' ? answer : streamed(format, this.diffs.rows(answer), DIFF_EXPORT);
  }
}
