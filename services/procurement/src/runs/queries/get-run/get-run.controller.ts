import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { RunRepository } from '../../run.repository';
import { RunWithDecisionsView, toDecisionView, toRunView } from '../../run.view';
import { GetRunQuery } from './get-run.query';

@ApiTags('procurement runs')
@ApiBearerAuth()
@Controller('v1/procurement-runs')
export class GetRunController {
  constructor(private readonly runs: RunRepository) {}

  @Get(':id')
  @Roles('ops', 'finance')
  @ApiOperation({
    summary: 'A procurement run with one page of its decisions: per SKU the demand, the choice, and the alternatives rejected and why.',
    description: 'Pages follow the stored chunks (250 SKUs each, in SKU order); `pages` says how many there are.',
  })
  @ApiOkResponse({ type: RunWithDecisionsView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { id }: IdParam, @Query() query: GetRunQuery): Promise<RunWithDecisionsView> {
    const run = await this.runs.get(id);
    const page = query.page ?? 0;
    const decisions = page < run.chunkCount ? await this.runs.chunk(id, page) : [];
    return {
      ...toRunView(run),
      decisions: { page, pages: run.chunkCount, items: decisions.map((d) => toDecisionView(d, run.currency)) },
    };
  }
}
