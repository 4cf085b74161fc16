import { IsIn, IsOptional, IsUrl } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { SHIPMENT_DIRECTIONS } from './logistics.parts';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';

/** The provider picked the parcels up; the buyer can now track the shipment. */
@IntegrationEvent({
  type: 'ShipmentDispatched',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A shipment left the warehouse with its provider.',
})
export class ShipmentDispatched {
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

  @IsText(128)
  providerReference: string;

  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['https'] })
  trackingUrl?: string | null;

  @IsInstant()
  dispatchedAt: string;
}
