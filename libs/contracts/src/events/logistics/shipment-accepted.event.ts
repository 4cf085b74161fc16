import { IsIn, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { SHIPMENT_DIRECTIONS } from './logistics.parts';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';

/** The provider accepted the shipment and gave its own reference for it. */
@IntegrationEvent({
  type: 'ShipmentAccepted',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A logistics provider accepted a shipment.',
})
export class ShipmentAccepted {
  @IsId()
  shipmentId: string;

  @IsId()
  orderId: string;

  /** `outbound` or `return` (added in v1; absent in older messages, which are outbound). */
  @IsOptional()
  @IsIn(SHIPMENT_DIRECTIONS)
  direction?: (typeof SHIPMENT_DIRECTIONS)[number];

  /** The buyer's return a `return` shipment brings back (added in v1). */
  @IsOptional()
  @IsId()
  returnId?: string | null;

  @IsId()
  providerId: string;

  /** The provider's tracking or consignment number. */
  @IsText(128)
  providerReference: string;

  @IsOptional()
  @IsInstant()
  estimatedDeliveryAt?: string | null;

  @IsInstant()
  acceptedAt: string;
}
