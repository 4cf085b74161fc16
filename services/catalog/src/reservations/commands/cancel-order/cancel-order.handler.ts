import { Controller } from '@nestjs/common';
import { DecodedEvent, OrderCancelled } from '@netdirect/contracts';
import { OnEvent, PrerequisiteMissing } from '@netdirect/runtime';
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
    const r = await this.process.cancel(payload.orderId);
    if (!r) throw new PrerequisiteMissing(`order ${payload.orderId} not placed yet`);
  }
}
