import { IsIn, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { PostalAddress } from '../../values/postal-address.value';
import {
  IsCount,
  IsCurrencyCode,
  IsId,
  IsInstant,
  IsMarket,
  IsNested,
  IsNestedArray,
} from '../../values/field.decorators';
import { OrderLine, OrderTotals } from './orders.parts';

export const BUYER_KINDS = ['consumer', 'operator'] as const;

/**
 * A member placed an order in the mall. Lines carry the price and BV snapshot
 * that every later step (payment, commission, refund) uses.
 *
 * Catalog reserves stock for the lines; commission learns who referred the
 * buyer (the operator who earns the retail margin) and the BV to accrue on.
 */
@IntegrationEvent({
  type: 'OrderPlaced',
  version: 1,
  topic: Topics.ordersOrders,
  summary: 'An order was placed, with buyer, referring operator, market, lines with price and BV snapshots, and totals.',
})
export class OrderPlaced {
  @IsId()
  orderId: string;

  /** Member id of the buyer. */
  @IsId()
  buyerId: string;

  @IsIn(BUYER_KINDS)
  buyerKind: (typeof BUYER_KINDS)[number];

  /** The operator whose referral brought the buyer; null if none (e.g. an operator buying for themself). */
  @IsOptional()
  @IsId()
  referringOperatorId: string | null;

  /** ISO 3166-1 alpha-2 market whose prices and compliance profile apply. */
  @IsMarket()
  market: string;

  /** Currency of every amount on the order. */
  @IsCurrencyCode()
  currency: string;

  @IsNestedArray(() => OrderLine, { max: 200 })
  lines: OrderLine[];

  @IsNested(() => OrderTotals)
  totals: OrderTotals;

  /** Σ quantity × bvPerUnit. */
  @IsCount()
  totalBv: number;

  @IsNested(() => PostalAddress)
  shippingAddress: PostalAddress;

  @IsInstant()
  placedAt: string;
}
