import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { RunRepository } from '../../run.repository';
import { RunListView, toRunView } from '../../run.view';

@ApiTags('procurement runs')
@ApiBearerAuth()
@Controller('v1/procurement-runs')
export class ListRunsController {
  constructor(private readonly runs: RunRepository) {}

  @Get()
  @Roles('ops', 'finance')
  @ApiOperation({ summary: 'The latest 100 procurement runs, newest first, without their orders.' })
  @ApiOkResponse({ type: RunListView })
  @ApiErrors(401, 403)
  async list(): Promise<RunListView> {
    return { items: (await this.runs.list(100)).map(toRunView) };
  }
}
