import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { SHIPMENT_DIRECTIONS } from './logistics.parts';
import { IsId, IsInstant } from '../../values/field.decorators';

/** The provider delivered the shipment; orders marks the order delivered. */
@IntegrationEvent({
  type: 'ShipmentDelivered',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A shipment was delivered to the buyer.',
})
export class ShipmentDelivered {
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

  /** Who signed for it, if the provider reports it. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  receivedBy?: string | null;

  /** The provider's proof of delivery (signature or photo reference), if it gives one (added in v1). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  proofReference?: string | null;

  @IsInstant()
  deliveredAt: string;
}
