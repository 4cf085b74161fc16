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
} from '@netdirect/contracts';
import { derivedId, DomainError, DomainEvent, domainEvent } from '@netdirect/runtime';
import { computeRefund, RefundComputation, RefundLineAmount } from '../refunds/refund-arithmetic';
import { PricedLine, PricedOrder } from './pricing';

/*
 * The order (`orders`, `_id` = orderId): a persisted state machine. Every
 * method checks where the order stands and returns the change (guarded by
 * `seq`, so a concurrent change makes it miss rather than overwrite), `null`
 * when the cause is a duplicate, late or early message that must change
 * nothing, or a DomainError for a request the rules refuse. Plain code: no
 * NestJS, no database.
 *
 *   placed ─StockReserved→ confirmed ─payment→ paid ─dispatch→ shipped ─delivery→ delivered ─window ends→ completed
 *     └─StockReservationRejected→ rejected
 *   placed | confirmed | paid ─buyer/ops, payment timeout, reservation lapsed, commit failed→ cancelled
 */

export const ORDER_STATUSES = ['placed', 'confirmed', 'rejected', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'] as const;
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
 * is asked), failed (visible; ops retry it) or confirmed by the provider's
 * webhook. `order`: the paid order's money in full, confirmed as
 * OrderRefunded; `payment`: a payment that never paid the order (it came
 * for a rejected or cancelled one), confirmed without an event.
 */
export interface OrderRefund {
  refundId: string;
  kind: 'order' | 'payment';
  providerId: string;
  paymentId: string;
  amount: number;
  lines: RefundLineAmount[];
  shipping: number;
  fee: number;
  status: 'requested' | 'failed' | 'confirmed';
  attempts: number;
  requestedAt: Date;
  failure?: string;
  confirmedAt?: Date;
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

  /** StockReleased because the reservation lapsed: an unpaid order cannot be served any more. */
  reservationLapsed(at: Date): OrderChange | null {
    if (this.status !== 'confirmed' && this.status !== 'placed') return null;
    return this.cancelled('reservation-expired', 'system', 'StockReleased', at);
  }

  /** StockCommitFailed: the payment arrived after the reservation lapsed and stock ran short; cancel and owe the payment back. */
  commitFailed(at: Date): OrderChange | null {
    if (this.status !== 'paid') return null;
    return this.cancelled('stock-unavailable', 'system', 'StockCommitFailed', at);
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
    if (this.status !== 'delivered' || !this.state.returnWindowEndsAt) return null;
    if (this.state.returnWindowEndsAt.getTime() > now.getTime() || (this.state.openReturns ?? 0) > 0) return null;
    return this.move('completed', 'return-window-ended', now, {}, [
      domainEvent(OrderCompleted, { orderId: this.id, completedAt: iso(now) }, now),
    ]);
  }

  private cancelled(reason: CancellationReason, by: string, cause: string, at: Date): OrderChange {
    const wasPaid = this.status === 'paid';
    const set: Partial<OrderState> = { cancellationReason: reason };
    if (wasPaid && this.state.payment) Object.assign(set, this.refundOf('order', this.state.payment, at));
    return this.move('cancelled', cause, at, set, [
      domainEvent(OrderCancelled, { orderId: this.id, reason, by, wasPaid, cancelledAt: iso(at) }, at),
    ], by);
  }

  /** The provider confirmed a refund: it is done; a refund of the order is announced (OrderRefunded, commission claws back). */
  refundConfirmed(refundId: string, at: Date): OrderChange | null | DomainError {
    const refund = this.state.refunds?.find((r) => r.refundId === refundId);
    if (!refund) return DomainError.notFound(`order ${this.id} has no refund ${refundId}`);
    if (refund.status === 'confirmed') return null;
    const c = this.state.currency;
    const events =
      refund.kind === 'order'
        ? [
            domainEvent(
              OrderRefunded,
              {
                orderId: this.id,
                refundId,
                returnId: null,
                amount: money(refund.amount, c),
                lines: refund.lines.map((l) => ({ ...l, amount: money(l.amount, c) })),
                refundedBv: refund.lines.reduce((sum, l) => sum + l.bv, 0),
                fullyRefunded: true,
                shippingRefunded: money(refund.shipping, c),
                restockingFee: money(refund.fee, c),
                refundedAt: iso(at),
              },
              at,
            ),
          ]
        : [];
    return this.change(
      { refunds: this.withRefund(refundId, { status: 'confirmed', confirmedAt: at }), refundDue: (this.state.refundDue ?? 0) - refund.amount },
      [],
      undefined,
      events,
      at,
    );
  }

  /** The provider could not refund: visible as failed until ops retry it. */
  refundFailed(refundId: string, reason: string, at: Date): OrderChange | null | DomainError {
    const refund = this.state.refunds?.find((r) => r.refundId === refundId);
    if (!refund) return DomainError.notFound(`order ${this.id} has no refund ${refundId}`);
    if (refund.status !== 'requested') return null;
    return this.change({ refunds: this.withRefund(refundId, { status: 'failed', failure: reason }) }, [], undefined, [], at);
  }

  /** Ask the provider again for a refund it failed. */
  retryRefund(refundId: string, at: Date): OrderChange | DomainError {
    const refund = this.state.refunds?.find((r) => r.refundId === refundId);
    if (!refund) return DomainError.notFound(`order ${this.id} has no refund ${refundId}`);
    if (refund.status !== 'failed') return DomainError.rule('status', `the refund is ${refund.status}, not failed`);
    return this.change({ refunds: this.withRefund(refundId, { status: 'requested', attempts: refund.attempts + 1, requestedAt: at }) }, [], undefined, [], at);
  }

  private withRefund(refundId: string, patch: Partial<OrderRefund>): OrderRefund[] {
    return (this.state.refunds ?? []).map((r) => (r.refundId === refundId ? { ...r, ...patch } : r));
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
