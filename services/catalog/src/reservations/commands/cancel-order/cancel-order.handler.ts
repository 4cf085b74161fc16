import { Controller } from '@nestjs/common';
import { DecodedEvent, OrderCancelled } from '@netdirect/contracts';
import { isDomainError, OnEvent, PrerequisiteMissing } from '@netdirect/runtime';
import { ReservationProcess } from '../../reservation-process.service';

/**
 * OrderCancelled → release the held stock (StockReleased, order-cancelled), or,
 * when it was committed but not shipped, put it back on hand
 * (StockReleased, committed-order-cancelled).
 */
@Controller()
export class CancelOrderHandler {
  constructor(private readonly process: ReservationProcess) {}

  @OnEvent(OrderCancelled, { reads: ['orderId'] })
  async onOrderCancelled({ payload }: DecodedEvent<OrderCancelled>): Promise<void> {
    const r = await this.process.cancel(payload.orderId).catch((e: unknown) => {
      // A step in flight (the reservation still being made or committed): park the event instead of
      // retrying it in place, so the partition moves on; it runs again once the step has settled.
      if (isDomainError(e) && e.kind === 'conflict') throw new PrerequisiteMissing(`order ${payload.orderId}: ${e.message}`);
      throw e;
    });
    if (!r) throw new PrerequisiteMissing(`order ${payload.orderId} not placed yet`);
  }
}
