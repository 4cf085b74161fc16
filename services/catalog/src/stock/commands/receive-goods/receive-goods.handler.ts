import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, GoodsReceived } from '@netdirect/contracts';
import { CLOCK, Clock, OnEvent } from '@netdirect/runtime';
import { changeStock, StockRepository } from '../../stock.repository';

/**
 * GoodsReceived → on hand rises per line (StockReceived), once per (receipt,
 * SKU): the receipt's key is pushed to the SKU's `applied` list in the same
 * write as the increment and the event, so there is no crash window between
 * effect and marker, and a redelivery finds the key and does nothing.
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
      await changeStock(this.repo, skuId, (s) => s.receive(quantity, receipt, at), { create: true });
    }
  }
}
