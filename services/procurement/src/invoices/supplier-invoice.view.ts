import { ApiProperty } from '@nestjs/swagger';
import { MoneyView, moneyOf } from '../common/money';
import { INVOICE_STATUSES, InvoiceStatus, SupplierInvoiceState } from './supplier-invoice';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export class InvoiceLineView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
  @ApiProperty({ type: MoneyView }) unitCost: MoneyView;
}

export class MismatchView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: MoneyView, description: 'Billed for the SKU, net of credit notes' }) invoiced: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Units received × ordered unit cost, plus the tolerance' }) allowed: MoneyView;
  @ApiProperty() reason: string;
}

export class CreditLineView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
}

export class CreditNoteView {
  @ApiProperty({ format: 'uuid' }) creditNoteId: string;
  @ApiProperty({ type: CreditLineView, isArray: true }) lines: CreditLineView[];
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class SupplierInvoiceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() supplierInvoiceNumber: string;
  @ApiProperty({ format: 'uuid' }) purchaseOrderId: string;
  @ApiProperty({ format: 'date-time' }) invoiceDate: string;
  @ApiProperty({ enum: INVOICE_STATUSES }) status: InvoiceStatus;
  @ApiProperty({ type: MoneyView, description: 'Billed, net of credit notes' }) amount: MoneyView;
  @ApiProperty({ type: InvoiceLineView, isArray: true }) lines: InvoiceLineView[];
  @ApiProperty({ type: CreditNoteView, isArray: true }) credits: CreditNoteView[];
  @ApiProperty({ type: MismatchView, isArray: true, description: 'Why it is held' }) mismatches: MismatchView[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Invoice date + payment terms, once matched' }) dueDate: string | null;
  @ApiProperty({ type: String, nullable: true }) paymentReference: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt: string | null;
}

export class SupplierInvoiceListView {
  @ApiProperty({ type: SupplierInvoiceView, isArray: true }) items: SupplierInvoiceView[];
}

export function toInvoiceView(s: SupplierInvoiceState): SupplierInvoiceView {
  const m = (amount: number) => moneyOf(amount, s.currency);
  return {
    id: s._id,
    supplierId: s.supplierId,
    supplierInvoiceNumber: s.supplierInvoiceNumber,
    purchaseOrderId: s.purchaseOrderId,
    invoiceDate: iso(s.invoiceDate)!,
    status: s.status,
    amount: m(s.amount),
    lines: s.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, unitCost: m(l.unitCost) })),
    credits: s.credits.map((c) => ({ creditNoteId: c.creditNoteId, lines: c.lines.map((l) => ({ skuId: l.skuId, amount: m(l.amount) })), at: iso(c.at)! })),
    mismatches: s.mismatches.map((x) => ({ skuId: x.skuId, invoiced: m(x.invoiced), allowed: m(x.allowed), reason: x.reason })),
    dueDate: iso(s.dueDate),
    paymentReference: s.paymentReference,
    settledAt: iso(s.settledAt),
  };
}
