import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { SavingsRepository } from '../../savings.repository';
import { SavingsListView, toSavingsView } from '../../savings.view';
import { ListSavingsQuery } from './list-savings.query';

@ApiTags('savings')
@ApiBearerAuth()
@Controller('v1/savings')
export class ListSavingsController {
  constructor(private readonly savings: SavingsRepository) {}

  @Get()
  @Roles('ops', 'finance')
  @ApiOperation({
    summary: 'What buying centrally saved per SKU and month: received units at the reached tier against the first tier (at most 1,000 rows, newest month first).',
  })
  @ApiOkResponse({ type: SavingsListView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: ListSavingsQuery): Promise<SavingsListView> {
    return { items: (await this.savings.list(query, 1000)).map(toSavingsView) };
  }
}
