import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiExports, exportFormat, streamed, type ExportSpec } from '../exports/export-format';
import { ChangesQueryDto } from './changes.query';
import { ChangesService, type ChangeView } from './changes.service';
import { ApiProblems } from '../openapi/problem.schemas';

export const CHANGES_EXPORT: ExportSpec<ChangeView> = {
  columns: [
    'at',
    'actor',
    'target',
    'channel',
    'kind',
    'type',
    'eventId',
    'reportId',
    'validFrom',
    'recordedAt',
    'reportedAt',
    'statusBefore',
    'sinceBefore',
    'statusAfter',
    'sinceAfter',
  ],
  record: ({ before, after, event: _event, ...change }) => ({
    ...change,
    statusBefore: before.status,
    sinceBefore: before.since,
    statusAfter: after.status,
    sinceAfter: after.since,
  }),
  line: (change) => change,
};

@ApiTags('analysis')
@ApiBearerAuth()
@ApiProblems(400, 401, 404, 429, 503)
@Controller('v1/changes')
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  @Get()
  @ApiOperation({
    summary:
      'What changed in a window across all pairs: state changes by valid start (as known), or every state change, correction and retraction by record or report time, with the state before and after; paged',
  })
  @ApiExports('change', CHANGES_EXPORT, 'Changes')
  async list(@Query() query: ChangesQueryDto, @Headers('accept') accept?: string) {
    const format = exportFormat(query.format, accept);
    if (format !== 'json') return streamed(format, await this.changes.all(query), CHANGES_EXPORT);
    return this.changes.page(query);
  }
}
