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

export class ReturnLineView {
  @ApiProperty() lineId: string;
  @ApiProperty() skuId: string;
  @ApiProperty({ type: 'integer', description: 'Units asked for' }) quantity: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Units that came back, once received' }) received?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Of those, units that can be sold again' }) resellable?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Units refunded (a buy-back buys only resellable units)' }) refunded?: number;
}

export class ReturnView {
  @ApiProperty() returnId: string;
  @ApiProperty({ description: "An operator's buy-back rather than a buyer's return" }) buyBack: boolean;
  @ApiProperty({ enum: ['requested', 'received', 'settled'], description: 'requested: the parcel is on its way; received: its refund is with the provider; settled: done' })
  status: string;
  @ApiProperty({ type: ReturnLineView, isArray: true }) lines: ReturnLineView[];
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Asked within the withdrawal period: no restocking fee, shipping back on a full return' }) withinWithdrawal: boolean;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiPropertyOptional({ description: 'The refund of its units' }) refundId?: string;
}

export class RefundView {
  @ApiProperty() refundId: string;
  @ApiProperty({ enum: ['order', 'payment', 'return', 'buy-back'], description: 'The whole order, a payment that never paid it, a return, a buy-back' }) kind: string;
  @ApiProperty({ enum: ['requested', 'failed', 'confirmed'] }) status: string;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Outbound shipping paid back' }) shipping: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Restocking fee, or the share a buy-back keeps' }) fee: MoneyView;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiPropertyOptional() returnId?: string;
  @ApiPropertyOptional() failure?: string;
  @ApiPropertyOptional({ format: 'date-time' }) nextRetryAt?: string;
}

export class OrderView extends OrderSummaryView {
  @ApiProperty({ type: ShippingAddressView }) shippingAddress: ShippingAddressView;
  @ApiProperty({ type: OrderTransitionView, isArray: true, description: 'Every transition, oldest first' }) history: OrderTransitionView[];
  @ApiProperty({ type: ReturnView, isArray: true, description: 'Returns and buy-backs, oldest first' }) returns: ReturnView[];
  @ApiProperty({ type: RefundView, isArray: true, description: 'Refunds through the payment provider, oldest first' }) refunds: RefundView[];
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
    returns: (s.returns ?? []).map((r) => ({
      returnId: r.returnId,
      buyBack: r.buyBack,
      status: r.status,
      lines: r.lines.map((l) => {
        const got = r.received?.find((x) => x.lineId === l.lineId);
        return { ...l, ...(got ? { received: got.quantity, resellable: got.resellable, refunded: got.refunded } : {}) };
      }),
      reason: r.reason,
      withinWithdrawal: r.withinWithdrawal,
      requestedAt: r.requestedAt.toISOString(),
      ...(r.refundId ? { refundId: r.refundId } : {}),
    })),
    refunds: (s.refunds ?? []).map((r) => ({
      refundId: r.refundId,
      kind: r.kind,
      status: r.status,
      amount: m(r.amount, r.currency ?? s.currency),
      shipping: m(r.shipping, s.currency),
      fee: m(r.fee, s.currency),
      attempts: r.attempts,
      ...(r.returnId ? { returnId: r.returnId } : {}),
      ...(r.failure ? { failure: r.failure } : {}),
      ...(r.status === 'failed' && r.nextRetryAt ? { nextRetryAt: r.nextRetryAt.toISOString() } : {}),
    })),
  };
}

export function toSoldOrderView(s: OrderState): SoldOrderView {
  return { orderId: s._id, status: s.status, buyerKind: s.buyerKind, market: s.market, lines: lines(s), totals: totals(s), totalBv: s.totalBv, placedAt: s.placedAt.toISOString() };
}
