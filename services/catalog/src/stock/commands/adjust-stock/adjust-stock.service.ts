import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, derivedId, Principal } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { adjustmentKey, StockState } from '../../stock';
import { moveStockOnce, StockRepository } from '../../stock.repository';
import { AdjustStockRequest } from './adjust-stock.request';

/** Ops correct on-hand stock (Stock.adjust): audited on the SKU, StockAdjusted on the stock topic. */
@Injectable()
export class AdjustStockService {
  constructor(
    private readonly repo: StockRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * With an idempotency key, the adjustment's id is derived from it (and the
   * SKU and caller), so a retried request finds the adjustment it already made
   * and answers the stock as it is, without a second StockAdjusted.
   */
  async adjust(skuId: string, request: AdjustStockRequest, caller: Principal, idempotencyKey?: string): Promise<StockState> {
    const adjustmentId = idempotencyKey ? derivedId('stock-adjustment', skuId, caller.subject, idempotencyKey) : randomUUID();
    const at = this.clock.now();
    const input = { adjustmentId, kind: request.kind, quantity: request.quantity, reason: request.reason, by: caller.subject };
    const stock = await moveStockOnce(this.repo, skuId, adjustmentKey(adjustmentId), request.quantity, at, (s) => s.adjust(input, at), {
      create: true,
    });
    return stock.state;
  }
}
