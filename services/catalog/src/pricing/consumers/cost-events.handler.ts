import { Controller } from '@nestjs/common';
import { GoodsReceived, SkuCostChanged } from '@netdirect/contracts';
import { DecodedEvent, OnEvent } from '@netdirect/runtime';
import { SkuPricingService } from '../sku-pricing.service';

/**
 * Procurement's cost events → the SKUs' cost basis, and repricing when it
 * moved beyond the threshold. Both are idempotent per (receipt, SKU): the cost
 * entry's effect id is derived from them (see SkuPricingService).
 */
@Controller()
export class CostEventsHandler {
  constructor(private readonly pricing: SkuPricingService) {}

  /** Each line weighs its quantity at its landed unit cost into the SKU's average. */
  @OnEvent(GoodsReceived, { reads: ['receiptId', 'lines', 'receivedAt'] })
  async received({ payload }: DecodedEvent<GoodsReceived>): Promise<void> {
    for (const line of payload.lines) {
      await this.pricing.receive(
        line.skuId,
        payload.receiptId,
        line.quantityReceived,
        line.landedUnitCost,
        new Date(payload.receivedAt),
      );
    }
  }

  /** The same receipt's unit cost, keyed by SKU; it counts only when it arrives before its GoodsReceived. */
  @OnEvent(SkuCostChanged, { reads: ['skuId', 'receiptId', 'newUnitCost', 'changedAt'] })
  async costChanged({ payload }: DecodedEvent<SkuCostChanged>): Promise<void> {
    await this.pricing.costChanged(
      payload.skuId,
      payload.receiptId,
      payload.newUnitCost,
      new Date(payload.changedAt),
    );
  }
}
