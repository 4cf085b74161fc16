import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';

/** The order reached the buyer. The return window runs until `returnWindowEndsAt`. */
@IntegrationEvent({
  type: 'OrderDelivered',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'An order was delivered; its return window started.',
})
export class OrderDelivered {
  @IsId()
  orderId: string;

  @IsId()
  shipmentId: string;

  @IsInstant()
  deliveredAt: string;

  @IsInstant()
  returnWindowEndsAt: string;
}
