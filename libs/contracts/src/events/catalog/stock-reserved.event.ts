import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { SkuQuantityLine } from '../../values/sku-quantity-line.value';

/**
 * Stock for every line of an order was reserved. Orders confirms the order;
 * the reservation lapses at `expiresAt` unless committed (after payment).
 */
@IntegrationEvent({
  type: 'StockReserved',
  version: 1,
  topic: Topics.catalogReservations,
  summary: "Stock for all of an order's lines was reserved until a deadline.",
})
export class StockReserved {
  @IsId()
  orderId: string;

  @IsId()
  reservationId: string;

  @IsNestedArray(() => SkuQuantityLine)
  lines: SkuQuantityLine[];

  @IsInstant()
  expiresAt: string;

  @IsInstant()
  reservedAt: string;
}
