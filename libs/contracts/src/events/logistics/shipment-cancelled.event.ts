import { IsIn, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';
import { SHIPMENT_DIRECTIONS } from './logistics.parts';

export const SHIPMENT_CANCELLATION_REASONS = ['rerouted', 'order-cancelled', 'provider-suspended'] as const;

/**
 * (Added in v1.) A provider must drop a shipment it was handed: it was
 * re-routed to another provider (it did not accept it in time), ops suspended
 * the provider (`provider-suspended`, added in v1), or the order was
 * cancelled before dispatch. Published on `logistics.shipments.v1` and,
 * unchanged, on the handoff topic of the provider that must drop it, so that
 * provider is told where it listens. A provider ignores a cancellation of a
 * shipment it does not know.
 */
@IntegrationEvent({
  type: 'ShipmentCancelled',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A logistics provider must drop a shipment it was handed (re-routed, or the order was cancelled before dispatch).',
})
export class ShipmentCancelled {
  @IsId()
  shipmentId: string;

  @IsId()
  orderId: string;

  /** `outbound` or `return`. */
  @IsOptional()
  @IsIn(SHIPMENT_DIRECTIONS)
  direction?: (typeof SHIPMENT_DIRECTIONS)[number];

  /** The provider that must drop the shipment. */
  @IsId()
  providerId: string;

  @IsIn(SHIPMENT_CANCELLATION_REASONS)
  reason: (typeof SHIPMENT_CANCELLATION_REASONS)[number];

  @IsInstant()
  cancelledAt: string;
}
