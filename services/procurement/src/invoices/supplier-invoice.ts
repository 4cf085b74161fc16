import { SupplierInvoiceHeld, SupplierInvoiceMatched, SupplierInvoiceSettled } from '@netdirect/contracts';
import { Change, DomainError, domainEvent, DomainEvent } from '@netdirect/runtime';
import { PurchaseOrderState } from '../purchase-orders/purchase-order';
import { CreditLine, InvoiceLine, Mismatch, threeWayMatch } from './three-way-match';

/*
 * A supplier invoice: submitted → matched (three-way, SupplierInvoiceMatched,
 * due after the supplier's payment terms) or held with the differing lines
 * (SupplierInvoiceHeld) until a credit note or a correction makes it match
 * → settled with the bank reference of the payment (SupplierInvoiceSettled).
 * Plain code: no NestJS, no database.
 */

export const INVOICE_STATUSES = ['held', 'matched', 'settled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface CreditNote {
  creditNoteId: string;
  lines: CreditLine[];
  at: Date;
}

/** What is stored of a supplier invoice (`supplier_invoices`, `_id` derived from supplier and invoice number). */
export interface SupplierInvoiceState {
  _id: string;
  supplierId: string;
  supplierInvoiceNumber: string;
  purchaseOrderId: string;
  currency: string;
  invoiceDate: Date;
  paymentTermsDays: number;
  lines: InvoiceLine[];
  credits: CreditNote[];
  status: InvoiceStatus;
  /** Net of credit notes. */
  amount: number;
  mismatches: Mismatch[];
  dueDate: Date | null;
  matchedAt: Date | null;
  paymentReference: string | null;
  settledAt: Date | null;
  /**
   * `<dueDate ISO>|<id>` while matched and unpaid, absent otherwise: a sparse
   * unique marker, so payables are read from its index in due-date order.
   */
  payable?: string;
  seq: number;
}

const DAY = 24 * 60 * 60 * 1000;
const iso = (d: Date) => d.toISOString();

type MatchOrder = Pick<PurchaseOrderState, '_id' | 'lines' | 'receipts'>;

export class SupplierInvoice {
  /** A new invoice for a purchase order of the same supplier, matched at once or held. */
  static submit(
    id: string,
    input: { supplierInvoiceNumber: string; invoiceDate: Date; lines: InvoiceLine[] },
    supplier: { _id: string; paymentTermsDays: number },
    order: MatchOrder & { supplierId: string; currency: string },
    toleranceBps: number,
    at: Date,
  ): { state: SupplierInvoiceState; events: DomainEvent[] } | DomainError {
    if (order.supplierId !== supplier._id) return DomainError.rule('purchaseOrderId', 'is not an order of this supplier');
    const base: SupplierInvoiceState = {
      _id: id,
      supplierId: supplier._id,
      supplierInvoiceNumber: input.supplierInvoiceNumber,
      purchaseOrderId: order._id,
      currency: order.currency,
      invoiceDate: input.invoiceDate,
      paymentTermsDays: supplier.paymentTermsDays,
      lines: input.lines,
      credits: [],
      status: 'held',
      amount: 0,
      mismatches: [],
      dueDate: null,
      matchedAt: null,
      paymentReference: null,
      settledAt: null,
      seq: 0,
    };
    const m = SupplierInvoice.match(base, order, toleranceBps, at);
    return { state: { ...base, ...m.set }, events: m.events };
  }

  /** A credit note from the supplier reduces what the invoice bills; then the match runs again. */
  static credit(s: SupplierInvoiceState, note: { creditNoteId: string; lines: CreditLine[] }, order: MatchOrder, toleranceBps: number, at: Date): Change<SupplierInvoiceState> | DomainError | null {
    if (s.credits.some((c) => c.creditNoteId === note.creditNoteId)) return null;
    if (s.status === 'settled') return DomainError.rule('status', 'a settled invoice takes no credit note');
    const credited = { ...s, credits: [...s.credits, { ...note, at }] };
    const m = SupplierInvoice.match(credited, order, toleranceBps, at);
    if (m.set.amount! < 0) return DomainError.rule('lines', 'credits more than the invoice bills');
    return { id: s._id, expectedSeq: s.seq, set: { credits: credited.credits, ...m.set }, events: s.status === m.set.status && s.status === 'matched' ? [] : m.events };
  }

  /** The supplier corrects a held invoice's lines; then the match runs again. */
  static correct(s: SupplierInvoiceState, lines: InvoiceLine[], order: MatchOrder, toleranceBps: number, at: Date): Change<SupplierInvoiceState> | DomainError {
    if (s.status !== 'held') return DomainError.rule('status', `only a held invoice can be corrected (this one is ${s.status})`);
    const m = SupplierInvoice.match({ ...s, lines }, order, toleranceBps, at);
    return { id: s._id, expectedSeq: s.seq, set: { lines, ...m.set }, events: m.events };
  }

  /**
   * Goods arrived for the order of a held invoice: match again. Null when
   * nothing changes (still held for the same reasons, or not held), so a
   * redelivered receipt announces nothing twice.
   */
  static rematch(s: SupplierInvoiceState, order: MatchOrder, toleranceBps: number, at: Date): Change<SupplierInvoiceState> | null {
    if (s.status !== 'held') return null;
    const m = SupplierInvoice.match(s, order, toleranceBps, at);
    if (m.set.status === 'held' && JSON.stringify(m.set.mismatches) === JSON.stringify(s.mismatches)) return null;
    return { id: s._id, expectedSeq: s.seq, set: m.set, events: m.events };
  }

  /** Finance paid it: only a matched invoice, only with the bank reference. */
  static settle(s: SupplierInvoiceState, paymentReference: string, at: Date): Change<SupplierInvoiceState> | DomainError | null {
    if (s.status === 'settled') return s.paymentReference === paymentReference ? null : DomainError.rule('status', `already settled with reference ${s.paymentReference}`);
    if (s.status !== 'matched') return DomainError.rule('status', 'a held invoice cannot be paid: resolve it with a credit note or a correction first');
    if (!paymentReference.trim()) return DomainError.invalid('paymentReference', 'must not be blank');
    const data: SupplierInvoiceSettled = {
      invoiceId: s._id,
      supplierId: s.supplierId,
      amount: { amount: s.amount, currency: s.currency },
      paymentReference,
      settledAt: iso(at),
    };
    return {
      id: s._id,
      expectedSeq: s.seq,
      set: { status: 'settled', paymentReference, settledAt: at, payable: undefined },
      events: [domainEvent(SupplierInvoiceSettled, data, at)],
    };
  }

  private static match(s: SupplierInvoiceState, order: MatchOrder, toleranceBps: number, at: Date): { set: Partial<SupplierInvoiceState>; events: DomainEvent[] } {
    const credits = s.credits.flatMap((c) => c.lines);
    const r = threeWayMatch(order.lines, s.lines, credits, toleranceBps);
    const money = (amount: number) => ({ amount, currency: s.currency });
    if (r.mismatches.length || order.receipts.length === 0) {
      const mismatches = r.mismatches.length ? r.mismatches : s.lines.map((l) => ({ skuId: l.skuId, invoiced: l.quantity * l.unitCost, allowed: 0, reason: 'nothing received yet' }));
      const data: SupplierInvoiceHeld = {
        invoiceId: s._id,
        supplierId: s.supplierId,
        supplierInvoiceNumber: s.supplierInvoiceNumber,
        purchaseOrderId: s.purchaseOrderId,
        amount: money(r.payable),
        mismatches: mismatches.map((m) => ({ skuId: m.skuId, invoiced: money(m.invoiced), allowed: money(m.allowed), reason: m.reason })),
        heldAt: iso(at),
      };
      return { set: { status: 'held', amount: r.payable, mismatches, dueDate: null, payable: undefined }, events: [domainEvent(SupplierInvoiceHeld, data, at)] };
    }
    const dueDate = new Date(new Date(s.invoiceDate).getTime() + s.paymentTermsDays * DAY);
    const data: SupplierInvoiceMatched = {
      invoiceId: s._id,
      supplierId: s.supplierId,
      supplierInvoiceNumber: s.supplierInvoiceNumber,
      purchaseOrderId: s.purchaseOrderId,
      receiptIds: order.receipts.map((x) => x.receiptId).slice(0, 100),
      amount: money(r.payable),
      dueDate: iso(dueDate),
      matchedAt: iso(at),
    };
    return {
      set: { status: 'matched', amount: r.payable, mismatches: [], dueDate, matchedAt: at, payable: `${iso(dueDate)}|${s._id}` },
      events: [domainEvent(SupplierInvoiceMatched, data, at)],
    };
  }
}
