import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyView } from '../orders/order.view';
import { HeldPaymentState } from './held-payment.schema';

export class PaymentReceiptView {
  @ApiProperty({ enum: ['applied', 'waiting-for-confirmation', 'refund-due', 'held'], description: 'What became of the payment' })
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
  @ApiProperty({ enum: ['held', 'applied'] }) status: string;
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
