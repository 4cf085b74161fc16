import { SupplierInvoiceState } from '../../supplier-invoice';

const HEADER = ['invoice_id', 'supplier_id', 'supplier_name', 'supplier_invoice_number', 'due_date', 'currency', 'amount_minor'];

/** One CSV field (RFC 4180), and never a spreadsheet formula (a leading = + - @ is quoted behind an apostrophe). */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== String(value) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The payment run: one row per payable invoice, earliest due first. */
export function paymentRunCsv(due: SupplierInvoiceState[], supplierNames: Map<string, string>): string {
  const rows = due.map((i) =>
    [i._id, i.supplierId, supplierNames.get(i.supplierId) ?? '', i.supplierInvoiceNumber, new Date(i.dueDate!).toISOString().slice(0, 10), i.currency, i.amount]
      .map(csvField)
      .join(','),
  );
  return [HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}
