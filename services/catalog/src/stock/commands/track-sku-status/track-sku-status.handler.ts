import { Controller } from '@nestjs/common';
import { DecodedEvent, ProductPublished, ProductRetired } from '@netdirect/contracts';
import { OnEvent } from '@netdirect/runtime';
import { StockRepository } from '../../stock.repository';

/**
 * The warehouse learns which SKUs are on sale from the catalog's own product
 * events: a retired SKU cannot be reserved (its orders are short, reason
 * `sku-retired`), and an order for a SKU the warehouse has never heard of is
 * short with reason `unknown-sku`. Setting a status is idempotent.
 */
@Controller()
export class TrackSkuStatusHandler {
  constructor(private readonly repo: StockRepository) {}

  @OnEvent(ProductPublished, { reads: ['productId', 'skus.skuId'] })
  async onPublished({ payload }: DecodedEvent<ProductPublished>): Promise<void> {
    for (const sku of payload.skus) await this.repo.setSkuStatus(sku.skuId, 'active');
  }

  @OnEvent(ProductRetired, { reads: ['productId', 'skuIds'] })
  async onRetired({ payload }: DecodedEvent<ProductRetired>): Promise<void> {
    for (const skuId of payload.skuIds) await this.repo.setSkuStatus(skuId, 'retired');
  }
}
