import { IsBoolean, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray, IsText } from '../../values/field.decorators';
import { ReturnRequestLine } from './orders.parts';

/**
 * The buyer asked to return units of a delivered order within the return
 * window, or an operator to sell back unsold stock it bought (`buyBack`).
 * Logistics arranges the return parcel either way; the order cannot complete
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

  /** True for an operator's buy-back of resellable, unsold stock (refunded as an OrderRefunded with `buyBack`); absent or false for a buyer's return. Added in v1. */
  @IsOptional()
  @IsBoolean()
  buyBack?: boolean | null;
}
