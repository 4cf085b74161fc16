import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';

export const ORDER_REJECTION_REASONS = ['out-of-stock', 'sku-not-sellable', 'buyer-not-eligible'] as const;

/** An order was refused before payment; nothing was charged and no stock is held. */
@IntegrationEvent({
  type: 'OrderRejected',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'An order was rejected before payment, with the reason.',
})
export class OrderRejected {
  @IsId()
  orderId: string;

  @IsIn(ORDER_REJECTION_REASONS)
  reason: (typeof ORDER_REJECTION_REASONS)[number];

  /** Human-readable detail, e.g. which SKUs fell short. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  detail?: string | null;

  @IsInstant()
  rejectedAt: string;
}
