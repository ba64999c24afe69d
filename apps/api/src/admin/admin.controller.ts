import { NotFoundError } from '@entente/common';
import { ProjectionManager } from '@entente/projections';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../auth/access.decorators';
import { Metrics } from '../metrics/metrics';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import { ApiProblems } from '../openapi/problem.schemas';

@ApiTags('admin')
@ApiBearerAuth()
@RequiresRole('admin')
@ApiProblems(401, 403, 429)
@Controller('v1/admin/projections')
export class AdminController {
  constructor(
    private readonly projections: ProjectionManager,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Each read model: version, generation, state, position, failure, rebuild',
  })
  @ApiAnswer(200, 'Projections', 'Every read model')
  statuses() {
    return { projections: this.projections.statuses() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Rebuild a read model beside the live one from position zero; it swaps in when caught up',
  })
  @ApiAnswer(202, 'RebuildStarted', 'The rebuild runs (or was running: asking again joins it)')
  @ApiProblems(404)
  rebuild(@Param('name') name: string) {
    const status = this.projections.statuses().find((s) => s.name === name);
    if (!status) throw new NotFoundError(`no read model named ${name}`, { name });
    // Asking while one runs joins it: counted once.
    const joins = status.rebuilding !== null && status.rebuilding.state !== 'failed';
    const rebuild = this.projections.rebuild(name);
    if (joins) rebuild.catch(() => undefined);
    else this.count(name, rebuild);
    return { projection: this.projections.statuses().find((s) => s.name === name) };
  }

  private count(name: string, rebuild: Promise<void>): void {
    const counted = (outcome: string) => this.metrics.rebuilds.inc({ read_model: name, outcome });
    counted('started');
    rebuild.then(
      () => counted('completed'),
      () => counted('failed'),
    );
  }
}
