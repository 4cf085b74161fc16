import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, ReturnShipmentReceived } from '@netdirect/contracts';
import { CLOCK, Clock, OnEvent } from '@netdirect/runtime';
import { returnKey } from '../../stock';
import { moveStockOnce, StockRepository } from '../../stock.repository';

/**
 * ReturnShipmentReceived → resellable units back on hand (StockRestocked),
 * once per (return, SKU) like a receipt; damaged or opened units are not.
 */
@Controller()
export class RestockReturnHandler {
  constructor(
    private readonly repo: StockRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(ReturnShipmentReceived, { reads: ['orderId', 'returnId', 'lines.skuId', 'lines.quantity', 'lines.resellable'] })
  async onReturnReceived({ payload }: DecodedEvent<ReturnShipmentReceived>): Promise<void> {
    const bySku = new Map<string, number>();
    for (const l of payload.lines.filter((l) => l.resellable)) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.quantity);
    const at = this.clock.now();
    const ret = { orderId: payload.orderId, returnId: payload.returnId };
    for (const [skuId, quantity] of bySku) {
      await moveStockOnce(this.repo, skuId, returnKey(ret.returnId), quantity, at, (s) => s.restock(quantity, ret, at), { create: true });
    }
  }
}
