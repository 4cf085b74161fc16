import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsIdempotencyKey, ApiErrors, CurrentPrincipal, IdempotencyKey, Principal, Roles } from '@netdirect/runtime';
import { SkuIdParam } from '../../sku-id.param';
import { StockView, toStockView } from '../../stock.view';
import { AdjustStockRequest } from './adjust-stock.request';
import { AdjustStockService } from './adjust-stock.service';

@ApiTags('stock')
@ApiBearerAuth()
@Controller('v1/stock')
export class AdjustStockController {
  constructor(private readonly service: AdjustStockService) {}

  @Post(':skuId/adjustments')
  @Roles('ops')
  @ApiOperation({
    summary: 'Correct on-hand stock (count correction, damage) with a reason; audited, records StockAdjusted.',
    description:
      '422 when the change would make available stock negative (reserved units cannot be removed) or damage adds units. ' +
      'With an Idempotency-Key, a retry answers the stock without adjusting twice.',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: StockView, description: 'The stock after the adjustment' })
  @ApiErrors(400, 401, 403, 409, 413, 415, 422)
  async adjust(
    @Param() { skuId }: SkuIdParam,
    @Body() body: AdjustStockRequest,
    @CurrentPrincipal() caller: Principal,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<StockView> {
    return toStockView(await this.service.adjust(skuId, body, caller, idempotencyKey));
  }
}
