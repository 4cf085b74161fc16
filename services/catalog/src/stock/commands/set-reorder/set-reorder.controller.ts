import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { SkuIdParam } from '../../sku-id.param';
import { changeStock, StockRepository } from '../../stock.repository';
import { StockView, toStockView } from '../../stock.view';
import { SetReorderRequest } from './set-reorder.request';

@ApiTags('stock')
@ApiBearerAuth()
@Controller('v1/stock')
export class SetReorderController {
  constructor(
    private readonly repo: StockRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put(':skuId/reorder')
  @Roles('ops')
  @ApiOperation({
    summary: "Set a SKU's reorder point and quantity (Stock.setReorder); audited.",
    description: 'If available stock is already at or below the new point, ReorderPointReached is recorded at once.',
  })
  @ApiOkResponse({ type: StockView })
  @ApiErrors(400, 401, 403, 409, 413, 415, 422)
  async set(
    @Param() { skuId }: SkuIdParam,
    @Body() body: SetReorderRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<StockView> {
    const at = this.clock.now();
    const stock = await changeStock(this.repo, skuId, (s) => s.setReorder(body.reorderPoint, body.reorderQuantity, caller.subject, at), {
      create: true,
    });
    return toStockView(stock.state);
  }
}
