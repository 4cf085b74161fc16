import { Change, DomainError, isDomainError } from '@netdirect/runtime';
import { outstanding, PurchaseOrder, PurchaseOrderState } from './purchase-order';

const at = new Date('2026-03-01T10:00:00Z');
const issued = (): PurchaseOrderState =>
  PurchaseOrder.issue(
    'run-1',
    {
      purchaseOrderId: 'po-1',
      supplierId: 'sup-1',
      priceListId: 'pl-1',
      total: 800_000 + 5_000,
      leadTimeDays: 5,
      lines: [
        { skuId: 'a', quantity: 1000, unitCost: 800, firstTierUnitCost: 900, leadTimeDays: 5 },
        { skuId: 'b', quantity: 10, unitCost: 500, firstTierUnitCost: 500, leadTimeDays: 3 },
      ],
    },
    'EUR',
    at,
  ).state;
function ok<S>(c: Change<S> | DomainError | null): Change<S> {
  if (isDomainError(c)) throw new Error(`unexpected ${c.kind}: ${c.message}`);
  if (!c) throw new Error('unexpected no-op');
  return c;
}
const applied = (s: PurchaseOrderState, c: Change<PurchaseOrderState>): PurchaseOrderState => ({ ...s, ...c.set, seq: s.seq + 1 });

describe('PurchaseOrder', () => {
  it('issues with an event id derived from the order, open and expected after the longest lead time', () => {
    const a = PurchaseOrder.issue('run-1', { purchaseOrderId: 'po-1', supplierId: 's', priceListId: 'p', total: 1, leadTimeDays: 5, lines: [{ skuId: 'a', quantity: 1, unitCost: 1, firstTierUnitCost: 1, leadTimeDays: 5 }] }, 'EUR', at);
    const b = PurchaseOrder.issue('run-1', { purchaseOrderId: 'po-1', supplierId: 's', priceListId: 'p', total: 1, leadTimeDays: 5, lines: [{ skuId: 'a', quantity: 1, unitCost: 1, firstTierUnitCost: 1, leadTimeDays: 5 }] }, 'EUR', at);
    expect(a.events[0].id).toBe(b.events[0].id);
    expect(a.state).toMatchObject({ status: 'issued', open: 'po-1', expectedBy: new Date('2026-03-06T10:00:00Z') });
  });

  it('confirms in full, or short (a line left out is 0), never more than ordered', () => {
    const s = issued();
    const full = ok(PurchaseOrder.confirm(s, { supplierReference: 'R', deliveryDate: at }, at));
    expect(full.set.lines!.map((l) => l.confirmedQuantity)).toEqual([1000, 10]);
    const short = ok(PurchaseOrder.confirm(s, { supplierReference: 'R', deliveryDate: at, lines: [{ skuId: 'a', quantity: 900 }] }, at));
    expect(short.set.lines!.map((l) => l.confirmedQuantity)).toEqual([900, 0]);
    expect(short.events[0].data).toMatchObject({ confirmedLines: [{ skuId: 'a', quantity: 900 }] });
    expect(PurchaseOrder.confirm(s, { supplierReference: 'R', deliveryDate: at, lines: [{ skuId: 'a', quantity: 1001 }] }, at)).toMatchObject({ kind: 'rule', field: 'lines[0].quantity' });
    expect(PurchaseOrder.confirm(s, { supplierReference: 'R', deliveryDate: at, lines: [{ skuId: 'z', quantity: 1 }] }, at)).toMatchObject({ kind: 'rule', field: 'lines[0].skuId' });
    expect(PurchaseOrder.confirm(s, { supplierReference: 'R', deliveryDate: at, lines: [{ skuId: 'a', quantity: 0 }] }, at)).toMatchObject({ kind: 'rule', field: 'lines' });
    expect(PurchaseOrder.confirm(applied(s, full), { supplierReference: 'R', deliveryDate: at }, at)).toMatchObject({ kind: 'rule', field: 'status' });
  });

  it('rejects only an issued order, and closes it', () => {
    const s = issued();
    const r = ok(PurchaseOrder.reject(s, 'no stock', at));
    expect(r.set).toMatchObject({ status: 'rejected', open: undefined, rejectionReason: 'no stock' });
    expect(PurchaseOrder.reject(applied(s, r), 'again', at)).toMatchObject({ kind: 'rule' });
  });

  it('receives in parts up to the confirmed quantity plus the tolerance, once per receipt id, then closes', () => {
    let s = issued();
    s = applied(s, ok(PurchaseOrder.confirm(s, { supplierReference: 'R', deliveryDate: at, lines: [{ skuId: 'a', quantity: 900 }, { skuId: 'b', quantity: 10 }] }, at)));
    const first = ok(PurchaseOrder.receive(s, { receiptId: 'r1', lines: [{ skuId: 'a', quantity: 600, landedUnitCost: 820 }] }, 200, at));
    expect(first.events[0].data).toMatchObject({ complete: false, lines: [{ skuId: 'a', quantityReceived: 600, landedUnitCost: { amount: 820, currency: 'EUR' } }] });
    s = applied(s, first);
    expect(PurchaseOrder.receive(s, { receiptId: 'r1', lines: [{ skuId: 'a', quantity: 600 }] }, 200, at)).toBeNull();
    // 900 + 2 % = 918: 319 more is too many.
    expect(PurchaseOrder.receive(s, { receiptId: 'r2', lines: [{ skuId: 'a', quantity: 319 }] }, 200, at)).toMatchObject({ kind: 'rule', field: 'lines[0].quantity' });
    const rest = ok(PurchaseOrder.receive(s, { receiptId: 'r2', lines: [{ skuId: 'a', quantity: 318 }, { skuId: 'b', quantity: 10 }] }, 200, at));
    expect(rest.set).toMatchObject({ status: 'closed', open: undefined });
    expect(rest.events[0].data).toMatchObject({ complete: true, lines: [{ landedUnitCost: { amount: 800 } }, { landedUnitCost: { amount: 500 } }] });
    expect(rest.set.lines!.map(outstanding)).toEqual([0, 0]);
  });

  it('receives nothing before confirmation, and no SKU that is not on the order', () => {
    const s = issued();
    expect(PurchaseOrder.receive(s, { receiptId: 'r1', lines: [{ skuId: 'a', quantity: 1 }] }, 0, at)).toMatchObject({ kind: 'rule', field: 'status' });
    const c = applied(s, ok(PurchaseOrder.confirm(s, { supplierReference: 'R', deliveryDate: at }, at)));
    expect(PurchaseOrder.receive(c, { receiptId: 'r1', lines: [{ skuId: 'z', quantity: 1 }] }, 0, at)).toMatchObject({ kind: 'rule', field: 'lines[0].skuId' });
  });
});
