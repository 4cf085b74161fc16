import { IsBoolean, IsIn } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';

/**
 * Why an order was cancelled. Added in v1: `reservation-expired` (catalog
 * released the stock of an unpaid order because its reservation lapsed) and
 * `stock-unavailable` (a payment came after the reservation lapsed and stock
 * could not be committed; `wasPaid` is true and a refund follows).
 */
export const ORDER_CANCELLATION_REASONS = ['buyer-request', 'payment-timeout', 'ops', 'reservation-expired', 'stock-unavailable'] as const;

/**
 * An order was cancelled before shipment. Catalog releases its stock; if it was
 * already paid (`wasPaid`) an OrderRefunded follows and commission claws back.
 */
@IntegrationEvent({
  type: 'OrderCancelled',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'An order was cancelled before shipment.',
})
export class OrderCancelled {
  @IsId()
  orderId: string;

  @IsIn(ORDER_CANCELLATION_REASONS)
  reason: (typeof ORDER_CANCELLATION_REASONS)[number];

  /** Member id, ops user id, or `system` for a timeout. */
  @IsId()
  by: string;

  @IsBoolean()
  wasPaid: boolean;

  @IsInstant()
  cancelledAt: string;
}
