import {
  ORDER_CANCELLATION_REASONS,
  ORDER_REJECTION_REASONS,
  OrderCancelled,
  OrderCompleted,
  OrderConfirmed,
  OrderDelivered,
  OrderPaid,
  OrderPlaced,
  OrderRefunded,
  OrderRejected,
  PostalAddress,
  ReturnRequested,
} from '@netdirect/contracts';
import { derivedId, DomainError, DomainEvent, domainEvent } from '@netdirect/runtime';
import type { MarketRules } from '../markets/market-rules';
import { computeRefund, RefundComputation, RefundLineAmount } from '../refunds/refund-arithmetic';
import { allocateReceived, OrderReturn, refundableLines, unitsRefunded, unitsTaken } from './order-returns';
import { PricedLine, PricedOrder } from './pricing';

/*
 * The order (`orders`, `_id` = orderId): a persisted state machine. Every
 * method checks where the order stands and returns the change (guarded by
 * `seq`, so a concurrent change makes it miss rather than overwrite), `null`
 * when the cause is a duplicate, late or early message that must change
 * nothing, or a DomainError for a request the rules refuse. Plain code: no
 * NestJS, no database.
 *
 *   placed ─StockReserved→ confirmed ─payment→ paid ─dispatch→ shipped ─delivery→ delivered ─window ends, no open return→ completed
 *     └─StockReservationRejected→ rejected
 *   placed | confirmed | paid ─buyer/ops, payment timeout, reservation lapsed, commit failed→ cancelled
 *   paid | shipped ─ShipmentReturnedToSender (outbound)→ returned (refunded in full)
 *
 * Returns (delivered, within the return window) and buy-backs (an operator's
 * delivered or completed order, within the market's buy-back period) do not
 * change the status: each is an OrderReturn of its own, requested → received
 * (refund with the provider) → settled, and holds the completion while open.
 */

export const ORDER_STATUSES = ['placed', 'confirmed', 'rejected', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type BuyerKind = 'consumer' | 'operator' | 'guest';
export type CancellationReason = (typeof ORDER_CANCELLATION_REASONS)[number];
export type RejectionReason = (typeof ORDER_REJECTION_REASONS)[number];

/** One step of the order's life, as `GET /v1/orders/:id` shows it. */
export interface OrderTransition {
  at: Date;
  from: OrderStatus | null;
  to: OrderStatus;
  /** What moved it: `placed`, `StockReserved`, `payment-timeout`, `buyer-request`, … */
  cause: string;
  /** Who asked, for a request (member, ops user, `system`). */
  by?: string;
}

/** A payment the provider reported for the order. */
export interface OrderPayment {
  paymentId: string;
  provider: string;
  amount: number;
  currency: string;
  receivedAt: Date;
  /** True once it paid the order; false while the order waits for its confirmation, or if it must go back. */
  applied: boolean;
}

/**
 * Money owed back through the payment's provider: requested (the provider
 * is asked), failed (visible; retried on a backoff timer, then by ops) or
 * confirmed by the provider's webhook. `order`: the paid order's money in
 * full; `return` / `buy-back`: the units of a received return; these three
 * are confirmed as OrderRefunded. `payment`: a payment that never paid the
 * order (it came for a rejected or cancelled one, or was held and ops sent
 * it back), confirmed without an event.
 */
export interface OrderRefund {
  refundId: string;
  kind: 'order' | 'payment' | 'return' | 'buy-back';
  providerId: string;
  paymentId: string;
  amount: number;
  /** The payment's currency when it is not the order's (a held payment sent back). */
  currency?: string;
  lines: RefundLineAmount[];
  shipping: number;
  fee: number;
  /** With this refund every unit of the order is refunded. */
  fullyRefunded?: boolean;
  returnId?: string;
  status: 'requested' | 'failed' | 'confirmed';
  attempts: number;
  requestedAt: Date;
  failure?: string;
  failedAt?: Date;
  /** When the refund is asked again automatically; absent once the attempts are used up (ops retry). */
  nextRetryAt?: Date;
  confirmedAt?: Date;
}

/** How a refund the provider failed is asked again: after backoff × 2^(attempt−1), up to maxAttempts in all. */
export interface RefundRetryPolicy {
  maxAttempts: number;
  backoffMs: number;
}

/** A return or buy-back as asked for: units per line, and why. */
export interface RequestReturn {
  returnId: string;
  lines: { lineId: string; quantity: number }[];
  reason: string;
  by: string;
  buyBack: boolean;
}

/** A payment ops decided to send back (held for a wrong amount or currency). */
export interface HeldPaymentRefund {
  paymentId: string;
  provider: string;
  amount: number;
  currency: string;
}

export interface OrderState {
  _id: string;
  buyerId: string;
  buyerKind: BuyerKind;
  referringOperatorId: string | null;
  market: string;
  currency: string;
  lines: PricedLine[];
  subtotal: number;
  shipping: number;
  taxIncluded: number;
  total: number;
  totalBv: number;
  shippingAddress: PostalAddress;
  status: OrderStatus;
  reservationId?: string;
  payBy?: Date;
  payment?: OrderPayment;
  /** Minor units owed back to the buyer and not yet confirmed refunded (Σ of the open refunds). */
  refundDue?: number;
  refunds?: OrderRefund[];
  cancellationReason?: CancellationReason;
  rejectionReason?: RejectionReason;
  rejectionDetail?: string;
  shipmentId?: string;
  deliveredAt?: Date;
  returnWindowEndsAt?: Date;
  /** Returns requested and not yet settled; an order with one cannot complete. */
  openReturns?: number;
  returns?: OrderReturn[];
  /**
   * This order's number among its buyer's orders (1, 2, …; a counter per
   * buyer) and `buyerId|number` as a unique key: a page of a buyer's list is
   * one `$in` of keys on a unique index. The embedded store answers equality
   * and `$in` on a unique key from the index, and scans for anything else,
   * ranges included.
   */
  buyerSeq: number;
  buyerKey: string;
  /** The same among the orders its seller sold; absent without a seller. */
  sellerSeq?: number;
  sellerKey?: string;
  history: OrderTransition[];
  seq: number;
  placedAt: Date;
  updatedAt: Date;
}

export interface OrderChange {
  orderId: string;
  guard: Record<string, unknown>;
  set: Partial<OrderState>;
  unset: string[];
  /** Pushed onto the history. */
  transition?: OrderTransition;
  events: DomainEvent[];
}

export interface PlaceOrder {
  orderId: string;
  buyerId: string;
  buyerKind: BuyerKind;
  referringOperatorId: string | null;
  market: string;
  currency: string;
  priced: PricedOrder;
  shippingAddress: PostalAddress;
  buyerSeq: number;
  sellerSeq?: number;
}

const iso = (d: Date) => d.toISOString();
const openCount = (returns: OrderReturn[]) => returns.filter((r) => r.status !== 'settled').length;
const money = (amount: number, currency: string) => ({ amount, currency });
/** The unique list key of a member's `seq`-th order (as buyer or as seller). */
export function listKey(memberId: string, seq: number): string {
  return `${memberId}|${String(seq).padStart(10, '0')}`;
}

/** StockReservationRejected reasons as the order states them. */
export function rejectionReasonFor(stockReason: string): RejectionReason {
  return stockReason === 'insufficient-stock' ? 'out-of-stock' : 'sku-not-sellable';
}

export class Order {
  private constructor(readonly state: OrderState) {}

  static from(state: OrderState): Order {
    return new Order(state);
  }

  /** A new order, placed, with its OrderPlaced (the price and BV snapshot every later step uses). */
  static place(p: PlaceOrder, at: Date): { state: OrderState; events: DomainEvent[] } {
    const { priced, currency } = p;
    const state: OrderState = {
      _id: p.orderId,
      buyerId: p.buyerId,
      buyerKind: p.buyerKind,
      referringOperatorId: p.referringOperatorId,
      market: p.market,
      currency,
      lines: priced.lines,
      subtotal: priced.subtotal,
      shipping: priced.shipping,
      taxIncluded: priced.taxIncluded,
      total: priced.total,
      totalBv: priced.totalBv,
      shippingAddress: p.shippingAddress,
      status: 'placed',
      buyerSeq: p.buyerSeq,
      buyerKey: listKey(p.buyerId, p.buyerSeq),
      ...(p.referringOperatorId && p.sellerSeq ? { sellerSeq: p.sellerSeq, sellerKey: listKey(p.referringOperatorId, p.sellerSeq) } : {}),
      history: [{ at, from: null, to: 'placed', cause: 'placed', by: p.buyerId }],
      seq: 1,
      placedAt: at,
      updatedAt: at,
    };
    const placed = domainEvent(
      OrderPlaced,
      {
        orderId: p.orderId,
        buyerId: p.buyerId,
        buyerKind: p.buyerKind,
        referringOperatorId: p.referringOperatorId,
        market: p.market,
        currency,
        lines: priced.lines.map((l) => ({
          lineId: l.lineId,
          skuId: l.skuId,
          productId: l.productId,
          quantity: l.quantity,
          unitPrice: money(l.unitPrice, currency),
          priceKind: l.priceKind,
          bvPerUnit: l.bvPerUnit,
          lineTotal: money(l.lineTotal, currency),
          memberUnitPrice: money(l.memberUnitPrice, currency),
          productName: l.productName,
          skuName: l.skuName,
        })),
        totals: {
          subtotal: money(priced.subtotal, currency),
          shipping: money(priced.shipping, currency),
          taxIncluded: money(priced.taxIncluded, currency),
          total: money(priced.total, currency),
        },
        totalBv: priced.totalBv,
        shippingAddress: p.shippingAddress,
        placedAt: iso(at),
      },
      at,
    );
    return { state, events: [placed] };
  }

  get id(): string {
    return this.state._id;
  }
  get status(): OrderStatus {
    return this.state.status;
  }

  /**
   * StockReserved: placed → confirmed, payable until the reservation's
   * `expiresAt` or `paymentWindowMs` from now, whichever is earlier. A payment
   * that arrived while the order was placed is applied at once (→ paid).
   * Anything but a placed order: a duplicate or late event, nothing to do.
   */
  confirm(reservationId: string, expiresAt: Date, at: Date, paymentWindowMs: number): OrderChange | null {
    if (this.status !== 'placed') return null;
    const payBy = new Date(Math.min(expiresAt.getTime(), at.getTime() + paymentWindowMs));
    const confirmed = domainEvent(OrderConfirmed, { orderId: this.id, reservationId, payBy: iso(payBy), confirmedAt: iso(at) }, at);
    const payment = this.state.payment;
    if (payment && !payment.applied) {
      return this.move('paid', 'StockReserved', at, { reservationId, payBy, payment: { ...payment, applied: true } }, [
        confirmed,
        this.paidEvent(payment, at),
      ]);
    }
    return this.move('confirmed', 'StockReserved', at, { reservationId, payBy }, [confirmed]);
  }

  /** StockReservationRejected: placed → rejected; a payment that came meanwhile is owed back. */
  reject(reason: RejectionReason, detail: string | undefined, at: Date): OrderChange | null {
    if (this.status !== 'placed') return null;
    const set: Partial<OrderState> = { rejectionReason: reason, ...(detail ? { rejectionDetail: detail } : {}) };
    if (this.state.payment) Object.assign(set, this.refundOf('payment', this.state.payment, at));
    return this.move('rejected', 'StockReservationRejected', at, set, [
      domainEvent(OrderRejected, { orderId: this.id, reason, detail: detail ?? null, rejectedAt: iso(at) }, at),
    ]);
  }

  /**
   * Cancellation by the buyer or ops, before shipment. A paid order is
   * cancelled with its total owed back (the refund follows through the provider).
   */
  cancel(reason: CancellationReason, by: string, at: Date): OrderChange | DomainError {
    if (!['placed', 'confirmed', 'paid'].includes(this.status))
      return DomainError.rule('status', `an order that is ${this.status} cannot be cancelled`);
    return this.cancelled(reason, by, reason, at);
  }

  /** The payment deadline passed (a durable timer): an unpaid confirmed order is cancelled; anything else stays. */
  expirePayment(now: Date): OrderChange | null {
    if (this.status !== 'confirmed' || !this.state.payBy || this.state.payBy.getTime() > now.getTime()) return null;
    return this.cancelled('payment-timeout', 'system', 'payment-timeout', now);
  }

  /**
   * StockReleased because the reservation lapsed: an unpaid order cannot be
   * served any more. Only about the reservation that confirmed the order
   * (any, before one did): news of another reservation is not this order's.
   */
  reservationLapsed(reservationId: string, at: Date): OrderChange | null {
    if (this.status !== 'confirmed' && this.status !== 'placed') return null;
    if (!this.holds(reservationId)) return null;
    return this.cancelled('reservation-expired', 'system', 'StockReleased', at);
  }

  /** StockCommitFailed of the order's reservation: the payment arrived after the reservation lapsed and stock ran short; cancel and owe the payment back. */
  commitFailed(reservationId: string, at: Date): OrderChange | null {
    if (this.status !== 'paid' || !this.holds(reservationId)) return null;
    return this.cancelled('stock-unavailable', 'system', 'StockCommitFailed', at);
  }

  private holds(reservationId: string): boolean {
    return !this.state.reservationId || this.state.reservationId === reservationId;
  }

  /**
   * A verified payment of the full amount (a mismatch is held for review
   * and gets here only with `amountAccepted`, when ops applied it). Confirmed → paid; placed → kept until confirmation;
   * rejected or cancelled → owed back. The same payment again: nothing.
   */
  pay(payment: Omit<OrderPayment, 'applied'>, at: Date, amountAccepted = false): OrderChange | null | DomainError {
    const known = this.state.payment;
    if (known?.paymentId === payment.paymentId) return null;
    if (known) return DomainError.rule('paymentId', `order ${this.id} is already paid by ${known.paymentId}`);
    if (!amountAccepted && !this.isTotal(payment.amount, payment.currency))
      return DomainError.rule('amount', `the order total is ${this.state.total} ${this.state.currency}`);
    if (this.status === 'confirmed') {
      const applied = { ...payment, applied: true };
      return this.move('paid', 'payment', at, { payment: applied }, [this.paidEvent(applied, at)]);
    }
    if (this.status === 'placed') return this.change({ payment: { ...payment, applied: false } }, [], undefined, [], at);
    if (this.status === 'rejected' || this.status === 'cancelled')
      return this.change({ payment: { ...payment, applied: false }, ...this.refundOf('payment', { ...payment, applied: false }, at) }, [], undefined, [], at);
    return DomainError.rule('status', `an order that is ${this.status} takes no payment`);
  }

  /** True if a payment of this amount and currency pays the order exactly. */
  isTotal(amount: number, currency: string): boolean {
    return amount === this.state.total && currency === this.state.currency;
  }

  /**
   * ShipmentDispatched of the outbound shipment: paid → shipped. Logistics
   * events do not say which way a shipment goes; the order tells: only a paid
   * order waits for its outbound parcel, and a later shipment (a return) finds
   * it past that state.
   */
  ship(shipmentId: string, at: Date): OrderChange | null {
    if (this.status !== 'paid') return null;
    return this.move('shipped', 'ShipmentDispatched', at, { shipmentId }, []);
  }

  /**
   * ShipmentDelivered of the outbound shipment: shipped (or paid, if the
   * dispatch was never reported) → delivered, with the return window.
   */
  deliver(shipmentId: string, at: Date, returnWindowMs: number): OrderChange | null {
    if (this.status !== 'shipped' && this.status !== 'paid') return null;
    // Another shipment of the order (a return parcel) is not the outbound one.
    if (this.state.shipmentId && this.state.shipmentId !== shipmentId) return null;
    const returnWindowEndsAt = new Date(at.getTime() + returnWindowMs);
    return this.move('delivered', 'ShipmentDelivered', at, { shipmentId, deliveredAt: at, returnWindowEndsAt }, [
      domainEvent(OrderDelivered, { orderId: this.id, shipmentId, deliveredAt: iso(at), returnWindowEndsAt: iso(returnWindowEndsAt) }, at),
    ]);
  }

  /** The return window ended (a durable timer): delivered with no open return → completed. */
  complete(now: Date): OrderChange | null {
    if ((this.state.openReturns ?? 0) > 0 || !this.completesAt(now, this.state.returns ?? [])) return null;
    return this.move('completed', 'return-window-ended', now, {}, [this.completedEvent(now)]);
  }

  /**
   * ShipmentReturnedToSender of the outbound parcel: it failed for good and
   * is back at the warehouse, so the buyer gets everything back (lines and
   * shipping) through the provider. A paid order whose dispatch was never
   * reported is returned too; another shipment of the order is not the outbound one.
   */
  returnedToSender(shipmentId: string, at: Date): OrderChange | null {
    if (this.status !== 'paid' && this.status !== 'shipped') return null;
    if (this.state.shipmentId && this.state.shipmentId !== shipmentId) return null;
    if (!this.state.payment) return null;
    return this.move('returned', 'ShipmentReturnedToSender', at, { shipmentId, ...this.refundOf('order', this.state.payment, at) }, [], 'system');
  }

  /**
   * The buyer asks to return units (delivered, within the return window), or
   * an operator to sell back units it bought (delivered or completed, within
   * the market's buy-back period). ReturnRequested tells logistics to collect
   * the parcel. The same return id again (a retried request): nothing.
   */
  requestReturn(r: RequestReturn, rules: MarketRules, now: Date): OrderChange | null | DomainError {
    const returns = this.state.returns ?? [];
    if (returns.some((x) => x.returnId === r.returnId)) return null;
    const refused = r.buyBack ? this.buyBackRefusal(rules, now) : this.returnRefusal(now);
    if (refused) return refused;
    const taken = unitsTaken(this.state.refunds ?? [], returns);
    const lines = this.state.lines.map((l) => ({ ...l, refundedQuantity: taken.get(l.lineId) ?? 0 }));
    const checked = computeRefund(refundableLines(lines, new Map(lines.map((l) => [l.lineId, l.refundedQuantity]))), r.lines, {
      shipping: 0,
      shippingRefunded: true,
      withinWithdrawal: true,
      restockingFeeBps: 0,
    });
    if (Array.isArray(checked))
      return DomainError.rules(checked.map((e) => ({ field: e.slice(0, e.indexOf(':')), reason: e.slice(e.indexOf(':') + 2) })));
    const deliveredAt = this.state.deliveredAt;
    const ret: OrderReturn = {
      returnId: r.returnId,
      buyBack: r.buyBack,
      lines: checked.lines.map((l) => ({ lineId: l.lineId, skuId: l.skuId, quantity: l.quantity })),
      reason: r.reason,
      by: r.by,
      requestedAt: now,
      withinWithdrawal: !r.buyBack && !!deliveredAt && now.getTime() <= deliveredAt.getTime() + rules.withdrawalMs,
      status: 'requested',
    };
    const all = [...returns, ret];
    return this.change({ returns: all, openReturns: openCount(all) }, [], undefined, [
      domainEvent(
        ReturnRequested,
        { orderId: this.id, returnId: ret.returnId, lines: ret.lines, reason: ret.reason, requestedAt: iso(now), ...(r.buyBack ? { buyBack: true } : {}) },
        now,
      ),
    ], now);
  }

  /**
   * ReturnShipmentReceived: the parcel of a return arrived and was inspected.
   * Its units are refunded under the market's rules (see refund-arithmetic):
   * a return within the withdrawal period in full, and with the outbound
   * shipping when nothing of the order is kept; outside it less the
   * restocking fee; a buy-back its resellable units at the buy-back share.
   * The refund goes to the provider; nothing to refund settles the return at
   * once. The same parcel again: nothing.
   */
  returnReceived(returnId: string, parcel: { skuId: string; quantity: number; resellable: boolean }[], rules: MarketRules, at: Date): OrderChange | null | DomainError {
    const returns = this.state.returns ?? [];
    const ret = returns.find((x) => x.returnId === returnId);
    if (!ret) return DomainError.rule('returnId', `order ${this.id} has no return ${returnId}`);
    if (ret.status !== 'requested') return null;
    const received = allocateReceived(ret, parcel);
    const request = received.filter((l) => l.refunded > 0).map((l) => ({ lineId: l.lineId, quantity: l.refunded }));
    const refunds = this.state.refunds ?? [];
    const payment = this.state.payment;
    if (request.length === 0 || !payment) {
      const settled = returns.map((x) => (x.returnId === returnId ? { ...x, status: 'settled' as const, receivedAt: at, received, settledAt: at } : x));
      return this.settledChange({ returns: settled, openReturns: openCount(settled) }, settled, [], 'return-settled', at);
    }
    const r = computeRefund(refundableLines(this.state.lines, unitsRefunded(refunds)), request, {
      shipping: this.state.shipping,
      shippingRefunded: refunds.some((x) => x.shipping > 0),
      withinWithdrawal: ret.withinWithdrawal,
      restockingFeeBps: rules.restockingFeeBps,
      ...(ret.buyBack ? { buyBackBps: rules.buyBackBps } : {}),
    });
    if (Array.isArray(r)) return DomainError.rule('lines', r.join('; '));
    const refundId = derivedId('refund', this.id, String(refunds.length + 1));
    const refund: OrderRefund = {
      refundId,
      kind: ret.buyBack ? 'buy-back' : 'return',
      returnId,
      providerId: payment.provider,
      paymentId: payment.paymentId,
      amount: r.amount,
      lines: r.lines,
      shipping: r.shipping,
      fee: r.fee,
      fullyRefunded: r.fullyRefunded,
      status: 'requested',
      attempts: 1,
      requestedAt: at,
    };
    const updated = returns.map((x) => (x.returnId === returnId ? { ...x, status: 'received' as const, receivedAt: at, received, refundId } : x));
    return this.change(
      { returns: updated, refunds: [...refunds, refund], refundDue: (this.state.refundDue ?? 0) + refund.amount },
      [],
      undefined,
      [],
      at,
    );
  }

  private returnRefusal(now: Date): DomainError | null {
    if (this.status !== 'delivered' || !this.state.returnWindowEndsAt)
      return DomainError.rule('status', `an order that is ${this.status} cannot be returned (only a delivered one, within its return window)`);
    if (now.getTime() >= this.state.returnWindowEndsAt.getTime()) return DomainError.rule('status', `the return window ended at ${iso(this.state.returnWindowEndsAt)}`);
    return null;
  }

  private buyBackRefusal(rules: MarketRules, now: Date): DomainError | null {
    if (this.state.buyerKind !== 'operator') return DomainError.rule('buyer', 'only an operator sells back stock it bought');
    if (this.status !== 'delivered' && this.status !== 'completed')
      return DomainError.rule('status', `an order that is ${this.status} cannot be sold back (only a delivered or completed one)`);
    const boughtAt = this.state.payment?.receivedAt ?? this.state.placedAt;
    if (now.getTime() > boughtAt.getTime() + rules.buyBackPeriodMs)
      return DomainError.rule('status', `bought ${iso(boughtAt)}: buy-back is open for ${Math.round(rules.buyBackPeriodMs / 86_400_000)} days after purchase`);
    return null;
  }

  /** True if the order completes now: delivered, its return window over, no return open. */
  private completesAt(now: Date, returns: OrderReturn[]): boolean {
    if (this.status !== 'delivered' || !this.state.returnWindowEndsAt) return false;
    return this.state.returnWindowEndsAt.getTime() <= now.getTime() && openCount(returns) === 0;
  }

  private completedEvent(now: Date): DomainEvent {
    return domainEvent(OrderCompleted, { orderId: this.id, completedAt: iso(now) }, now);
  }

  /** A change that settles a return: and completes the order if its window is over and nothing else is open (the window's timer found it open). */
  private settledChange(set: Partial<OrderState>, returns: OrderReturn[], events: DomainEvent[], cause: string, at: Date): OrderChange {
    if (this.completesAt(at, returns)) return this.move('completed', cause, at, set, [...events, this.completedEvent(at)]);
    return this.change(set, [], undefined, events, at);
  }

  private cancelled(reason: CancellationReason, by: string, cause: string, at: Date): OrderChange {
    const wasPaid = this.status === 'paid';
    const set: Partial<OrderState> = { cancellationReason: reason };
    if (wasPaid && this.state.payment) Object.assign(set, this.refundOf('order', this.state.payment, at));
    return this.move('cancelled', cause, at, set, [
      domainEvent(OrderCancelled, { orderId: this.id, reason, by, wasPaid, cancelledAt: iso(at) }, at),
    ], by);
  }

  /**
   * The provider confirmed a refund: it is done. A refund of the order's
   * money (the whole order, a return, a buy-back) is announced as
   * OrderRefunded (commission claws back) and settles its return; a settled
   * last return after the window's end completes the order.
   */
  refundConfirmed(refundId: string, at: Date): OrderChange | null | DomainError {
    const refund = this.state.refunds?.find((r) => r.refundId === refundId);
    if (!refund) return DomainError.notFound(`order ${this.id} has no refund ${refundId}`);
    if (refund.status === 'confirmed') return null;
    const c = this.state.currency;
    const events =
      refund.kind === 'payment'
        ? []
        : [
            domainEvent(
              OrderRefunded,
              {
                orderId: this.id,
                refundId,
                returnId: refund.returnId ?? null,
                amount: money(refund.amount, c),
                lines: refund.lines.map((l) => ({ ...l, amount: money(l.amount, c) })),
                refundedBv: refund.lines.reduce((sum, l) => sum + l.bv, 0),
                fullyRefunded: refund.fullyRefunded ?? true,
                shippingRefunded: money(refund.shipping, c),
                restockingFee: money(refund.fee, c),
                ...(refund.kind === 'buy-back' ? { buyBack: true } : {}),
                refundedAt: iso(at),
              },
              at,
            ),
          ];
    const set: Partial<OrderState> = {
      refunds: this.withRefund(refundId, { status: 'confirmed', confirmedAt: at }),
      refundDue: (this.state.refundDue ?? 0) - refund.amount,
    };
    if (!refund.returnId) return this.change(set, [], undefined, events, at);
    const returns = (this.state.returns ?? []).map((x) => (x.returnId === refund.returnId ? { ...x, status: 'settled' as const, settledAt: at } : x));
    return this.settledChange({ ...set, returns, openReturns: openCount(returns) }, returns, events, 'return-settled', at);
  }

  /** The provider could not refund: visible as failed, asked again after a backoff until the attempts are used up, then by ops. */
  refundFailed(refundId: string, reason: string, at: Date, policy?: RefundRetryPolicy): OrderChange | null | DomainError {
    const refund = this.state.refunds?.find((r) => r.refundId === refundId);
    if (!refund) return DomainError.notFound(`order ${this.id} has no refund ${refundId}`);
    if (refund.status !== 'requested') return null;
    const retry = policy && refund.attempts < policy.maxAttempts ? new Date(at.getTime() + policy.backoffMs * 2 ** (refund.attempts - 1)) : undefined;
    const patch: Partial<OrderRefund> = { status: 'failed', failure: reason, failedAt: at, nextRetryAt: retry };
    return this.change({ refunds: this.withRefund(refundId, patch) }, [], undefined, [], at);
  }

  /** Ask the provider again for a refund it failed (ops). */
  retryRefund(refundId: string, at: Date): OrderChange | DomainError {
    const refund = this.state.refunds?.find((r) => r.refundId === refundId);
    if (!refund) return DomainError.notFound(`order ${this.id} has no refund ${refundId}`);
    if (refund.status !== 'failed') return DomainError.rule('status', `the refund is ${refund.status}, not failed`);
    return this.change({ refunds: this.withRefund(refundId, { status: 'requested', attempts: refund.attempts + 1, requestedAt: at, nextRetryAt: undefined }) }, [], undefined, [], at);
  }

  /** The retry timer of a failed refund's `attempt` fired: ask again, unless the refund moved on since (ops retried it, or it was confirmed). */
  autoRetryRefund(refundId: string, attempt: number, now: Date): OrderChange | null {
    const refund = this.state.refunds?.find((r) => r.refundId === refundId);
    if (!refund || refund.status !== 'failed' || refund.attempts !== attempt || !refund.nextRetryAt) return null;
    if (refund.nextRetryAt.getTime() > now.getTime()) return null;
    const change = this.retryRefund(refundId, now);
    return change instanceof DomainError ? null : change;
  }

  /**
   * Ops send back a payment held for a wrong amount or currency instead of
   * applying it: a refund of that payment (no OrderRefunded; it never paid
   * the order). Once per payment.
   */
  refundHeldPayment(p: HeldPaymentRefund, at: Date): OrderChange | null | DomainError {
    if (this.state.payment?.paymentId === p.paymentId && this.state.payment.applied)
      return DomainError.rule('paymentId', `payment ${p.paymentId} paid the order; cancel the order to refund it`);
    if (this.state.refunds?.some((r) => r.kind === 'payment' && r.paymentId === p.paymentId)) return null;
    const refunds = this.state.refunds ?? [];
    const refund: OrderRefund = {
      refundId: derivedId('refund', this.id, String(refunds.length + 1)),
      kind: 'payment',
      providerId: p.provider,
      paymentId: p.paymentId,
      amount: p.amount,
      ...(p.currency !== this.state.currency ? { currency: p.currency } : {}),
      lines: [],
      shipping: 0,
      fee: 0,
      status: 'requested',
      attempts: 1,
      requestedAt: at,
    };
    // refundDue counts the order's currency only; a foreign-currency payment is owed back beside it.
    const due = p.currency === this.state.currency ? p.amount : 0;
    return this.change({ refunds: [...refunds, refund], refundDue: (this.state.refundDue ?? 0) + due }, [], undefined, [], at);
  }
  private withRefund(refundId: string, patch: Partial<OrderRefund>): OrderRefund[] {
    const without = (r: OrderRefund) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as OrderRefund;
    return (this.state.refunds ?? []).map((r) => (r.refundId === refundId ? without({ ...r, ...patch }) : r));
  }

  /** A new refund request: of the whole order (every line and the shipping) or of a payment that never paid it. */
  private refundOf(kind: 'order' | 'payment', payment: OrderPayment, at: Date): Partial<OrderState> {
    const refunds = this.state.refunds ?? [];
    let whole: RefundComputation | null = null;
    if (kind === 'order') {
      const all = this.state.lines.map((l) => ({ ...l, refundedQuantity: 0 }));
      const r = computeRefund(all, all.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), {
        shipping: this.state.shipping,
        shippingRefunded: false,
        withinWithdrawal: true,
        restockingFeeBps: 0,
      });
      if (Array.isArray(r)) throw new Error(`refund of order ${this.id}: ${r.join('; ')}`);
      whole = r;
    }
    const refund: OrderRefund = {
      refundId: derivedId('refund', this.id, String(refunds.length + 1)),
      kind,
      providerId: payment.provider,
      paymentId: payment.paymentId,
      amount: whole ? whole.amount : payment.amount,
      lines: whole ? whole.lines : [],
      shipping: whole ? whole.shipping : 0,
      fee: whole ? whole.fee : 0,
      status: 'requested',
      attempts: 1,
      requestedAt: at,
    };
    return { refunds: [...refunds, refund], refundDue: (this.state.refundDue ?? 0) + refund.amount };
  }

  private paidEvent(payment: OrderPayment, at: Date): DomainEvent {
    return domainEvent(
      OrderPaid,
      {
        orderId: this.id,
        paymentId: payment.paymentId,
        paymentProvider: payment.provider,
        amount: money(payment.amount, payment.currency),
        paidAt: iso(at),
      },
      at,
    );
  }

  private move(to: OrderStatus, cause: string, at: Date, set: Partial<OrderState>, events: DomainEvent[], by?: string): OrderChange {
    const s = this.state;
    return this.change(
      { ...set, status: to },
      [],
      { at, from: s.status, to, cause, ...(by ? { by } : {}) },
      events,
      at,
    );
  }

  private change(set: Partial<OrderState>, unset: string[], transition: OrderTransition | undefined, events: DomainEvent[], at: Date): OrderChange {
    return {
      orderId: this.id,
      guard: { seq: this.state.seq },
      set: { ...set, seq: this.state.seq + 1, updatedAt: at },
      unset,
      ...(transition ? { transition } : {}),
      events,
    };
  }
}
