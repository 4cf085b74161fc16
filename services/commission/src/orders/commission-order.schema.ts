import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PriceKind } from '@netdirect/contracts';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';

/** One order line as commission needs it (from OrderPlaced). */
export interface CommissionOrderLine {
  lineId: string;
  quantity: number;
  priceKind: PriceKind;
  bvPerUnit: number;
  unitPriceMinor: number;
  /** The member price at placing; the unit price when an older message had none (no margin). */
  memberUnitPriceMinor: number;
}

/** A refund as booked: the commission period it was booked in decides which close counts it. */
export interface BookedRefund {
  refundId: string;
  returnId: string | null;
  refundedAt: string;
  /** The open period of the order's market when the refund was booked. */
  periodId: string;
  lines: { lineId: string; quantity: number; bv: number }[];
}

/** What the first accrual of the payment snapshotted; every later step (close, clawback) uses it. */
export interface AccrualSnapshot {
  /** The seller, or the buyer when an operator buys for itself; null when no one earns on the order. */
  anchorId: string | null;
  /** The anchor's upline at accrual, nearest first; never re-routed. */
  upline: string[];
  accruedAt: string;
}

/**
 * The commission service's copy of one order (`commission_orders`, `_id` =
 * orderId) from `orders.orders.v1`: lines with their price and BV snapshots,
 * when it was paid (and so its period), the accrual snapshot, the refunds and
 * completion. The ledger events an order causes (CommissionAccrued,
 * CommissionClawedBack) are recorded on it, once per cause.
 */
export interface CommissionOrderState {
  _id: string;
  buyerId: string;
  buyerKind: 'consumer' | 'operator' | 'guest';
  sellerId: string | null;
  market: string;
  currency: string;
  lines: CommissionOrderLine[];
  placedAt: string;
  paidAt?: string;
  periodId?: string;
  accrual?: AccrualSnapshot;
  refunds: BookedRefund[];
  completedAt?: string;
  cancelledAt?: string;
  /** The causes (`paid`, a refund id) whose ledger events were recorded on this document, once each. */
  announced?: string[];
}

@Schema({ collection: 'commission_orders', versionKey: false })
export class CommissionOrderRecord implements CommissionOrderState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) buyerId: string;
  @Prop({ type: String, required: true }) buyerKind: 'consumer' | 'operator' | 'guest';
  @Prop({ type: String, default: null }) sellerId: string | null;
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) lines: CommissionOrderLine[];
  @Prop({ type: String, required: true }) placedAt: string;
  @Prop({ type: String }) paidAt?: string;
  @Prop({ type: String }) periodId?: string;
  @Prop({ type: MongooseSchema.Types.Mixed }) accrual?: AccrualSnapshot;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) refunds: BookedRefund[];
  @Prop({ type: String }) completedAt?: string;
  @Prop({ type: String }) cancelledAt?: string;
  @Prop({ type: [String] }) announced?: string[];
}

export const COMMISSION_ORDER_MODEL = 'CommissionOrder';
export type CommissionOrderDocument = CommissionOrderState & OutboxFields;
/** Carries the ledger events of its accrual and clawbacks (one outbox write per cause, not one per line). */
export const CommissionOrderSchema = SchemaFactory.createForClass(CommissionOrderRecord).plugin(outboxPlugin);
CommissionOrderSchema.index({ periodId: 1 });

/** Units of an order line not refunded by the refunds that count (all, or those booked in one period). */
export function netQuantity(order: CommissionOrderState, lineId: string, countRefund: (r: BookedRefund) => boolean = () => true): number {
  const line = order.lines.find((l) => l.lineId === lineId);
  if (!line) return 0;
  let refunded = 0;
  for (const r of order.refunds) if (countRefund(r)) for (const l of r.lines) if (l.lineId === lineId) refunded += l.quantity;
  return Math.max(0, line.quantity - refunded);
}
