import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { StockRepository } from '../../stock.repository';
import { StockPageView, toStockView } from '../../stock.view';
import { ListStockQuery } from './list-stock.query';

@ApiTags('stock')
@ApiBearerAuth()
@Controller('v1/stock')
export class ListStockController {
  constructor(private readonly repo: StockRepository) {}

  @Get()
  @Roles('ops')
  @ApiOperation({
    summary: 'SKUs whose available stock is at or below their reorder point, in SKU order.',
    description:
      'Read from a sparse unique marker kept on each such SKU, so the cost is the number of SKUs below reorder, not the catalogue size.',
  })
  @ApiOkResponse({ type: StockPageView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: ListStockQuery): Promise<StockPageView> {
    const page = await this.repo.belowReorder(query.after, query.limit ?? 100);
    return { items: page.items.map(toStockView), next: page.more ? page.items[page.items.length - 1]._id : null };
  }
}
