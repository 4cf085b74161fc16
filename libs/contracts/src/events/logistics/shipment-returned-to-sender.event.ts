import { IsIn, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray, IsText } from '../../values/field.decorators';
import { SkuQuantityLine } from '../../values/sku-quantity-line.value';
import { SHIPMENT_DIRECTIONS } from './logistics.parts';

/**
 * (Added in v1.) An outbound shipment that failed for good came back to the
 * warehouse: the buyer never got the goods, so orders refunds the order's
 * shipped lines.
 */
@IntegrationEvent({
  type: 'ShipmentReturnedToSender',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A shipment that could not be delivered came back to the warehouse; orders refunds it.',
})
export class ShipmentReturnedToSender {
  @IsId()
  shipmentId: string;

  @IsId()
  orderId: string;

  /** `outbound` or `return`. */
  @IsOptional()
  @IsIn(SHIPMENT_DIRECTIONS)
  direction?: (typeof SHIPMENT_DIRECTIONS)[number];

  @IsId()
  providerId: string;

  @IsText(128)
  providerReference: string;

  /** What the shipment carried, all of which came back. */
  @IsNestedArray(() => SkuQuantityLine)
  lines: SkuQuantityLine[];

  @IsInstant()
  returnedAt: string;
}
