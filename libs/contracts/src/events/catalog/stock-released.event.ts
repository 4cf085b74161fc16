import { IsIn } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { SkuQuantityLine } from '../../values/sku-quantity-line.value';

export const RESERVATION_RELEASE_REASONS = ['order-cancelled', 'payment-timeout', 'reservation-expired'] as const;

/** A reservation was given up and its units are available again. */
@IntegrationEvent({
  type: 'StockReleased',
  version: 1,
  topic: Topics.catalogReservations,
  summary: "An order's stock reservation was released (cancelled, unpaid or expired).",
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
