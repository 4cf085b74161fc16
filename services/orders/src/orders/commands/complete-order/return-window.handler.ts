import { Injectable } from '@nestjs/common';
import { OnTimer, TimerFired } from '@netdirect/runtime';
import { OrderProcess, OrderTimerData, RETURN_WINDOW_END } from '../../order-process.service';

/** The return window of a delivered order ended: with no open return it is completed (OrderCompleted). */
@Injectable()
export class ReturnWindowHandler {
  constructor(private readonly process: OrderProcess) {}

  @OnTimer(RETURN_WINDOW_END)
  async end({ data }: TimerFired<OrderTimerData>): Promise<void> {
    await this.process.onRequest(data.orderId, (o, now) => o.complete(now));
  }
}
