import { Injectable } from '@nestjs/common';
import { OnTimer, TimerFired } from '@netdirect/runtime';
import { OrderProcess, PAYMENT_DEADLINE, OrderTimerData } from '../../order-process.service';

/** The payment deadline passed: an order still confirmed and unpaid is cancelled (payment-timeout); catalog releases its stock. */
@Injectable()
export class PaymentDeadlineHandler {
  constructor(private readonly process: OrderProcess) {}

  @OnTimer(PAYMENT_DEADLINE)
  async expire({ data }: TimerFired<OrderTimerData>): Promise<void> {
    await this.process.onRequest(data.orderId, (o, now) => o.expirePayment(now));
  }
}
