import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiExports, exportFormat, streamed } from '../exports/export-format';
import { SeriesQueryDto, TopQueryDto } from './series.query';
import { SeriesService } from './series.service';
import { SERIES_EXPORT, TOP_EXPORT, type TopRow } from './series.views';
import { ApiProblems } from '../openapi/problem.schemas';

@ApiTags('analysis')
@ApiBearerAuth()
@ApiProblems(400, 401, 429, 503)
@Controller('v1')
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Get('relations/:actor/:target/series')
  @ApiOperation({
    summary:
      'A directed dyad by month, week or year: counts by type, PLOVER category and quad class, Goldstein sum and mean, balance; the reverse direction beside it; as known',
  })
  @ApiExports('bucket of one direction', SERIES_EXPORT, 'Series')
  @ApiProblems(404)
  async dyad(
    @Param('actor') actor: string,
    @Param('target') target: string,
    @Query() query: SeriesQueryDto,
    @Headers('accept') accept?: string,
  ) {
    const answer = await this.series.dyad(actor, target, query);
    const format = exportFormat(query.format, accept);
    return format === 'json' ? answer : streamed(format, this.series.rows(answer), SERIES_EXPORT);
  }

  @Get('series/top')
  @ApiOperation({
    summary:
      'The dyads that moved most over a window of buckets: by conflict, cooperation, volume or change of balance from the window before',
  })
  @ApiExports('dyad', TOP_EXPORT, 'TopDyads')
  async top(@Query() query: TopQueryDto, @Headers('accept') accept?: string) {
    const answer = await this.series.top(query);
    const format = exportFormat(query.format, accept);
    return format === 'json' ? answer : streamed<TopRow>(format, answer.dyads, TOP_EXPORT);
  }
}
