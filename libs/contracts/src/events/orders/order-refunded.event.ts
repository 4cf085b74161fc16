import { IsBoolean, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsInstant, IsMoney, IsNestedArray } from '../../values/field.decorators';
import { RefundedOrderLine } from './orders.parts';

/**
 * Money went back to the buyer for some or all of an order. `lines` say which
 * units and how much BV were reversed; their amounts add up exactly to
 * `amount` (split with allocateProportionally where a refund covers several lines).
 *
 * Commission claws back the lines accrued on the refunded BV; catalog restocks
 * resellable units when the return shipment arrives.
 */
@IntegrationEvent({
  type: 'OrderRefunded',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'Part or all of an order was refunded, with the refunded lines, amount and BV.',
})
export class OrderRefunded {
  @IsId()
  orderId: string;

  @IsId()
  refundId: string;

  /** The return it settles; null for a refund of a cancelled paid order. */
  @IsOptional()
  @IsId()
  returnId?: string | null;

  /** Total refunded (positive). */
  @IsMoney()
  amount: Money;

  @IsNestedArray(() => RefundedOrderLine, { max: 200 })
  lines: RefundedOrderLine[];

  /** Σ lines.bv. */
  @IsCount()
  refundedBv: number;

  /** True if nothing of the order remains unrefunded. */
  @IsBoolean()
  fullyRefunded: boolean;

  @IsInstant()
  refundedAt: string;
}
