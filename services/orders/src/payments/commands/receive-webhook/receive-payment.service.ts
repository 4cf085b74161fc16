import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, SERVICE_SETTINGS } from '@netdirect/runtime';
import { OrdersSettings } from '../../../orders.settings';
import { Order, OrderState } from '../../../orders/order';
import { OrderProcess } from '../../../orders/order-process.service';
import { OrderRepository } from '../../../orders/order.repository';
import { HeldPaymentsRepository } from '../../held-payments.repository';
import { PaymentNotificationRequest } from './payment-notification.request';

export type PaymentOutcome = 'applied' | 'waiting-for-confirmation' | 'refund-due' | 'held' | 'refund-confirmed' | 'refund-failed';

/**
 * A payment the provider confirmed: of the order's exact total it pays the
 * order (or waits for its confirmation, or is owed back for a dead order);
 * of another amount it is held for ops and not applied. Idempotent by the
 * provider's payment id (the order keeps it; a held payment is keyed by it).
 */
@Injectable()
export class ReceivePaymentService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly process: OrderProcess,
    private readonly held: HeldPaymentsRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: OrdersSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async receive(providerId: string, n: PaymentNotificationRequest): Promise<PaymentOutcome> {
    if (n.type !== 'payment.succeeded') return this.refundOutcome(providerId, n);
    const amount = n.amount!;
    const order = await this.orders.find(n.orderId);
    if (!order) throw DomainError.notFound(`No order ${n.orderId}`);
    const known = order.state.payment;
    if (known?.paymentId !== n.paymentId && !order.isTotal(amount.amount, amount.currency)) {
      await this.held.hold({
        _id: `${providerId}:${n.paymentId}`,
        orderId: n.orderId,
        providerId,
        paymentId: n.paymentId,
        amount: amount.amount,
        currency: amount.currency,
        expectedAmount: order.state.total,
        expectedCurrency: order.state.currency,
        status: 'held',
        heldAt: this.clock.now(),
      });
      return 'held';
    }
    return outcomeOf(await this.apply(providerId, n.orderId, n.paymentId, amount.amount, amount.currency, false, order));
  }

  /** The provider's answer to a refund we asked it for: confirmed once (OrderRefunded for the order's money), or failed (visible, retried after a backoff, then by ops). */
  private async refundOutcome(providerId: string, n: PaymentNotificationRequest): Promise<PaymentOutcome> {
    const refundId = n.refundId!;
    await this.process.onRequest(n.orderId, (o, now) => {
      const refund = o.state.refunds?.find((r) => r.refundId === refundId);
      if (refund && refund.providerId !== providerId) return DomainError.rule('refundId', `refund ${refundId} was asked of another provider`);
      return n.type === 'refund.succeeded' ? o.refundConfirmed(refundId, now) : o.refundFailed(refundId, n.reason ?? 'the provider gave no reason', now, this.retryPolicy());
    });
    return n.type === 'refund.succeeded' ? 'refund-confirmed' : 'refund-failed';
  }

  private retryPolicy() {
    return { maxAttempts: this.settings.ORDERS_REFUND_MAX_ATTEMPTS, backoffMs: this.settings.ORDERS_REFUND_RETRY_BACKOFF };
  }

  apply(providerId: string, orderId: string, paymentId: string, amount: number, currency: string, amountAccepted: boolean, loaded?: Order): Promise<OrderState> {
    return this.process.onRequest(
      orderId,
      (o, now) => o.pay({ paymentId, provider: providerId, amount, currency, receivedAt: now }, now, amountAccepted),
      loaded,
    );
  }
}

export function outcomeOf(state: OrderState): PaymentOutcome {
  if (state.payment?.applied) return 'applied';
  return state.status === 'placed' ? 'waiting-for-confirmation' : 'refund-due';
}
