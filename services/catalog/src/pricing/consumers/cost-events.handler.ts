import { Controller } from '@nestjs/common';
import {
  GoodsReceived,
  SkuCostChanged,
  StockAdjusted,
  StockCommitted,
  StockReleased,
  StockRestocked,
} from '@netdirect/contracts';
import { DecodedEvent, OnEvent } from '@netdirect/runtime';
import { SkuPricingService } from '../sku-pricing.service';

/**
 * Procurement's cost events → the SKUs' cost basis, and repricing when it
 * moved beyond the threshold; the warehouse's stock movements → the units the
 * average is weighted over. Each is idempotent: the cost entry's effect id is
 * derived from the event (receipt and SKU, reservation and SKU, return and
 * SKU, adjustment; see SkuPricingService).
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

  /** Committed units leave stock: less weight for the average from now on. */
  @OnEvent(StockCommitted, { reads: ['reservationId', 'lines', 'committedAt'] })
  async committed({ payload }: DecodedEvent<StockCommitted>): Promise<void> {
    for (const line of payload.lines) {
      await this.pricing.stockMoved(
        line.skuId,
        `committed:${payload.reservationId}:${line.skuId}`,
        -line.quantity,
        new Date(payload.committedAt),
      );
    }
  }

  /**
   * A cancelled order's committed units back on the shelf (not shipped): weight
   * for the average again. Released holds never left it, so only that reason counts.
   */
  @OnEvent(StockReleased, { reads: ['reservationId', 'lines', 'reason', 'releasedAt'] })
  async released({ payload }: DecodedEvent<StockReleased>): Promise<void> {
    if (payload.reason !== 'committed-order-cancelled') return;
    for (const line of payload.lines) {
      await this.pricing.stockMoved(
        line.skuId,
        `uncommitted:${payload.reservationId}:${line.skuId}`,
        line.quantity,
        new Date(payload.releasedAt),
      );
    }
  }

  /** Resellable returns come back at the average. */
  @OnEvent(StockRestocked, { reads: ['skuId', 'returnId', 'quantity', 'restockedAt'] })
  async restocked({ payload }: DecodedEvent<StockRestocked>): Promise<void> {
    await this.pricing.stockMoved(
      payload.skuId,
      `restocked:${payload.returnId}:${payload.skuId}`,
      payload.quantity,
      new Date(payload.restockedAt),
    );
  }

  /** Ops' count corrections and damage, signed. */
  @OnEvent(StockAdjusted, { reads: ['skuId', 'adjustmentId', 'quantity', 'adjustedAt'] })
  async adjusted({ payload }: DecodedEvent<StockAdjusted>): Promise<void> {
    await this.pricing.stockMoved(
      payload.skuId,
      `adjusted:${payload.adjustmentId}`,
      payload.quantity,
      new Date(payload.adjustedAt),
    );
  }
}
