import { Controller } from '@nestjs/common';
import { DecodedEvent, ProductPriceChanged } from '@netdirect/contracts';
import { OnEvent } from '@netdirect/runtime';
import { SavingsRepository } from '../savings.repository';

/**
 * ProductPriceChanged for a cost change → how much of the saving reached
 * retail prices and operator margins, per unit, in the SKU's month (once
 * per event). Manual and policy changes are not savings passed on.
 */
@Controller()
export class PricePassOnHandler {
  constructor(private readonly savings: SavingsRepository) {}

  @OnEvent(ProductPriceChanged, { reads: ['productId', 'prices', 'reason', 'effectiveFrom', 'details'] })
  async onPriceChanged({ envelope, payload }: DecodedEvent<ProductPriceChanged>): Promise<void> {
    if (payload.reason !== 'cost-change') return;
    const month = payload.effectiveFrom.slice(0, 7);
    for (const p of payload.prices) {
      const d = payload.details?.find((x) => x.skuId === p.skuId);
      if (!d?.previousRetailPrice || !d.previousMemberPrice) continue;
      if (d.previousRetailPrice.currency !== p.retailPrice.currency) continue;
      const margin = p.retailPrice.amount - p.memberPrice.amount;
      const previousMargin = d.previousRetailPrice.amount - d.previousMemberPrice.amount;
      await this.savings.passOn({
        skuId: p.skuId,
        month,
        currency: p.retailPrice.currency,
        eventId: envelope.id,
        retailReduction: d.previousRetailPrice.amount - p.retailPrice.amount,
        marginIncrease: margin - previousMargin,
      });
    }
  }
}
