import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';

/** `accepted` and `out-for-delivery` were added in v1. */
export const PROVIDER_SHIPMENT_STATUSES = ['picked-up', 'in-transit', 'delivered', 'failed', 'returned', 'accepted', 'out-for-delivery'] as const;

/**
 * A status update a logistics provider sent back through the status webhook,
 * recorded as received. Logistics turns it into the shipment's life-cycle
 * events (dispatched, delivered, failed). Providers may report out of order;
 * `occurredAt` is the provider's time, not ours.
 */
@IntegrationEvent({
  type: 'ShipmentStatusReported',
  version: 1,
  topic: Topics.logisticsProviderStatus,
  summary: 'A logistics provider reported a shipment status (accepted, picked up, in transit, out for delivery, delivered, failed, returned).',
})
export class ShipmentStatusReported {
  @IsId()
  shipmentId: string;

  @IsId()
  providerId: string;

  @IsIn(PROVIDER_SHIPMENT_STATUSES)
  status: (typeof PROVIDER_SHIPMENT_STATUSES)[number];

  /** When it happened, according to the provider. */
  @IsInstant()
  occurredAt: string;

  @IsText(128)
  providerReference: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  detail?: string | null;

  /** Depot or city, as the provider names it. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;
}
