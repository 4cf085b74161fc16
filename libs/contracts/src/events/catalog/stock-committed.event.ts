import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { SkuQuantityLine } from '../../values/sku-quantity-line.value';

/**
 * A paid order's reservation became a commitment: the units leave on-hand
 * stock and will be shipped. Logistics may pick from now on.
 */
@IntegrationEvent({
  type: 'StockCommitted',
  version: 1,
  topic: Topics.catalogReservations,
  summary: "A paid order's reserved stock was committed for shipment.",
})
export class StockCommitted {
  @IsId()
  orderId: string;

  @IsId()
  reservationId: string;

  @IsNestedArray(() => SkuQuantityLine)
  lines: SkuQuantityLine[];

  @IsInstant()
  committedAt: string;
}
