import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsId, IsInstant, IsMoney, IsText } from '../../values/field.decorators';

/**
 * The payment provider confirmed payment of the order (from a signed webhook).
 *
 * Catalog commits the stock, commission accrues pending lines for the upline,
 * logistics requests a shipment.
 */
@IntegrationEvent({
  type: 'OrderPaid',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'An order was paid in full; stock is committed, commissions accrue, shipment is requested.',
})
export class OrderPaid {
  @IsId()
  orderId: string;

  /** The payment provider's payment id; one order is paid by one payment. */
  @IsId()
  paymentId: string;

  /** Payment provider name, e.g. `stripe`. */
  @IsText(64)
  paymentProvider: string;

  @IsMoney()
  amount: Money;

  @IsInstant()
  paidAt: string;
}
