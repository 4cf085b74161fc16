import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { ReturnedItemLine } from './logistics.parts';

/**
 * A buyer's return arrived back at the warehouse and was inspected. Orders
 * refunds the returned units; catalog restocks the resellable ones.
 */
@IntegrationEvent({
  type: 'ReturnShipmentReceived',
  version: 1,
  topic: Topics.logisticsShipments,
  summary: 'A return shipment arrived at the warehouse, with what came back and whether it is resellable.',
})
export class ReturnShipmentReceived {
  /** Id of the return shipment. */
  @IsId()
  shipmentId: string;

  @IsId()
  orderId: string;

  @IsId()
  returnId: string;

  @IsId()
  providerId: string;

  @IsNestedArray(() => ReturnedItemLine)
  lines: ReturnedItemLine[];

  @IsInstant()
  receivedAt: string;
}
