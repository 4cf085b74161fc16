import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, GoodsReceived } from '@netdirect/contracts';
import { CLOCK, Clock, OnEvent } from '@netdirect/runtime';
import { receiptKey } from '../../stock';
import { moveStockOnce, StockRepository } from '../../stock.repository';

/**
 * GoodsReceived → on hand rises per line (StockReceived), once per (receipt,
 * SKU): the receipt's key rides in the same write as the increment and the
 * event, so there is no crash window between effect and marker, then moves to
 * the movement ledger (moveStockOnce); a redelivery finds it and does nothing.
 */
@Controller()
export class ReceiveGoodsHandler {
  constructor(
    private readonly repo: StockRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(GoodsReceived, { reads: ['purchaseOrderId', 'receiptId', 'lines.skuId', 'lines.quantityReceived'] })
  async onGoodsReceived({ payload }: DecodedEvent<GoodsReceived>): Promise<void> {
    const bySku = new Map<string, number>();
    for (const l of payload.lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.quantityReceived);
    const at = this.clock.now();
    const receipt = { purchaseOrderId: payload.purchaseOrderId, receiptId: payload.receiptId };
    for (const [skuId, quantity] of bySku) {
      await moveStockOnce(this.repo, skuId, receiptKey(receipt.receiptId), quantity, at, (s) => s.receive(quantity, receipt, at), {
        create: true,
      });
    }
  }
}
