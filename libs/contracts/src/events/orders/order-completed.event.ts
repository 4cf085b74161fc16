import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';

/**
 * The return window of a delivered order ended with no open return, so the
 * sale is final: commission makes the order's lines releasable.
 */
@IntegrationEvent({
  type: 'OrderCompleted',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'The return window of an order ended; its commissions become releasable.',
})
export class OrderCompleted {
  @IsId()
  orderId: string;

  @IsInstant()
  completedAt: string;
}
