import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, DomainError, EventRecorder, Principal } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { isStaff, mayActFor } from '../common/access';
import { SupplierInvoiceState } from './supplier-invoice';
import { SUPPLIER_INVOICE_MODEL } from './supplier-invoice.schema';

@Injectable()
export class SupplierInvoiceRepository extends AggregateStore<SupplierInvoiceState> {
  constructor(@InjectModel(SUPPLIER_INVOICE_MODEL) model: Model<SupplierInvoiceState>, recorder: EventRecorder) {
    super(model, recorder, 'supplier invoice');
  }

  /** The invoice, if the caller may act on it: its supplier, ops, finance; 403 for another supplier's, existing or not. */
  async readable(id: string, caller: Principal): Promise<SupplierInvoiceState> {
    const inv = await this.find(id);
    if (inv && mayActFor(caller, inv.supplierId)) return inv;
    if (!inv && isStaff(caller)) throw DomainError.notFound(`No supplier invoice ${id}`);
    throw DomainError.forbidden('A supplier may act only on its own invoices');
  }

  /** The held invoices of one order (few: read by filter). */
  heldFor(purchaseOrderId: string): Promise<SupplierInvoiceState[]> {
    return this.model.collection.find<SupplierInvoiceState>({ purchaseOrderId, status: 'held' }, { projection: { outbox: 0 } }).toArray();
  }

  list(supplierId: string | undefined, limit: number): Promise<SupplierInvoiceState[]> {
    return this.model.collection
      .find<SupplierInvoiceState>(supplierId ? { supplierId } : {}, { projection: { outbox: 0 } })
      .sort({ invoiceDate: -1, _id: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Matched, unpaid invoices due on or before `until` (all when absent),
   * earliest first. Read from the sparse `payable` index (only payable
   * invoices carry it); the due-date bound is applied here, as the embedded
   * store does not combine a range with the prefix match.
   */
  async payables(until: Date | undefined): Promise<SupplierInvoiceState[]> {
    const rows = await this.model.collection
      .find<SupplierInvoiceState>({ payable: { $regex: '^' } }, { projection: { outbox: 0 } })
      .sort({ payable: 1 })
      .toArray();
    return until ? rows.filter((r) => new Date(r.dueDate!).getTime() <= until.getTime()) : rows;
  }
}
