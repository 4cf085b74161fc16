import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, SupplierPriceListPublished } from '@netdirect/contracts';
import { CLOCK, Clock, OnEvent, PrerequisiteMissing } from '@netdirect/runtime';
import { PriceListRepository } from '../price-list.repository';

/**
 * SupplierPriceListPublished (our own) → the list's items go into the
 * per-SKU offer index runs read, then the list is marked indexed. Driven by
 * the event rather than by the publishing request, so a crash after the
 * list was written still indexes it (the event is published at least once)
 * and a repeat only sets the same fields again.
 */
@Controller()
export class IndexPriceListHandler {
  constructor(
    private readonly lists: PriceListRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(SupplierPriceListPublished, { reads: ['priceListId', 'supplierId'] })
  async onPublished({ payload }: DecodedEvent<SupplierPriceListPublished>): Promise<void> {
    const list = await this.lists.find(payload.priceListId);
    if (!list) throw new PrerequisiteMissing(`price list ${payload.priceListId} not written yet`);
    if (list.indexedAt) return;
    await this.lists.index(list, list.items, this.clock.now());
  }
}
