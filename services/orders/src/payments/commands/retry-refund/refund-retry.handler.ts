import { Injectable } from '@nestjs/common';
import { OnTimer, TimerFired } from '@netdirect/runtime';
import { OrderProcess, REFUND_RETRY, RefundRetryData } from '../../../orders/order-process.service';

/**
 * A failed refund's backoff ended: ask the provider again (the refund is
 * `requested` once more, with one attempt more). A timer of an attempt that
 * ops retried meanwhile, or of a refund since confirmed, does nothing.
 */
@Injectable()
export class RefundRetryHandler {
  constructor(private readonly process: OrderProcess) {}

  @OnTimer(REFUND_RETRY)
  async retry({ data }: TimerFired<RefundRetryData>): Promise<void> {
    await this.process.onRequest(data.orderId, (o, now) => o.autoRetryRefund(data.refundId, data.attempt, now));
  }
}
