import { Controller } from '@nestjs/common';
import { DecodedEvent, OrderPaid } from '@netdirect/contracts';
import { isDomainError, OnEvent, PrerequisiteMissing } from '@netdirect/runtime';
import { ReservationProcess } from '../../reservation-process.service';

/**
 * OrderPaid → commit the reserved stock (StockCommitted); after a lapse,
 * reserve again first, or say StockCommitFailed so orders refunds.
 */
@Controller()
export class CommitOrderHandler {
  constructor(private readonly process: ReservationProcess) {}

  @OnEvent(OrderPaid, { reads: ['orderId'] })
  async onOrderPaid({ payload }: DecodedEvent<OrderPaid>): Promise<void> {
    const r = await this.process.pay(payload.orderId).catch((e: unknown) => {
      // A step in flight (the reservation still being made or committed): park the event instead of
      // retrying it in place, so the partition moves on; it runs again once the step has settled.
      if (isDomainError(e) && e.kind === 'conflict') throw new PrerequisiteMissing(`order ${payload.orderId}: ${e.message}`);
      throw e;
    });
    // Both come on orders.orders.v1 keyed by order, but a consumer group that started late or a replay may see the payment first.
    if (!r) throw new PrerequisiteMissing(`order ${payload.orderId} not placed yet`);
  }
}
