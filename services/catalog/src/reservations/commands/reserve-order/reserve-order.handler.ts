import { Controller } from '@nestjs/common';
import { DecodedEvent, OrderPlaced } from '@netdirect/contracts';
import { OnEvent } from '@netdirect/runtime';
import { ReservationProcess } from '../../reservation-process.service';

/** OrderPlaced → reserve every line of the order or none (StockReserved or StockReservationRejected). */
@Controller()
export class ReserveOrderHandler {
  constructor(private readonly process: ReservationProcess) {}

  @OnEvent(OrderPlaced, { reads: ['orderId', 'lines.skuId', 'lines.quantity'] })
  async onOrderPlaced({ payload }: DecodedEvent<OrderPlaced>): Promise<void> {
    await this.process.place(payload.orderId, payload.lines);
  }
}
