import { GoodsReceived, PurchaseOrderConfirmed, PurchaseOrderIssued, PurchaseOrderRejected } from '@netdirect/contracts';
import { Change, derivedId, DomainError, domainEvent, DomainEvent } from '@netdirect/runtime';
import { PlannedOrder } from '../runs/run-plan';

/*
 * A purchase order and its life: issued → confirmed by the supplier (maybe
 * for less) or rejected → received in one or more receipts → closed. Plain
 * code: no NestJS, no database. Amounts are minor units in `currency`.
 */

export const PURCHASE_ORDER_STATUSES = ['issued', 'confirmed', 'rejected', 'closed'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export interface OrderLine {
  skuId: string;
  quantity: number;
  unitCost: number;
  /** What the unit would have cost at the list's first tier: the saving of buying in bulk is the difference. */
  firstTierUnitCost: number;
  /** Null until the supplier confirms. */
  confirmedQuantity: number | null;
  receivedQuantity: number;
}

export interface ReceiptLine {
  skuId: string;
  quantity: number;
  landedUnitCost: number;
}

export interface Receipt {
  receiptId: string;
  lines: ReceiptLine[];
  receivedAt: Date;
}

/** What is stored of a purchase order (`purchase_orders`, `_id` = purchase order id). */
export interface PurchaseOrderState {
  _id: string;
  supplierId: string;
  runId: string | null;
  priceListId: string;
  currency: string;
  lines: OrderLine[];
  total: number;
  status: PurchaseOrderStatus;
  issuedAt: Date;
  expectedBy: Date;
  supplierReference: string | null;
  deliveryDate: Date | null;
  rejectionReason: string | null;
  receipts: Receipt[];
  /** Equal to `_id` while goods are still expected (issued or confirmed): a sparse unique marker, so "on order" is read from its index. */
  open?: string;
  seq: number;
}

const DAY = 24 * 60 * 60 * 1000;
const iso = (d: Date) => d.toISOString();
const money = (amount: number, currency: string) => ({ amount, currency });

/** The units still expected of a line: confirmed (or ordered, before confirmation) minus received, never below 0. */
export function outstanding(l: OrderLine): number {
  return Math.max(0, (l.confirmedQuantity ?? l.quantity) - l.receivedQuantity);
}

export class PurchaseOrder {
  /** The order a run planned, with PurchaseOrderIssued under an id derived from the order's (so a resumed run records the same event). */
  static issue(runId: string, order: PlannedOrder, currency: string, at: Date): { state: PurchaseOrderState; events: DomainEvent[] } {
    const expectedBy = new Date(at.getTime() + order.leadTimeDays * DAY);
    const state: PurchaseOrderState = {
      _id: order.purchaseOrderId,
      supplierId: order.supplierId,
      runId,
      priceListId: order.priceListId,
      currency,
      lines: order.lines.map((l) => ({
        skuId: l.skuId,
        quantity: l.quantity,
        unitCost: l.unitCost,
        firstTierUnitCost: l.firstTierUnitCost,
        confirmedQuantity: null,
        receivedQuantity: 0,
      })),
      total: order.total,
      status: 'issued',
      issuedAt: at,
      expectedBy,
      supplierReference: null,
      deliveryDate: null,
      rejectionReason: null,
      receipts: [],
      open: order.purchaseOrderId,
      seq: 0,
    };
    const data: PurchaseOrderIssued = {
      purchaseOrderId: state._id,
      supplierId: state.supplierId,
      procurementRunId: runId,
      priceListId: state.priceListId,
      currency,
      lines: state.lines.map((l) => ({
        skuId: l.skuId,
        quantity: l.quantity,
        unitCost: money(l.unitCost, currency),
        lineTotal: money(l.unitCost * l.quantity, currency),
      })),
      total: money(state.total, currency),
      expectedBy: iso(expectedBy),
      issuedAt: iso(at),
    };
    return { state, events: [domainEvent(PurchaseOrderIssued, data, at, derivedId('PurchaseOrderIssued', state._id))] };
  }

  /**
   * The supplier confirms with its reference and delivery date, for every
   * line in full or for the quantities it lists (a line it leaves out is
   * confirmed at 0). More than ordered is 422; the shortfall goes back into
   * demand (from the event).
   */
  static confirm(
    s: PurchaseOrderState,
    input: { supplierReference: string; deliveryDate: Date; lines?: { skuId: string; quantity: number }[] },
    at: Date,
  ): Change<PurchaseOrderState> | DomainError {
    if (s.status !== 'issued') return DomainError.rule('status', `a purchase order that is ${s.status} cannot be confirmed`);
    const asked = new Map<string, number>();
    for (const [i, l] of (input.lines ?? []).entries()) {
      const line = s.lines.find((x) => x.skuId === l.skuId);
      if (!line) return DomainError.rule(`lines[${i}].skuId`, `${l.skuId} is not on this purchase order`);
      if (asked.has(l.skuId)) return DomainError.rule(`lines[${i}].skuId`, `${l.skuId} is listed twice`);
      if (l.quantity > line.quantity) return DomainError.rule(`lines[${i}].quantity`, `more than the ${line.quantity} units ordered`);
      asked.set(l.skuId, l.quantity);
    }
    const lines = s.lines.map((l) => ({ ...l, confirmedQuantity: input.lines ? (asked.get(l.skuId) ?? 0) : l.quantity }));
    const confirmedLines = lines.filter((l) => l.confirmedQuantity > 0).map((l) => ({ skuId: l.skuId, quantity: l.confirmedQuantity }));
    if (confirmedLines.length === 0) return DomainError.rule('lines', 'confirms nothing: reject the purchase order instead');
    const data: PurchaseOrderConfirmed = {
      purchaseOrderId: s._id,
      supplierId: s.supplierId,
      supplierReference: input.supplierReference,
      confirmedLines,
      deliveryDate: iso(input.deliveryDate),
      confirmedAt: iso(at),
    };
    return {
      id: s._id,
      expectedSeq: s.seq,
      set: { status: 'confirmed', lines, supplierReference: input.supplierReference, deliveryDate: input.deliveryDate },
      events: [domainEvent(PurchaseOrderConfirmed, data, at)],
    };
  }

  /** The supplier refuses the whole order; everything ordered goes back into demand (from the event). */
  static reject(s: PurchaseOrderState, reason: string, at: Date): Change<PurchaseOrderState> | DomainError {
    if (s.status !== 'issued') return DomainError.rule('status', `a purchase order that is ${s.status} cannot be rejected`);
    const data: PurchaseOrderRejected = { purchaseOrderId: s._id, supplierId: s.supplierId, reason, rejectedAt: iso(at) };
    return {
      id: s._id,
      expectedSeq: s.seq,
      set: { status: 'rejected', rejectionReason: reason, open: undefined },
      events: [domainEvent(PurchaseOrderRejected, data, at)],
    };
  }

  /**
   * Goods arrive. A receipt id seen before books nothing (null). Each line
   * may bring at most its confirmed quantity plus the tolerance over all
   * receipts (422 beyond). The landed unit cost defaults to the order's.
   * When every line has all it was confirmed, the order is closed.
   */
  static receive(
    s: PurchaseOrderState,
    input: { receiptId: string; lines: { skuId: string; quantity: number; landedUnitCost?: number }[] },
    toleranceBps: number,
    at: Date,
  ): Change<PurchaseOrderState> | DomainError | null {
    if (s.receipts.some((r) => r.receiptId === input.receiptId)) return null;
    if (s.status !== 'confirmed') return DomainError.rule('status', `goods cannot be received on a purchase order that is ${s.status}`);
    const lines = s.lines.map((l) => ({ ...l }));
    const received: ReceiptLine[] = [];
    for (const [i, r] of input.lines.entries()) {
      const line = lines.find((l) => l.skuId === r.skuId);
      if (!line) return DomainError.rule(`lines[${i}].skuId`, `${r.skuId} is not on this purchase order`);
      if (received.some((x) => x.skuId === r.skuId)) return DomainError.rule(`lines[${i}].skuId`, `${r.skuId} is listed twice`);
      const confirmed = line.confirmedQuantity ?? line.quantity;
      const allowed = confirmed + Math.floor((confirmed * toleranceBps) / 10_000);
      if (line.receivedQuantity + r.quantity > allowed)
        return DomainError.rule(
          `lines[${i}].quantity`,
          `over-receipt: ${line.receivedQuantity} of ${confirmed} confirmed units already received, at most ${allowed} with the tolerance`,
        );
      line.receivedQuantity += r.quantity;
      received.push({ skuId: r.skuId, quantity: r.quantity, landedUnitCost: r.landedUnitCost ?? line.unitCost });
    }
    const complete = lines.every((l) => l.receivedQuantity >= (l.confirmedQuantity ?? l.quantity));
    const data: GoodsReceived = {
      purchaseOrderId: s._id,
      receiptId: input.receiptId,
      supplierId: s.supplierId,
      lines: received.map((l) => ({ skuId: l.skuId, quantityReceived: l.quantity, landedUnitCost: money(l.landedUnitCost, s.currency) })),
      complete,
      receivedAt: iso(at),
    };
    return {
      id: s._id,
      expectedSeq: s.seq,
      set: {
        lines,
        receipts: [...s.receipts, { receiptId: input.receiptId, lines: received, receivedAt: at }],
        ...(complete ? { status: 'closed' as const, open: undefined } : {}),
      },
      events: [domainEvent(GoodsReceived, data, at, derivedId('GoodsReceived', s._id, input.receiptId))],
    };
  }
}
