import { IsIn, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { PostalAddress } from '../../values/postal-address.value';
import { IsId, IsInstant, IsNested, IsNestedArray } from '../../values/field.decorators';
import { SHIPMENT_DIRECTIONS, SHIPMENT_SERVICE_LEVELS, ShipmentParcel } from './logistics.parts';

/**
 * The platform asks a logistics provider to carry a paid order to the buyer.
 *
 * Also published, unchanged, on the provider's own handoff topic
 * `logistics.handoff.<providerId>.v1`, the only topic a provider reads. The
 * provider answers through the status webhook (ShipmentStatusReported):
 * `picked-up` on acceptance and dispatch, then `delivered` or `failed`.
 */
@IntegrationEvent({
  type: 'ShipmentRequested',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A shipment of a paid order was requested from a logistics provider, with destination and parcels.',
})
export class ShipmentRequested {
  @IsId()
  shipmentId: string;

  @IsId()
  orderId: string;

  /** The provider chosen by the routing rules. */
  @IsId()
  providerId: string;

  /** `outbound` or `return` (added in v1; absent in older messages, which are outbound). */
  @IsOptional()
  @IsIn(SHIPMENT_DIRECTIONS)
  direction?: (typeof SHIPMENT_DIRECTIONS)[number];

  /** The buyer's return a `return` shipment brings back (added in v1). */
  @IsOptional()
  @IsId()
  returnId?: string | null;

  @IsIn(SHIPMENT_SERVICE_LEVELS)
  serviceLevel: (typeof SHIPMENT_SERVICE_LEVELS)[number];

  /** Where the parcels go: the buyer for `outbound`, the warehouse for a `return`. */
  @IsNested(() => PostalAddress)
  destination: PostalAddress;

  /** Where to collect the parcels when it is not the warehouse: the buyer's address for a `return` (added in v1). */
  @IsOptional()
  @IsNested(() => PostalAddress)
  pickupAddress?: PostalAddress | null;

  @IsNestedArray(() => ShipmentParcel, { max: 50 })
  parcels: ShipmentParcel[];

  /** Latest delivery the SLA allows; past it the shipment may be re-routed. */
  @IsOptional()
  @IsInstant()
  deliverBy?: string | null;

  @IsInstant()
  requestedAt: string;
}
