import { DomainError } from '@netdirect/runtime';
import { Order, OrderChange, OrderState, rejectionReasonFor } from './order';
import { PricedOrder } from './pricing';

const T0 = new Date('2030-01-01T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const WINDOW = 30 * 60_000;

const priced: PricedOrder = {
  lines: [
    {
      lineId: 'L1', skuId: 'sku-1', productId: 'p-1', productName: 'Tea', skuName: '500 g',
      quantity: 2, unitPrice: 1299, memberUnitPrice: 999, priceKind: 'retail', bvPerUnit: 800, lineTotal: 2598,
    },
  ],
  subtotal: 2598,
  shipping: 495,
  taxIncluded: 494,
  total: 3093,
  totalBv: 1600,
};
const address = { name: 'A B', lines: ['Street 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };

function placed(): OrderState {
  return Order.place(
    { orderId: 'o-1', buyerId: 'm-1', buyerKind: 'consumer', referringOperatorId: 'op-1', market: 'DE', currency: 'EUR', priced, shippingAddress: address, buyerSeq: 1, sellerSeq: 1 },
    T0,
  ).state;
}

/** The state after a change, as the repository would write it. */
function applied(state: OrderState, change: OrderChange | DomainError | null): OrderState {
  if (!change || change instanceof DomainError) throw new Error(`expected a change, got ${String(change)}`);
  return { ...state, ...change.set, history: change.transition ? [...state.history, change.transition] : state.history } as OrderState;
}
const types = (c: OrderChange | DomainError | null) => (c && !(c instanceof DomainError) ? c.events.map((e) => e.contract.name) : []);
const payment = { paymentId: 'pay-1', provider: 'sandbox', amount: 3093, currency: 'EUR', receivedAt: at(5) };

describe('Order', () => {
  it('is placed with its OrderPlaced snapshot, history and list keys', () => {
    const { state, events } = Order.place(
      { orderId: 'o-1', buyerId: 'm-1', buyerKind: 'consumer', referringOperatorId: 'op-1', market: 'DE', currency: 'EUR', priced, shippingAddress: address, buyerSeq: 1, sellerSeq: 1 },
      T0,
    );
    expect(state.status).toBe('placed');
    expect(state.history).toEqual([{ at: T0, from: null, to: 'placed', cause: 'placed', by: 'm-1' }]);
    expect(state).toMatchObject({ buyerSeq: 1, buyerKey: 'm-1|0000000001', sellerSeq: 1, sellerKey: 'op-1|0000000001' });
    const data = events[0].data as Record<string, any>;
    expect(events[0].contract.name).toBe('OrderPlaced');
    expect(data.lines[0]).toMatchObject({ unitPrice: { amount: 1299, currency: 'EUR' }, memberUnitPrice: { amount: 999, currency: 'EUR' }, skuName: '500 g' });
    expect(data.totals.total).toEqual({ amount: 3093, currency: 'EUR' });
  });

  it('has no seller key without a seller', () => {
    const a = Order.place({ orderId: 'a', buyerId: 'm', buyerKind: 'operator', referringOperatorId: null, market: 'DE', currency: 'EUR', priced, shippingAddress: address, buyerSeq: 7 }, at(1)).state;
    expect(a).toMatchObject({ buyerKey: 'm|0000000007' });
    expect(a.sellerKey).toBeUndefined();
  });

  it('is confirmed by StockReserved, payable until the reservation expires or the payment window ends, whichever is first', () => {
    const early = Order.from(placed()).confirm('r-1', at(10), at(1), WINDOW);
    expect(early?.set.payBy).toEqual(at(10));
    expect(types(early)).toEqual(['OrderConfirmed']);
    const late = Order.from(placed()).confirm('r-1', at(120), at(1), WINDOW);
    expect(late?.set.payBy).toEqual(at(31));
    expect(late?.set.status).toBe('confirmed');
    expect(late?.transition).toMatchObject({ from: 'placed', to: 'confirmed', cause: 'StockReserved' });
    expect(late?.guard).toEqual({ seq: 1 });
  });

  it('takes a duplicate or late StockReserved as nothing to do', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    expect(Order.from(confirmed).confirm('r-1', at(30), at(2), WINDOW)).toBeNull();
    const rejected = applied(placed(), Order.from(placed()).reject('out-of-stock', undefined, at(1)));
    expect(Order.from(rejected).confirm('r-1', at(30), at(2), WINDOW)).toBeNull();
  });

  it('is rejected by StockReservationRejected only while placed', () => {
    const change = Order.from(placed()).reject(rejectionReasonFor('insufficient-stock'), 'sku-1: 2 wanted, 1 available', at(1));
    expect(change?.set).toMatchObject({ status: 'rejected', rejectionReason: 'out-of-stock' });
    expect(types(change)).toEqual(['OrderRejected']);
    expect(rejectionReasonFor('sku-retired')).toBe('sku-not-sellable');
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    expect(Order.from(confirmed).reject('out-of-stock', undefined, at(2))).toBeNull();
  });

  it('is paid from confirmed, once per payment', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    const change = Order.from(confirmed).pay(payment, at(5));
    expect(types(change)).toEqual(['OrderPaid']);
    const paid = applied(confirmed, change);
    expect(paid.status).toBe('paid');
    expect(Order.from(paid).pay(payment, at(6))).toBeNull();
    expect(Order.from(paid).pay({ ...payment, paymentId: 'pay-2' }, at(6))).toBeInstanceOf(DomainError);
  });

  it('keeps a payment that comes before the confirmation and applies it on StockReserved', () => {
    const waiting = applied(placed(), Order.from(placed()).pay(payment, at(1)));
    expect(waiting.status).toBe('placed');
    const change = Order.from(waiting).confirm('r-1', at(30), at(2), WINDOW);
    expect(types(change)).toEqual(['OrderConfirmed', 'OrderPaid']);
    expect(change?.set.status).toBe('paid');
  });

  it('owes a payment back when the order was rejected or cancelled', () => {
    const rejected = applied(placed(), Order.from(placed()).reject('out-of-stock', undefined, at(1)));
    expect(applied(rejected, Order.from(rejected).pay(payment, at(2))).refundDue).toBe(3093);
    const waiting = applied(placed(), Order.from(placed()).pay(payment, at(1)));
    expect(applied(waiting, Order.from(waiting).reject('out-of-stock', undefined, at(2))).refundDue).toBe(3093);
  });

  it('refuses a payment that is not the order total', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    expect(Order.from(confirmed).pay({ ...payment, amount: 3000 }, at(2))).toBeInstanceOf(DomainError);
    expect(Order.from(confirmed).isTotal(3093, 'EUR')).toBe(true);
    // Ops reviewed the mismatch and applied it.
    const accepted = Order.from(confirmed).pay({ ...payment, amount: 3000 }, at(2), true);
    expect(types(accepted)).toEqual(['OrderPaid']);
    expect((accepted as OrderChange).events[0].data).toMatchObject({ amount: { amount: 3000, currency: 'EUR' } });
  });

  it('is cancelled by the payment timer only when confirmed, unpaid and due', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    expect(Order.from(confirmed).expirePayment(at(29))).toBeNull();
    const change = Order.from(confirmed).expirePayment(at(31));
    expect(change?.set).toMatchObject({ status: 'cancelled', cancellationReason: 'payment-timeout' });
    expect(change?.events[0].data).toMatchObject({ reason: 'payment-timeout', by: 'system', wasPaid: false });
    const paid = applied(confirmed, Order.from(confirmed).pay(payment, at(5)));
    expect(Order.from(paid).expirePayment(at(31))).toBeNull();
  });

  it('is cancelled when its reservation lapsed unpaid, but not once paid', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    expect(Order.from(confirmed).reservationLapsed('r-1', at(30))?.set.cancellationReason).toBe('reservation-expired');
    expect(Order.from(confirmed).reservationLapsed('r-other', at(30))).toBeNull();
    expect(Order.from(placed()).reservationLapsed('r-1', at(30))?.set.status).toBe('cancelled');
    const paid = applied(confirmed, Order.from(confirmed).pay(payment, at(5)));
    expect(Order.from(paid).reservationLapsed('r-1', at(30))).toBeNull();
  });

  it('is cancelled and owed back when a late payment could not commit stock', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    const paid = applied(confirmed, Order.from(confirmed).pay(payment, at(31)));
    // Another reservation's failure (not the one that confirmed the order) is not this order's.
    expect(Order.from(paid).commitFailed('r-other', at(32))).toBeNull();
    const change = Order.from(paid).commitFailed('r-1', at(32));
    expect(change?.set).toMatchObject({ status: 'cancelled', cancellationReason: 'stock-unavailable', refundDue: 3093 });
    expect(change?.events[0].data).toMatchObject({ wasPaid: true });
    expect(Order.from(confirmed).commitFailed('r-1', at(32))).toBeNull();
  });

  it('is cancelled by the buyer before shipment; a paid order is owed back', () => {
    const change = Order.from(placed()).cancel('buyer-request', 'm-1', at(1));
    expect(change).not.toBeInstanceOf(DomainError);
    expect((change as OrderChange).transition).toMatchObject({ from: 'placed', to: 'cancelled', by: 'm-1' });
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    const paid = applied(confirmed, Order.from(confirmed).pay(payment, at(5)));
    expect((Order.from(paid).cancel('ops', 'ops-1', at(6)) as OrderChange).set.refundDue).toBe(3093);
    const shipped = applied(paid, Order.from(paid).ship('s-1', at(7)));
    expect(Order.from(shipped).cancel('buyer-request', 'm-1', at(8))).toBeInstanceOf(DomainError);
    const cancelled = applied(placed(), change);
    expect(Order.from(cancelled).cancel('buyer-request', 'm-1', at(2))).toBeInstanceOf(DomainError);
  });

  it('ships, delivers and completes when the return window ends with no open return', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    const paid = applied(confirmed, Order.from(confirmed).pay(payment, at(5)));
    expect(Order.from(confirmed).ship('s-1', at(6))).toBeNull();
    const shipped = applied(paid, Order.from(paid).ship('s-1', at(6)));
    expect(Order.from(shipped).deliver('s-return', at(60), 1000)).toBeNull();
    const deliveredChange = Order.from(shipped).deliver('s-1', at(60), 14 * 24 * 3600_000);
    expect(types(deliveredChange)).toEqual(['OrderDelivered']);
    const delivered = applied(shipped, deliveredChange);
    expect(Order.from(delivered).complete(at(61))).toBeNull();
    expect(Order.from({ ...delivered, openReturns: 1 }).complete(at(60 + 15 * 24 * 60))).toBeNull();
    const done = applied(delivered, Order.from(delivered).complete(at(60 + 14 * 24 * 60)));
    expect(done.status).toBe('completed');
    expect(done.history.map((h) => h.to)).toEqual(['placed', 'confirmed', 'paid', 'shipped', 'delivered', 'completed']);
    expect(Order.from(done).complete(at(60 + 15 * 24 * 60))).toBeNull();
    expect(Order.from(done).ship('s-2', at(60 + 15 * 24 * 60))).toBeNull();
  });

  it('is delivered even if the dispatch report never came', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    const paid = applied(confirmed, Order.from(confirmed).pay(payment, at(5)));
    expect(Order.from(paid).deliver('s-1', at(60), 1000)?.set.status).toBe('delivered');
  });

  it('a cancelled paid order is refunded in full through the provider: requested, failed and retried, confirmed once as OrderRefunded', () => {
    const confirmed = applied(placed(), Order.from(placed()).confirm('r-1', at(30), at(1), WINDOW));
    const paid = applied(confirmed, Order.from(confirmed).pay(payment, at(5)));
    const cancelled = applied(paid, Order.from(paid).cancel('ops', 'ops-1', at(6)));
    expect(cancelled.refundDue).toBe(3093);
    const [refund] = cancelled.refunds!;
    expect(refund).toMatchObject({ kind: 'order', providerId: 'sandbox', paymentId: 'pay-1', amount: 3093, shipping: 495, fee: 0, status: 'requested', attempts: 1 });
    expect(refund.lines).toEqual([{ lineId: 'L1', skuId: 'sku-1', quantity: 2, amount: 2598, bv: 1600 }]);
    const failed = applied(cancelled, Order.from(cancelled).refundFailed(refund.refundId, 'card expired', at(7)));
    expect(failed.refunds![0]).toMatchObject({ status: 'failed', failure: 'card expired' });
    expect(Order.from(failed).refundFailed(refund.refundId, 'again', at(8))).toBeNull();
    expect(Order.from(cancelled).retryRefund(refund.refundId, at(8))).toBeInstanceOf(DomainError);
    const retried = applied(failed, Order.from(failed).retryRefund(refund.refundId, at(8)));
    expect(retried.refunds![0]).toMatchObject({ status: 'requested', attempts: 2 });
    const change = Order.from(retried).refundConfirmed(refund.refundId, at(9));
    expect(types(change)).toEqual(['OrderRefunded']);
    expect((change as OrderChange).events[0].data).toMatchObject({
      refundId: refund.refundId,
      amount: { amount: 3093, currency: 'EUR' },
      shippingRefunded: { amount: 495, currency: 'EUR' },
      restockingFee: { amount: 0, currency: 'EUR' },
      refundedBv: 1600,
      fullyRefunded: true,
      lines: [{ lineId: 'L1', quantity: 2, amount: { amount: 2598, currency: 'EUR' }, bv: 1600 }],
    });
    const done = applied(retried, change);
    expect(done.refundDue).toBe(0);
    expect(Order.from(done).refundConfirmed(refund.refundId, at(10))).toBeNull();
    expect(Order.from(done).refundConfirmed('nope', at(10))).toBeInstanceOf(DomainError);
  });

  it('a payment that never paid the order is refunded without OrderRefunded', () => {
    const rejected = applied(placed(), Order.from(placed()).reject('out-of-stock', undefined, at(1)));
    const owed = applied(rejected, Order.from(rejected).pay(payment, at(2)));
    const [refund] = owed.refunds!;
    expect(refund).toMatchObject({ kind: 'payment', amount: 3093, lines: [] });
    const change = Order.from(owed).refundConfirmed(refund.refundId, at(3));
    expect(types(change)).toEqual([]);
    expect(applied(owed, change).refundDue).toBe(0);
  });
});
