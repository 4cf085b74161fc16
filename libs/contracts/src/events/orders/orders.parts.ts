import { IsIn, IsOptional } from 'class-validator';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsMoney, IsQuantity, IsText } from '../../values/field.decorators';

/*
 * Nested payload parts shared by order events. Class names are unique across
 * the contracts because the JSON Schema definitions are keyed by them.
 */

export const PRICE_KINDS = ['retail', 'member'] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

/**
 * One line of an order with the price and BV snapshot taken when it was
 * placed; later catalog price changes never touch it.
 */
export class OrderLine {
  /** Unique within the order; refunds and commissions refer to it. */
  @IsId()
  lineId: string;

  @IsId()
  skuId: string;

  @IsId()
  productId: string;

  @IsQuantity()
  quantity: number;

  @IsMoney()
  unitPrice: Money;

  /** `member` if an operator bought at member price, else `retail`. */
  @IsIn(PRICE_KINDS)
  priceKind: PriceKind;

  /** Business volume per unit (snapshot). */
  @IsCount()
  bvPerUnit: number;

  /** quantity × unitPrice. */
  @IsMoney()
  lineTotal: Money;

  /** The SKU's member price when the order was placed (added in v1; absent in older messages): commission computes the retail margin from it. */
  @IsOptional()
  @IsMoney()
  memberUnitPrice?: Money;

  /** Product name snapshot (added in v1; absent in older messages). */
  @IsOptional()
  @IsText(200)
  productName?: string;

  /** SKU (variant) name snapshot (added in v1; absent in older messages). */
  @IsOptional()
  @IsText(200)
  skuName?: string;
}

/** The amounts of an order; total = subtotal + shipping (tax is included in prices). */
export class OrderTotals {
  @IsMoney()
  subtotal: Money;

  @IsMoney()
  shipping: Money;

  /** Tax contained in subtotal and shipping, for the invoice. */
  @IsMoney()
  taxIncluded: Money;

  @IsMoney()
  total: Money;
}

/** Units of one order line the buyer wants to return. */
export class ReturnRequestLine {
  @IsId()
  lineId: string;

  @IsId()
  skuId: string;

  @IsQuantity()
  quantity: number;
}

/** Units of one order line that were refunded, with the money and BV reversed. */
export class RefundedOrderLine {
  @IsId()
  lineId: string;

  @IsId()
  skuId: string;

  @IsQuantity()
  quantity: number;

  /** Refunded for this line (positive). */
  @IsMoney()
  amount: Money;

  /** BV reversed: quantity × the line's bvPerUnit. Commission claws back on it. */
  @IsCount()
  bv: number;
}
