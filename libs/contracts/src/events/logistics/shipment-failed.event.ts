import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { SHIPMENT_DIRECTIONS } from './logistics.parts';
import { IsId, IsInstant } from '../../values/field.decorators';

export const SHIPMENT_FAILURE_REASONS = [
  'address-not-found',
  'recipient-absent',
  'refused',
  'damaged',
  'lost',
  'provider-rejected',
  'other',
] as const;

/**
 * The provider could not deliver (or would not carry) the shipment. Logistics
 * may re-route it (ShipmentRerouted); ops and the buyer are told.
 */
@IntegrationEvent({
  type: 'ShipmentFailed',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A shipment failed with its provider, with the reason.',
})
export class ShipmentFailed {
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

  @IsIn(SHIPMENT_FAILURE_REASONS)
  reason: (typeof SHIPMENT_FAILURE_REASONS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  detail?: string | null;

  @IsInstant()
  failedAt: string;
}
