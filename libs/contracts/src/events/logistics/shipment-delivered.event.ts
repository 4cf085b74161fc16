import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
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

  @IsId()
  providerId: string;

  /** Who signed for it, if the provider reports it. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  receivedBy?: string | null;

  @IsInstant()
  deliveredAt: string;
}
