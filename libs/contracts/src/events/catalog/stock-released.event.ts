import { IsIn } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { SkuQuantityLine } from '../../values/sku-quantity-line.value';

/**
 * Why a reservation was released. `committed-order-cancelled` (added in v1):
 * the order was cancelled after its stock was committed but before it
 * shipped, so the committed units went back on hand and are available again.
 */
export const RESERVATION_RELEASE_REASONS = [
  'order-cancelled',
  'payment-timeout',
  'reservation-expired',
  'committed-order-cancelled',
] as const;

/** A reservation was given up and its units are available again. */
@IntegrationEvent({
  type: 'StockReleased',
  version: 1,
  topic: Topics.catalogReservations,
  summary: "An order's stock reservation was released (cancelled, unpaid or expired), or its committed stock returned on a cancellation before shipment.",
})
export class StockReleased {
  @IsId()
  orderId: string;

  @IsId()
  reservationId: string;

  @IsNestedArray(() => SkuQuantityLine)
  lines: SkuQuantityLine[];

  @IsIn(RESERVATION_RELEASE_REASONS)
  reason: (typeof RESERVATION_RELEASE_REASONS)[number];

  @IsInstant()
  releasedAt: string;
}
