import { IsBoolean, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsInstant, IsMoney, IsNestedArray } from '../../values/field.decorators';
import { RefundedOrderLine } from './orders.parts';

/**
 * Money went back to the buyer for some or all of an order. `lines` say which
 * units and how much BV were reversed; `amount` = Σ lines.amount +
 * `shippingRefunded` − `restockingFee` exactly (the last two absent mean zero).
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

  /** Outbound shipping paid back (a full return within the withdrawal period, or a cancelled paid order); added in v1. */
  @IsOptional()
  @IsMoney()
  shippingRefunded?: Money | null;

  /** Kept back from the lines (a return outside the withdrawal period, or the share a buy-back keeps); added in v1. */
  @IsOptional()
  @IsMoney()
  restockingFee?: Money | null;

  /** True for an operator's buy-back of unsold stock rather than a buyer's return; added in v1. */
  @IsOptional()
  @IsBoolean()
  buyBack?: boolean | null;

  @IsInstant()
  refundedAt: string;
}
