import { Controller } from '@nestjs/common';
import { DecodedEvent, ProductPublished, ProductRetired } from '@netdirect/contracts';
import { OnEvent } from '@netdirect/runtime';
import { CatalogSkuRepository } from './catalog-sku.repository';

/**
 * ProductPublished / ProductRetired → which SKUs a run may buy. A price list
 * may name SKUs the catalog does not publish yet; they are bought once it does.
 */
@Controller()
export class CatalogSkusHandler {
  constructor(private readonly skus: CatalogSkuRepository) {}

  @OnEvent(ProductPublished, { reads: ['productId', 'skus.skuId'] })
  async onPublished({ payload }: DecodedEvent<ProductPublished>): Promise<void> {
    await this.skus.published(payload.skus.map((s) => s.skuId));
  }

  @OnEvent(ProductRetired, { reads: ['productId', 'skuIds'] })
  async onRetired({ payload }: DecodedEvent<ProductRetired>): Promise<void> {
    await this.skus.retired(payload.skuIds);
  }
}
