import { Controller } from '@nestjs/common';
import { CatalogSkuDescription, DecodedEvent, OrderPaid, OrderPlaced, ProductPublished, ProductUpdated } from '@netdirect/contracts';
import { OnEvent } from '@netdirect/runtime';
import { ReadModels } from './read-models';

/** Orders' and the catalog's events → what logistics needs of them (addresses, payment, unit weights and sizes). */
@Controller()
export class ReadModelHandlers {
  constructor(private readonly read: ReadModels) {}

  @OnEvent(OrderPlaced, { reads: ['orderId', 'shippingAddress'] })
  async onPlaced({ payload }: DecodedEvent<OrderPlaced>): Promise<void> {
    await this.read.setOrder(payload.orderId, { shippingAddress: payload.shippingAddress });
  }

  @OnEvent(OrderPaid, { reads: ['orderId', 'paidAt'] })
  async onPaid({ payload }: DecodedEvent<OrderPaid>): Promise<void> {
    await this.read.setOrder(payload.orderId, { paidAt: new Date(payload.paidAt) });
  }

  @OnEvent(ProductPublished, { reads: ['skus'] })
  async onPublished({ payload }: DecodedEvent<ProductPublished>): Promise<void> {
    await this.sizes(payload.skus);
  }

  @OnEvent(ProductUpdated, { reads: ['skus'] })
  async onUpdated({ payload }: DecodedEvent<ProductUpdated>): Promise<void> {
    await this.sizes(payload.skus);
  }

  private async sizes(skus: CatalogSkuDescription[]): Promise<void> {
    for (const sku of skus) {
      // Older messages carry neither: keep what an earlier one said.
      if (sku.weightGrams === undefined && sku.dimensions === undefined) continue;
      await this.read.setSku(sku.skuId, {
        ...(sku.weightGrams !== undefined ? { weightGrams: sku.weightGrams } : {}),
        ...(sku.dimensions ? { lengthMm: sku.dimensions.lengthMm, widthMm: sku.dimensions.widthMm, heightMm: sku.dimensions.heightMm } : {}),
      });
    }
  }
}
