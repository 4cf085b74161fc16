import { IsIn } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { StockShortLine } from './catalog.parts';

export const RESERVATION_REJECTION_REASONS = ['insufficient-stock', 'unknown-sku', 'sku-retired', 'sku-not-on-sale'] as const;

/**
 * Stock for an order could not be reserved; nothing was reserved (all or
 * nothing). Orders rejects the order and can tell the buyer which lines fell short.
 */
@IntegrationEvent({
  type: 'StockReservationRejected',
  version: 1,
  topic: Topics.catalogReservations,
  summary: 'Stock for an order could not be reserved, with the reason and the short lines.',
})
export class StockReservationRejected {
  @IsId()
  orderId: string;

  /**
   * Why, for the worst short line: `insufficient-stock` (may succeed later),
   * `sku-not-on-sale` (the SKU's product is not published yet; added in v1),
   * `sku-retired`, `unknown-sku`.
   */
  @IsIn(RESERVATION_REJECTION_REASONS)
  reason: (typeof RESERVATION_REJECTION_REASONS)[number];

  @IsNestedArray(() => StockShortLine)
  shortLines: StockShortLine[];

  @IsInstant()
  rejectedAt: string;
}
