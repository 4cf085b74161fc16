import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, Principal } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { StockState } from '../../stock';
import { changeStock, StockRepository } from '../../stock.repository';
import { AdjustStockRequest } from './adjust-stock.request';

/** Ops correct on-hand stock (Stock.adjust): audited on the SKU, StockAdjusted on the stock topic. */
@Injectable()
export class AdjustStockService {
  constructor(
    private readonly repo: StockRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async adjust(skuId: string, request: AdjustStockRequest, caller: Principal): Promise<StockState> {
    const adjustmentId = randomUUID();
    const at = this.clock.now();
    const stock = await changeStock(
      this.repo,
      skuId,
      (s) => s.adjust({ adjustmentId, kind: request.kind, quantity: request.quantity, reason: request.reason, by: caller.subject }, at),
      { create: true },
    );
    return stock.state;
  }
}
