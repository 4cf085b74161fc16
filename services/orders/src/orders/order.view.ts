import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, OrderState, OrderStatus } from './order';

export class MoneyView {
  @ApiProperty({ type: 'integer', example: 1299, description: 'Minor units (1299 = 12.99 EUR)' }) amount: number;
  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' }) currency: string;
}

export class OrderLineView {
  @ApiProperty({ example: 'L1' }) lineId: string;
  @ApiProperty() skuId: string;
  @ApiProperty() productId: string;
  @ApiProperty() productName: string;
  @ApiProperty() skuName: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
  @ApiProperty({ type: MoneyView, description: 'What the buyer pays per unit (snapshot)' }) unitPrice: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'The member price when placed (snapshot)' }) memberUnitPrice: MoneyView;
  @ApiProperty({ enum: ['retail', 'member'] }) priceKind: string;
  @ApiProperty({ type: 'integer', description: 'BV per unit in hundredths of a point' }) bvPerUnit: number;
  @ApiProperty({ type: MoneyView }) lineTotal: MoneyView;
}

export class OrderTotalsView {
  @ApiProperty({ type: MoneyView }) subtotal: MoneyView;
  @ApiProperty({ type: MoneyView }) shipping: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'VAT contained in the total' }) taxIncluded: MoneyView;
  @ApiProperty({ type: MoneyView }) total: MoneyView;
}

export class OrderTransitionView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ORDER_STATUSES, nullable: true, type: String }) from: OrderStatus | null;
  @ApiProperty({ enum: ORDER_STATUSES }) to: OrderStatus;
  @ApiProperty({ example: 'StockReserved', description: 'The event, timer or request that moved the order' }) cause: string;
  @ApiPropertyOptional({ description: 'Who asked (member, ops user, system)' }) by?: string;
}

export class ShippingAddressView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, isArray: true }) lines: string[];
  @ApiProperty() city: string;
  @ApiProperty() postalCode: string;
  @ApiProperty() country: string;
  @ApiPropertyOptional({ type: String, nullable: true }) phone?: string | null;
}

/** An order as its buyer (or ops) sees it. */
export class OrderSummaryView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty() buyerId: string;
  @ApiProperty({ enum: ['consumer', 'operator', 'guest'] }) buyerKind: string;
  @ApiProperty({ type: String, nullable: true, description: 'The seller, resolved once when placed' }) referringOperatorId: string | null;
  @ApiProperty({ example: 'DE' }) market: string;
  @ApiProperty({ type: OrderLineView, isArray: true }) lines: OrderLineView[];
  @ApiProperty({ type: OrderTotalsView }) totals: OrderTotalsView;
  @ApiProperty({ type: 'integer' }) totalBv: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'Payment deadline once confirmed' }) payBy?: string;
  @ApiPropertyOptional({ type: MoneyView, description: 'Owed back to the buyer, not yet refunded' }) refundDue?: MoneyView;
  @ApiPropertyOptional() cancellationReason?: string;
  @ApiPropertyOptional() rejectionReason?: string;
  @ApiPropertyOptional() rejectionDetail?: string;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
}

export class OrderView extends OrderSummaryView {
  @ApiProperty({ type: ShippingAddressView }) shippingAddress: ShippingAddressView;
  @ApiProperty({ type: OrderTransitionView, isArray: true, description: 'Every transition, oldest first' }) history: OrderTransitionView[];
}

/** The answer to a guest's order: the order and the token with which the guest reads it again. */
export class GuestOrderView extends OrderView {
  @ApiProperty({ description: 'Send as the Order-Access-Token header to read this order; shown with every answer to the same Idempotency-Key' })
  accessToken: string;
}

/** An order its seller sees: no buyer identity or address. */
export class SoldOrderView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ enum: ['consumer', 'operator', 'guest'] }) buyerKind: string;
  @ApiProperty() market: string;
  @ApiProperty({ type: OrderLineView, isArray: true }) lines: OrderLineView[];
  @ApiProperty({ type: OrderTotalsView }) totals: OrderTotalsView;
  @ApiProperty({ type: 'integer' }) totalBv: number;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
}

export class OrderPageView {
  @ApiProperty({ type: OrderSummaryView, isArray: true }) items: OrderSummaryView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null at the end' }) nextCursor: string | null;
}

export class SoldOrderPageView {
  @ApiProperty({ type: SoldOrderView, isArray: true }) items: SoldOrderView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

const m = (amount: number, currency: string): MoneyView => ({ amount, currency });

function lines(s: OrderState): OrderLineView[] {
  return s.lines.map((l) => ({
    lineId: l.lineId,
    skuId: l.skuId,
    productId: l.productId,
    productName: l.productName,
    skuName: l.skuName,
    quantity: l.quantity,
    unitPrice: m(l.unitPrice, s.currency),
    memberUnitPrice: m(l.memberUnitPrice, s.currency),
    priceKind: l.priceKind,
    bvPerUnit: l.bvPerUnit,
    lineTotal: m(l.lineTotal, s.currency),
  }));
}

function totals(s: OrderState): OrderTotalsView {
  return { subtotal: m(s.subtotal, s.currency), shipping: m(s.shipping, s.currency), taxIncluded: m(s.taxIncluded, s.currency), total: m(s.total, s.currency) };
}

export function toOrderSummaryView(s: OrderState): OrderSummaryView {
  return {
    orderId: s._id,
    status: s.status,
    buyerId: s.buyerId,
    buyerKind: s.buyerKind,
    referringOperatorId: s.referringOperatorId,
    market: s.market,
    lines: lines(s),
    totals: totals(s),
    totalBv: s.totalBv,
    ...(s.payBy ? { payBy: s.payBy.toISOString() } : {}),
    ...(s.refundDue ? { refundDue: m(s.refundDue, s.currency) } : {}),
    ...(s.cancellationReason ? { cancellationReason: s.cancellationReason } : {}),
    ...(s.rejectionReason ? { rejectionReason: s.rejectionReason } : {}),
    ...(s.rejectionDetail ? { rejectionDetail: s.rejectionDetail } : {}),
    placedAt: s.placedAt.toISOString(),
  };
}

export function toOrderView(s: OrderState): OrderView {
  return {
    ...toOrderSummaryView(s),
    shippingAddress: s.shippingAddress,
    history: s.history.map((h) => ({ at: h.at.toISOString(), from: h.from, to: h.to, cause: h.cause, ...(h.by ? { by: h.by } : {}) })),
  };
}

export function toSoldOrderView(s: OrderState): SoldOrderView {
  return { orderId: s._id, status: s.status, buyerKind: s.buyerKind, market: s.market, lines: lines(s), totals: totals(s), totalBv: s.totalBv, placedAt: s.placedAt.toISOString() };
}
