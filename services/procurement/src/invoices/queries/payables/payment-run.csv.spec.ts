import { csvField, paymentRunCsv } from './payment-run.csv';
import { SupplierInvoiceState } from '../../supplier-invoice';

describe('payment run CSV', () => {
  it('writes one row per invoice with a header, quoting what needs it and defusing formulas', () => {
    const inv = { _id: 'i1', supplierId: 's1', supplierInvoiceNumber: '=HYPERLINK("x")', dueDate: new Date('2026-04-30T00:00:00Z'), currency: 'EUR', amount: 720000 } as SupplierInvoiceState;
    expect(paymentRunCsv([inv], new Map([['s1', 'Alpen, GmbH']]))).toBe(
      'invoice_id,supplier_id,supplier_name,supplier_invoice_number,due_date,currency,amount_minor\r\n' +
        'i1,s1,"Alpen, GmbH","\'=HYPERLINK(""x"")",2026-04-30,EUR,720000\r\n',
    );
    expect(csvField(-5)).toBe('-5');
  });
});
