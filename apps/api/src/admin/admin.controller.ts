import { NotFoundError } from '@entente/common';
import { ProjectionManager } from '@entente/projections';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../auth/access.decorators';

@ApiTags('admin')
@ApiBearerAuth()
@RequiresRole('admin')
@Controller('v1/admin/projections')
export class AdminController {
  constructor(private readonly projections: ProjectionManager) {}

  @Get()
  @ApiOperation({
    summary: 'Each read model: version, generation, state, position, failure, rebuild',
  })
  statuses() {
    return { projections: this.projections.statuses() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Rebuild a read model beside the live one from position zero; it swaps in when caught up',
  })
  rebuild(@Param('name') name: string) {
    const status = this.projections.statuses().find((s) => s.name === name);
    if (!status) throw new NotFoundError(`no read model named ${name}`, { name });
    this.projections.rebuild(name).catch(() => undefined);
    return { projection: this.projections.statuses().find((s) => s.name === name) };
  }
}
