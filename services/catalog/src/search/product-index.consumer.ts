import { Controller } from '@nestjs/common';
import { ProductPriceChanged, ProductPublished, ProductRetired, ProductUpdated } from '@netdirect/contracts';
import { DecodedEvent, OnEvent } from '@netdirect/runtime';
import { SearchIndexService } from './search-index.service';

/**
 * Keeps this replica's search index current with every product change, made
 * through any replica: broadcast handlers, so every replica gets every event.
 * Each only names the product; the index re-reads it, so events may repeat
 * or arrive out of order.
 */
@Controller()
export class ProductIndexConsumer {
  constructor(private readonly index: SearchIndexService) {}

  @OnEvent(ProductPublished, { broadcast: true, reads: ['productId'] })
  async onPublished({ payload }: DecodedEvent<ProductPublished>): Promise<void> {
    await this.index.refresh(payload.productId);
  }

  @OnEvent(ProductUpdated, { broadcast: true, reads: ['productId'] })
  async onUpdated({ payload }: DecodedEvent<ProductUpdated>): Promise<void> {
    await this.index.refresh(payload.productId);
  }

  @OnEvent(ProductRetired, { broadcast: true, reads: ['productId'] })
  async onRetired({ payload }: DecodedEvent<ProductRetired>): Promise<void> {
    await this.index.refresh(payload.productId);
  }

  @OnEvent(ProductPriceChanged, { broadcast: true, reads: ['productId'] })
  async onPriceChanged({ payload }: DecodedEvent<ProductPriceChanged>): Promise<void> {
    await this.index.refresh(payload.productId);
  }
}
