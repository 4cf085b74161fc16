import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { ManualPriceRequest } from '../requests/manual-price.request';
import { SkuIdParam } from '../requests/sku-id.param';
import { StandardCostRequest } from '../requests/standard-cost.request';
import { SkuPricingService } from '../sku-pricing.service';
import { toCostView, toPriceChangeView } from '../views/pricing.mappers';
import { PriceChangeView } from '../views/price-change.view';
import { SkuCostView } from '../views/sku-cost.view';

/** A SKU's cost basis and manual prices (ops). */
@ApiTags('pricing')
@ApiBearerAuth()
@Controller('v1/skus')
export class SkuPricingController {
  constructor(private readonly pricing: SkuPricingService) {}

  @Put(':skuId/standard-cost')
  @Roles('ops')
  @ApiOperation({
    summary: 'Set a SKU’s standard cost, its cost basis before any receipt (ops).',
    description:
      'A SKU priced by a policy is repriced when the standard cost moves it beyond the threshold. 422 once goods were received (receipts are the basis then) or in another currency than the platform’s.',
  })
  @ApiOkResponse({ type: SkuCostView })
  @ApiErrors(400, 401, 403, 409, 413, 415, 422)
  async standardCost(
    @Param() { skuId }: SkuIdParam,
    @Body() body: StandardCostRequest,
  ): Promise<SkuCostView> {
    return toCostView(await this.pricing.setStandardCost(skuId, body.standardCost));
  }

  @Get(':skuId/cost')
  @Roles('ops')
  @ApiOperation({
    summary: 'A SKU’s cost basis (weighted average landed unit cost) and the cost its price was set at.',
  })
  @ApiOkResponse({ type: SkuCostView })
  @ApiErrors(400, 401, 403, 404)
  async cost(@Param() { skuId }: SkuIdParam): Promise<SkuCostView> {
    return toCostView(await this.pricing.cost(skuId));
  }

  @Put(':skuId/price')
  @Roles('ops')
  @ApiOperation({
    summary: 'Set a SKU’s prices by hand (ops).',
    description:
      'Recorded as manual (ProductPriceChanged reason manual); holds until the next cost change beyond the threshold, which passes on to it. 404 for an unknown SKU; 422 for another currency, member above retail, BV worth more points than the member price has currency units, or a retired SKU; 409 when its prices changed meanwhile.',
  })
  @ApiOkResponse({ type: PriceChangeView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async price(
    @Param() { skuId }: SkuIdParam,
    @Body() body: ManualPriceRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PriceChangeView> {
    const intent = await this.pricing.setManual(skuId, body, caller.subject);
    return toPriceChangeView(this.pricing.historyEntry(intent));
  }
}
