import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { isPeriodId } from '../compute/period-id';
import { ClosePeriodService } from './close-period.service';
import { PeriodRepository } from './period.repository';
import { PeriodView } from './period.view';

const PERIOD_PARAM = { name: 'id', description: 'Period id `<market>-<YYYY-MM>`', schema: { type: 'string' as const, pattern: '^[A-Z]{2}-\\d{4}-(0[1-9]|1[0-2])$' } };

@ApiTags('periods')
@Controller('v1/periods')
export class PeriodsController {
  constructor(
    private readonly closing: ClosePeriodService,
    private readonly periods: PeriodRepository,
  ) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('ops', 'finance')
  @ApiOperation({ summary: 'Close a period (again): final PV, GV, ranks and cap; adjustment lines for every difference; RankAchieved, CommissionPeriodClosed. Repeatable until locked; the same inputs write nothing.' })
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({ type: PeriodView })
  @ApiErrors(409, 422)
  async close(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<PeriodView> {
    return PeriodView.of(await this.closing.close(id, caller.subject));
  }

  @Post(':id/lock')
  @HttpCode(200)
  @Roles('ops', 'finance')
  @ApiOperation({ summary: 'Lock a closed period: no further close runs.' })
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({ type: PeriodView })
  @ApiErrors(409, 422)
  async lock(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<PeriodView> {
    return PeriodView.of(await this.closing.lock(id, caller.subject));
  }

  @Get(':id')
  @Roles('ops', 'finance')
  @ApiOperation({ summary: 'A period: its status and what its last close found and wrote.' })
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({ type: PeriodView })
  async get(@Param('id') id: string): Promise<PeriodView> {
    if (!isPeriodId(id)) throw DomainError.invalid('id', 'must look like DE-2026-11 (market, year, month)');
    return PeriodView.of(await this.periods.findOrOpen(id));
  }
}
