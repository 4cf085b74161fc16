import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';

/** Stock for the order is reserved; the buyer can now pay until `payBy`. */
@IntegrationEvent({
  type: 'OrderConfirmed',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'An order was confirmed after its stock was reserved and awaits payment.',
})
export class OrderConfirmed {
  @IsId()
  orderId: string;

  @IsId()
  reservationId: string;

  /** Payment deadline; after it the order is cancelled and the stock released. */
  @IsInstant()
  payBy: string;

  @IsInstant()
  confirmedAt: string;
}
