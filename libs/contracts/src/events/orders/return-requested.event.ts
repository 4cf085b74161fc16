import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray, IsText } from '../../values/field.decorators';
import { ReturnRequestLine } from './orders.parts';

/**
 * The buyer asked to return units of a delivered order within the return
 * window. Logistics expects a return shipment; the order cannot complete
 * while the return is open.
 */
@IntegrationEvent({
  type: 'ReturnRequested',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'A buyer requested to return units of order lines.',
})
export class ReturnRequested {
  @IsId()
  orderId: string;

  @IsId()
  returnId: string;

  @IsNestedArray(() => ReturnRequestLine)
  lines: ReturnRequestLine[];

  @IsText(1000)
  reason: string;

  @IsInstant()
  requestedAt: string;
}
