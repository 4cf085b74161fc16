import { DomainError, isDomainError } from '@netdirect/runtime';
import { SupplierInvoice, SupplierInvoiceState } from './supplier-invoice';

const at = new Date('2026-03-12T00:00:00Z');
const order = (received: number) => ({
  _id: 'po-1',
  supplierId: 'sup-1',
  currency: 'EUR',
  lines: [{ skuId: 'a', quantity: 1000, unitCost: 800, firstTierUnitCost: 900, confirmedQuantity: 1000, receivedQuantity: received }],
  receipts: received ? [{ receiptId: 'r1', lines: [], receivedAt: at }] : [],
});
const supplier = { _id: 'sup-1', paymentTermsDays: 30 };
function submit(received: number, quantity = 1000): SupplierInvoiceState {
  const r = SupplierInvoice.submit('inv-1', { supplierInvoiceNumber: 'RE-1', invoiceDate: at, lines: [{ skuId: 'a', quantity, unitCost: 800 }] }, supplier, order(received), 0, at);
  if (isDomainError(r)) throw r;
  return r.state;
}

describe('SupplierInvoice', () => {
  it('matches what was received, due after the payment terms, and marks it payable', () => {
    expect(submit(1000)).toMatchObject({ status: 'matched', amount: 800_000, dueDate: new Date('2026-04-11T00:00:00Z'), payable: '2026-04-11T00:00:00.000Z|inv-1' });
  });

  it('holds an invoice for goods not received yet, and one for another supplier is refused', () => {
    expect(submit(0)).toMatchObject({ status: 'held', mismatches: [{ reason: 'invoiced 1000 units, 0 received' }] });
    const other = SupplierInvoice.submit('inv-2', { supplierInvoiceNumber: 'X', invoiceDate: at, lines: [] }, { _id: 'sup-2', paymentTermsDays: 30 }, order(1), 0, at);
    expect(other).toMatchObject({ kind: 'rule', field: 'purchaseOrderId' });
  });

  it('matches after a credit note (once per note), refuses to pay a held one, and pays only once', () => {
    const held = submit(900);
    expect(held.status).toBe('held');
    expect(SupplierInvoice.settle(held, 'SEPA-1', at)).toMatchObject({ kind: 'rule', field: 'status' });
    const credit = SupplierInvoice.credit(held, { creditNoteId: 'cn-1', lines: [{ skuId: 'a', amount: 80_000 }] }, order(900), 0, at);
    if (!credit || isDomainError(credit)) throw new Error('expected a change');
    const matched = { ...held, ...credit.set, seq: 1 } as SupplierInvoiceState;
    expect(matched).toMatchObject({ status: 'matched', amount: 720_000 });
    expect(SupplierInvoice.credit(matched, { creditNoteId: 'cn-1', lines: [] }, order(900), 0, at)).toBeNull();
    const paid = SupplierInvoice.settle(matched, 'SEPA-1', at);
    if (!paid || paid instanceof DomainError) throw new Error('expected a change');
    expect(paid.set).toMatchObject({ status: 'settled', paymentReference: 'SEPA-1', payable: undefined });
    const settled = { ...matched, ...paid.set } as SupplierInvoiceState;
    expect(SupplierInvoice.settle(settled, 'SEPA-1', at)).toBeNull();
    expect(SupplierInvoice.settle(settled, 'SEPA-2', at)).toMatchObject({ kind: 'rule' });
  });

  it('re-matches a corrected held invoice', () => {
    const c = SupplierInvoice.correct(submit(900), [{ skuId: 'a', quantity: 900, unitCost: 800 }], order(900), 0, at);
    if (isDomainError(c)) throw c;
    expect(c.set).toMatchObject({ status: 'matched', amount: 720_000 });
  });

  it('matches a held invoice again when the goods it bills arrive, and says nothing new otherwise', () => {
    const held = submit(900);
    expect(SupplierInvoice.rematch(held, order(900), 0, at)).toBeNull();
    const later = SupplierInvoice.rematch(held, order(1000), 0, at);
    expect(later).toMatchObject({ set: { status: 'matched', amount: 800_000 } });
    expect(later!.events[0].contract.name).toBe('SupplierInvoiceMatched');
    expect(SupplierInvoice.rematch(submit(1000), order(1000), 0, at)).toBeNull();
  });
});
