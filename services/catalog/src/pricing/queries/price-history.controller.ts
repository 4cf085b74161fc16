import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { ProductIdParam } from '../requests/product-id.param';
import { SkuPricingService } from '../sku-pricing.service';
import { toPriceChangeView } from '../views/pricing.mappers';
import { PriceHistoryView } from '../views/price-history.view';

/** Every price change of a product, with its cause (ops). */
@ApiTags('pricing')
@ApiBearerAuth()
@Controller('v1/products')
export class PriceHistoryController {
  constructor(private readonly pricing: SkuPricingService) {}

  @Get(':id/price-history')
  @Roles('ops')
  @ApiOperation({
    summary: 'Every price change of a product’s SKUs, oldest first, with its cause and arithmetic.',
    description: 'An empty list for a product never priced here.',
  })
  @ApiOkResponse({ type: PriceHistoryView })
  @ApiErrors(400, 401, 403)
  async history(@Param() { id }: ProductIdParam): Promise<PriceHistoryView> {
    const entries = await this.pricing.historyOf(id);
    return { productId: id, items: entries.map(toPriceChangeView) };
  }
}
