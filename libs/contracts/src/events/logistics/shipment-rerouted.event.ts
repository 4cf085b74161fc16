import { IsIn, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { SHIPMENT_DIRECTIONS } from './logistics.parts';
import { IsId, IsInstant } from '../../values/field.decorators';

export const SHIPMENT_REROUTE_REASONS = ['sla-breached', 'provider-failed', 'provider-rejected', 'ops', 'provider-suspended'] as const;

/**
 * The shipment was taken from one provider and handed to another (a new
 * ShipmentRequested goes to the new provider's handoff topic). The old
 * provider must drop it.
 */
@IntegrationEvent({
  type: 'ShipmentRerouted',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A shipment was moved from one logistics provider to another.',
})
export class ShipmentRerouted {
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
  fromProviderId: string;

  @IsId()
  toProviderId: string;

  @IsIn(SHIPMENT_REROUTE_REASONS)
  reason: (typeof SHIPMENT_REROUTE_REASONS)[number];

  @IsInstant()
  reroutedAt: string;
}
