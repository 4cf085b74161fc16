import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyView } from '../orders/order.view';
import { RefundRequestState } from '../refunds/refund-request.schema';
import { HeldPaymentState } from './held-payment.schema';

export class PaymentReceiptView {
  @ApiProperty({ enum: ['applied', 'waiting-for-confirmation', 'refund-due', 'held', 'refund-confirmed', 'refund-failed'], description: 'What became of the notification' })
  outcome: string;
  @ApiProperty() orderId: string;
}

export class HeldPaymentView {
  @ApiProperty({ description: '`<providerId>:<paymentId>`' }) id: string;
  @ApiProperty() orderId: string;
  @ApiProperty() providerId: string;
  @ApiProperty() paymentId: string;
  @ApiProperty({ type: MoneyView, description: 'What the provider reported' }) amount: MoneyView;
  @ApiProperty({ type: MoneyView, description: "The order's total" }) expected: MoneyView;
  @ApiProperty({ enum: ['held', 'applied', 'refunded'] }) status: string;
  @ApiProperty({ format: 'date-time' }) heldAt: string;
  @ApiPropertyOptional() decidedBy?: string;
}

export class HeldPaymentListView {
  @ApiProperty({ type: HeldPaymentView, isArray: true }) items: HeldPaymentView[];
}

export function toHeldPaymentView(h: HeldPaymentState): HeldPaymentView {
  return {
    id: h._id,
    orderId: h.orderId,
    providerId: h.providerId,
    paymentId: h.paymentId,
    amount: { amount: h.amount, currency: h.currency },
    expected: { amount: h.expectedAmount, currency: h.expectedCurrency },
    status: h.status,
    heldAt: h.heldAt.toISOString(),
    ...(h.decidedBy ? { decidedBy: h.decidedBy } : {}),
  };
}

export class RefundRequestView {
  @ApiProperty({ description: 'The refund id to answer with (refund.succeeded or refund.failed)' }) refundId: string;
  @ApiProperty() orderId: string;
  @ApiProperty() providerId: string;
  @ApiProperty({ description: 'The payment to pay back' }) paymentId: string;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @ApiProperty({ enum: ['requested', 'failed'] }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiPropertyOptional() failure?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'A failed refund is asked again automatically at this time; absent once its attempts are used up (ops retry it)' })
  nextRetryAt?: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
}

export class RefundRequestListView {
  @ApiProperty({ type: RefundRequestView, isArray: true }) items: RefundRequestView[];
}

export function toRefundRequestView(r: RefundRequestState): RefundRequestView {
  return {
    refundId: r._id,
    orderId: r.orderId,
    providerId: r.providerId,
    paymentId: r.paymentId,
    amount: { amount: r.amount, currency: r.currency },
    status: r.status,
    attempts: r.attempts,
    ...(r.failure ? { failure: r.failure } : {}),
    ...(r.nextRetryAt ? { nextRetryAt: r.nextRetryAt.toISOString() } : {}),
    requestedAt: r.requestedAt.toISOString(),
  };
}
