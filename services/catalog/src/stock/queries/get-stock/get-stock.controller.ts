import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { SkuIdParam } from '../../sku-id.param';
import { StockRepository } from '../../stock.repository';
import { StockView, toStockView } from '../../stock.view';

@ApiTags('stock')
@ApiBearerAuth()
@Controller('v1/stock')
export class GetStockController {
  constructor(private readonly repo: StockRepository) {}

  @Get(':skuId')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'The stock of a SKU: on hand, reserved, available, reorder settings.' })
  @ApiOkResponse({ type: StockView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { skuId }: SkuIdParam): Promise<StockView> {
    return toStockView((await this.repo.get(skuId)).state);
  }
}
