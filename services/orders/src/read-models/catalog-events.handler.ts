import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, ProductPriceChanged, ProductPublished, ProductRetired, ProductUpdated } from '@netdirect/contracts';
import { CLOCK, Clock, OnEvent } from '@netdirect/runtime';
import { CatalogSkusRepository } from './catalog-skus.repository';

/**
 * The catalog's product events → the SKUs orders can price. One product's
 * events share a key (and so arrive in order); each handler overwrites what
 * the event states, so a redelivery changes nothing.
 */
@Controller()
export class CatalogEventsHandler {
  constructor(
    private readonly skus: CatalogSkusRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(ProductPublished, { reads: ['productId', 'name', 'skus'] })
  async onPublished({ payload }: DecodedEvent<ProductPublished>): Promise<void> {
    for (const s of payload.skus) {
      await this.skus.set(s.skuId, {
        productId: payload.productId,
        productName: payload.name,
        skuName: s.name,
        retailPrice: s.retailPrice.amount,
        memberPrice: s.memberPrice.amount,
        currency: s.retailPrice.currency,
        bv: s.bv,
        status: 'active',
        published: true,
        updatedAt: this.clock.now(),
      });
    }
  }

  @OnEvent(ProductUpdated, { reads: ['productId', 'name', 'skus.skuId', 'skus.name', 'skus.status'] })
  async onUpdated({ payload }: DecodedEvent<ProductUpdated>): Promise<void> {
    for (const s of payload.skus) {
      await this.skus.set(
        s.skuId,
        { productId: payload.productId, productName: payload.name, skuName: s.name, ...(s.status ? { status: s.status } : {}), updatedAt: this.clock.now() },
        s.status ? { published: false } : { status: 'draft', published: false },
      );
    }
  }

  @OnEvent(ProductPriceChanged, { reads: ['productId', 'prices'] })
  async onPriceChanged({ payload }: DecodedEvent<ProductPriceChanged>): Promise<void> {
    for (const p of payload.prices) {
      await this.skus.set(
        p.skuId,
        { productId: payload.productId, retailPrice: p.retailPrice.amount, memberPrice: p.memberPrice.amount, currency: p.retailPrice.currency, bv: p.bv, updatedAt: this.clock.now() },
        { status: 'draft', published: false },
      );
    }
  }

  @OnEvent(ProductRetired, { reads: ['productId', 'skuIds'] })
  async onRetired({ payload }: DecodedEvent<ProductRetired>): Promise<void> {
    for (const skuId of payload.skuIds)
      await this.skus.set(skuId, { productId: payload.productId, status: 'retired', updatedAt: this.clock.now() }, { published: false });
  }
}
