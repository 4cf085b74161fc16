import { DomainError } from '@netdirect/runtime';
import { MarketRules } from '../markets/market-rules';
import { Order, OrderChange, OrderState } from './order';
import { PricedOrder } from './pricing';

/*
 * Returns, buy-backs, a parcel back to sender and refund retries, on the
 * aggregate alone. Amounts are worked out by hand: L1 is 3 units for 9.99
 * (so units go back as 3.33 each, the last one 3.33 too: 333+333+333), L2
 * one unit of 25.99, shipping 4.95; total 40.93.
 */

const DAY = 86_400_000;
const T0 = new Date('2030-01-01T00:00:00Z');
const day = (d: number) => new Date(T0.getTime() + d * DAY);
const rules = (market: string, restockingFeeBps: number): MarketRules => ({
  market,
  shippingFee: 495,
  freeShippingFrom: null,
  vatBps: 1900,
  returnWindowMs: 30 * DAY,
  withdrawalMs: 14 * DAY,
  restockingFeeBps,
  buyBackBps: 9000,
  buyBackPeriodMs: 365 * DAY,
});
const DE = rules('DE', 1000);
const AT = rules('AT', 1500);

const line = (lineId: string, skuId: string, quantity: number, unit: number, bv: number) => ({
  lineId, skuId, productId: `p-${skuId}`, productName: 'P', skuName: 'S', quantity, unitPrice: unit, memberUnitPrice: unit, priceKind: 'retail' as const, bvPerUnit: bv, lineTotal: unit * quantity,
});
const priced: PricedOrder = {
  lines: [line('L1', 'sku-a', 3, 333, 100), line('L2', 'sku-b', 1, 2599, 900)],
  subtotal: 3598,
  shipping: 495,
  taxIncluded: 0,
  total: 4093,
  totalBv: 1200,
};
const address = { name: 'A B', lines: ['Street 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };

function applied(state: OrderState, change: OrderChange | DomainError | null): OrderState {
  if (!change || change instanceof DomainError) throw new Error(`expected a change, got ${String(change)}`);
  return { ...state, ...change.set, history: change.transition ? [...state.history, change.transition] : state.history } as OrderState;
}
const events = (c: OrderChange | DomainError | null) => (c && !(c instanceof DomainError) ? c.events.map((e) => ({ type: e.contract.name, data: e.data as Record<string, any> })) : []);

/** An order delivered on day 0 (market `market`, bought by `buyerKind`). */
function delivered(market = 'DE', buyerKind: 'consumer' | 'operator' = 'consumer'): OrderState {
  let s = Order.place(
    { orderId: 'o-1', buyerId: 'm-1', buyerKind, referringOperatorId: null, market, currency: 'EUR', priced, shippingAddress: { ...address, country: market }, buyerSeq: 1 },
    day(-2),
  ).state;
  s = applied(s, Order.from(s).confirm('r-1', day(-1), day(-2), DAY));
  s = applied(s, Order.from(s).pay({ paymentId: 'pay-1', provider: 'sandbox', amount: 4093, currency: 'EUR', receivedAt: day(-2) }, day(-2)));
  s = applied(s, Order.from(s).ship('s-1', day(-1)));
  return applied(s, Order.from(s).deliver('s-1', day(0), 30 * DAY));
}

/** Request a return, receive its parcel as given, and confirm its refund: the OrderRefunded data and the state after. */
function returned(s: OrderState, id: string, lines: { lineId: string; quantity: number }[], parcel: { skuId: string; quantity: number; resellable: boolean }[], at: number, r: MarketRules, buyBack = false) {
  s = applied(s, Order.from(s).requestReturn({ returnId: id, lines, reason: 'why', by: 'm-1', buyBack }, r, day(at)));
  s = applied(s, Order.from(s).returnReceived(id, parcel, r, day(at + 3)));
  const refundId = s.returns!.find((x) => x.returnId === id)!.refundId!;
  const confirm = Order.from(s).refundConfirmed(refundId, day(at + 4));
  const refunded = events(confirm).find((e) => e.type === 'OrderRefunded')!.data;
  return { state: applied(s, confirm), refunded, confirm };
}

describe('Order returns and buy-backs', () => {
  it('a return asks logistics for the parcel (ReturnRequested) and holds the completion until settled', () => {
    const s = delivered();
    const change = Order.from(s).requestReturn({ returnId: 'ret-1', lines: [{ lineId: 'L1', quantity: 1 }], reason: 'too big', by: 'm-1', buyBack: false }, DE, day(2));
    expect(events(change)).toEqual([
      { type: 'ReturnRequested', data: { orderId: 'o-1', returnId: 'ret-1', lines: [{ lineId: 'L1', skuId: 'sku-a', quantity: 1 }], reason: 'too big', requestedAt: day(2).toISOString() } },
    ]);
    const open = applied(s, change);
    expect(open.openReturns).toBe(1);
    expect(Order.from(open).requestReturn({ returnId: 'ret-1', lines: [{ lineId: 'L1', quantity: 1 }], reason: 'again', by: 'm-1', buyBack: false }, DE, day(2))).toBeNull();
    expect(Order.from(open).complete(day(31))).toBeNull();
  });

  it('refuses a return naming each wrong line, outside the window, or of an order not delivered', () => {
    const s = delivered();
    const ask = (o: OrderState, lines: { lineId: string; quantity: number }[], at: number) =>
      Order.from(o).requestReturn({ returnId: `r-${at}`, lines, reason: 'x', by: 'm-1', buyBack: false }, DE, day(at));
    const wrong = ask(s, [{ lineId: 'L1', quantity: 4 }, { lineId: 'L9', quantity: 1 }], 1) as DomainError;
    expect(wrong.fields).toEqual([
      { field: 'lines[0].quantity', reason: 'only 3 unit(s) of line L1 can still be returned' },
      { field: 'lines[1].lineId', reason: 'the order has no line L9' },
    ]);
    expect((ask(s, [{ lineId: 'L1', quantity: 1 }], 30) as DomainError).field).toBe('status');
    // Units in an open return cannot be asked for again.
    const open = applied(s, ask(s, [{ lineId: 'L1', quantity: 2 }], 1));
    expect((ask(open, [{ lineId: 'L1', quantity: 2 }], 2) as DomainError).message).toMatch(/only 1 unit/);
    const paid = Order.place({ orderId: 'o-2', buyerId: 'm-1', buyerKind: 'consumer', referringOperatorId: null, market: 'DE', currency: 'EUR', priced, shippingAddress: address, buyerSeq: 2 }, T0).state;
    expect((ask(paid, [{ lineId: 'L1', quantity: 1 }], 1) as DomainError).field).toBe('status');
  });

  it.each([
    ['DE', DE, 326],
    ['AT', AT, 489],
  ])('partial returns under %s rules refund to the minor unit: in full within the withdrawal period, less the restocking fee after it', (market, r, fee) => {
    let s = delivered(market);
    const first = returned(s, 'ret-1', [{ lineId: 'L1', quantity: 1 }], [{ skuId: 'sku-a', quantity: 1, resellable: true }], 2, r);
    expect(first.refunded).toMatchObject({
      returnId: 'ret-1',
      amount: { amount: 333, currency: 'EUR' },
      lines: [{ lineId: 'L1', skuId: 'sku-a', quantity: 1, amount: { amount: 333, currency: 'EUR' }, bv: 100 }],
      refundedBv: 100,
      shippingRefunded: { amount: 0, currency: 'EUR' },
      restockingFee: { amount: 0, currency: 'EUR' },
      fullyRefunded: false,
    });
    s = first.state;
    // Day 20: past the 14-day withdrawal period, within the 30-day return window.
    const second = returned(s, 'ret-2', [{ lineId: 'L1', quantity: 2 }, { lineId: 'L2', quantity: 1 }], [{ skuId: 'sku-a', quantity: 2, resellable: false }, { skuId: 'sku-b', quantity: 1, resellable: true }], 20, r);
    // Lines 666 + 2599 = 3265; the fee is the market's rate of it, rounded down.
    expect(second.refunded).toMatchObject({
      amount: { amount: 3265 - fee },
      restockingFee: { amount: fee },
      shippingRefunded: { amount: 0 },
      refundedBv: 1100,
      fullyRefunded: true,
    });
    expect(second.state).toMatchObject({ refundDue: 0, openReturns: 0 });
    expect(second.state.returns!.map((x) => x.status)).toEqual(['settled', 'settled']);
  });

  it('a whole order returned in parcels within the withdrawal period adds up exactly to its total, shipping in the last', () => {
    let s = delivered();
    const a = returned(s, 'ret-1', [{ lineId: 'L1', quantity: 1 }], [{ skuId: 'sku-a', quantity: 1, resellable: true }], 1, DE);
    s = a.state;
    const b = returned(s, 'ret-2', [{ lineId: 'L1', quantity: 1 }, { lineId: 'L2', quantity: 1 }], [{ skuId: 'sku-a', quantity: 1, resellable: true }, { skuId: 'sku-b', quantity: 1, resellable: false }], 2, DE);
    s = b.state;
    const c = returned(s, 'ret-3', [{ lineId: 'L1', quantity: 1 }], [{ skuId: 'sku-a', quantity: 1, resellable: true }], 3, DE);
    expect(c.refunded).toMatchObject({ shippingRefunded: { amount: 495 }, fullyRefunded: true });
    expect([a, b, c].reduce((sum, x) => sum + x.refunded.amount.amount, 0)).toBe(4093);
    expect([a, b, c].reduce((sum, x) => sum + x.refunded.refundedBv, 0)).toBe(1200);
  });

  it('refunds only the units that came back; the missing ones can be returned again', () => {
    let s = delivered();
    s = applied(s, Order.from(s).requestReturn({ returnId: 'ret-1', lines: [{ lineId: 'L1', quantity: 3 }], reason: 'x', by: 'm-1', buyBack: false }, DE, day(1)));
    s = applied(s, Order.from(s).returnReceived('ret-1', [{ skuId: 'sku-a', quantity: 2, resellable: true }, { skuId: 'sku-zzz', quantity: 5, resellable: true }], DE, day(3)));
    expect(s.refunds!.at(-1)).toMatchObject({ kind: 'return', returnId: 'ret-1', amount: 666, lines: [{ lineId: 'L1', quantity: 2 }] });
    expect(Order.from(s).returnReceived('ret-1', [{ skuId: 'sku-a', quantity: 3, resellable: true }], DE, day(4))).toBeNull();
    expect(Order.from(s).returnReceived('ret-9', [], DE, day(4))).toBeInstanceOf(DomainError);
    expect(Order.from(s).requestReturn({ returnId: 'ret-2', lines: [{ lineId: 'L1', quantity: 1 }], reason: 'x', by: 'm-1', buyBack: false }, DE, day(5))).not.toBeInstanceOf(DomainError);
  });

  it('a return settled after the window ended completes the order with its refund', () => {
    let s = delivered();
    s = applied(s, Order.from(s).requestReturn({ returnId: 'ret-1', lines: [{ lineId: 'L2', quantity: 1 }], reason: 'x', by: 'm-1', buyBack: false }, DE, day(29)));
    expect(Order.from(s).complete(day(30))).toBeNull();
    s = applied(s, Order.from(s).returnReceived('ret-1', [{ skuId: 'sku-b', quantity: 1, resellable: true }], DE, day(33)));
    const confirm = Order.from(s).refundConfirmed(s.refunds!.at(-1)!.refundId, day(34));
    expect(events(confirm).map((e) => e.type)).toEqual(['OrderRefunded', 'OrderCompleted']);
    expect(applied(s, confirm).status).toBe('completed');
    // A parcel with nothing to refund settles at once, and completes as well.
    let t = delivered();
    t = applied(t, Order.from(t).requestReturn({ returnId: 'ret-1', lines: [{ lineId: 'L2', quantity: 1 }], reason: 'x', by: 'm-1', buyBack: false }, DE, day(29)));
    const empty = Order.from(t).returnReceived('ret-1', [], DE, day(31));
    expect(events(empty).map((e) => e.type)).toEqual(['OrderCompleted']);
  });

  it("buys back an operator's resellable units at the market's share, marked buy-back; damaged units are not bought", () => {
    let s = delivered('DE', 'operator');
    s = applied(s, Order.from(s).complete(day(30)));
    expect(s.status).toBe('completed');
    const change = Order.from(s).requestReturn({ returnId: 'bb-1', lines: [{ lineId: 'L1', quantity: 3 }, { lineId: 'L2', quantity: 1 }], reason: 'unsold', by: 'm-1', buyBack: true }, DE, day(200));
    expect(events(change)[0].data).toMatchObject({ returnId: 'bb-1', buyBack: true });
    s = applied(s, change);
    s = applied(s, Order.from(s).returnReceived('bb-1', [{ skuId: 'sku-a', quantity: 2, resellable: true }, { skuId: 'sku-a', quantity: 1, resellable: false }, { skuId: 'sku-b', quantity: 1, resellable: true }], DE, day(205)));
    // 666 + 2599 = 3265 bought at 90%: the fee (10%, rounded down) is 326, so the operator gets 2939 ≥ 0.9 × 3265.
    expect(s.refunds!.at(-1)).toMatchObject({ kind: 'buy-back', amount: 2939, fee: 326, lines: [{ lineId: 'L1', quantity: 2, amount: 666 }, { lineId: 'L2', quantity: 1, amount: 2599 }] });
    const confirm = Order.from(s).refundConfirmed(s.refunds!.at(-1)!.refundId, day(206));
    expect(events(confirm)[0].data).toMatchObject({ buyBack: true, returnId: 'bb-1', amount: { amount: 2939 }, restockingFee: { amount: 326 }, fullyRefunded: false });
    s = applied(s, confirm);
    // The damaged unit stays with the platform unpaid and cannot be sold back again.
    expect((Order.from(s).requestReturn({ returnId: 'bb-2', lines: [{ lineId: 'L1', quantity: 1 }], reason: 'x', by: 'm-1', buyBack: true }, DE, day(207)) as DomainError).message).toMatch(/only 0 unit/);
  });

  it('refuses a buy-back by a consumer, after the buy-back period, or of an order not delivered', () => {
    const bb = (s: OrderState, at: number) => Order.from(s).requestReturn({ returnId: 'bb', lines: [{ lineId: 'L1', quantity: 1 }], reason: 'x', by: 'm-1', buyBack: true }, DE, day(at));
    expect((bb(delivered('DE', 'consumer'), 10) as DomainError).field).toBe('buyer');
    expect((bb(delivered('DE', 'operator'), 366) as DomainError).field).toBe('status');
    expect(bb(delivered('DE', 'operator'), 360)).not.toBeInstanceOf(DomainError);
  });

  it('an outbound parcel back at the warehouse refunds the whole order, shipping included; a return parcel or another shipment does not', () => {
    let s = delivered();
    expect(Order.from(s).returnedToSender('s-1', day(1))).toBeNull();
    s = Order.place({ orderId: 'o-2', buyerId: 'm-1', buyerKind: 'consumer', referringOperatorId: null, market: 'DE', currency: 'EUR', priced, shippingAddress: address, buyerSeq: 2 }, T0).state;
    s = applied(s, Order.from(s).confirm('r-1', day(1), T0, DAY));
    s = applied(s, Order.from(s).pay({ paymentId: 'pay-1', provider: 'sandbox', amount: 4093, currency: 'EUR', receivedAt: T0 }, T0));
    s = applied(s, Order.from(s).ship('s-1', day(1)));
    expect(Order.from(s).returnedToSender('s-other', day(5))).toBeNull();
    s = applied(s, Order.from(s).returnedToSender('s-1', day(5)));
    expect(s).toMatchObject({ status: 'returned', refundDue: 4093 });
    expect(Order.from(s).returnedToSender('s-1', day(5))).toBeNull();
    const confirm = Order.from(s).refundConfirmed(s.refunds![0].refundId, day(6));
    expect(events(confirm)[0].data).toMatchObject({ amount: { amount: 4093 }, shippingRefunded: { amount: 495 }, fullyRefunded: true, returnId: null });
  });

  it('a failed refund is asked again after a doubling backoff until its attempts are used up', () => {
    let s = delivered();
    s = applied(s, Order.from(s).requestReturn({ returnId: 'r', lines: [{ lineId: 'L2', quantity: 1 }], reason: 'x', by: 'm', buyBack: false }, DE, day(1)));
    s = applied(s, Order.from(s).returnReceived('r', [{ skuId: 'sku-b', quantity: 1, resellable: true }], DE, day(2)));
    const id = s.refunds!.at(-1)!.refundId;
    const policy = { maxAttempts: 3, backoffMs: 60_000 };
    const t = day(2).getTime();
    s = applied(s, Order.from(s).refundFailed(id, 'down', new Date(t), policy));
    expect(s.refunds!.at(-1)).toMatchObject({ status: 'failed', attempts: 1, nextRetryAt: new Date(t + 60_000) });
    expect(Order.from(s).autoRetryRefund(id, 1, new Date(t + 59_000))).toBeNull();
    expect(Order.from(s).autoRetryRefund(id, 2, new Date(t + 60_000))).toBeNull();
    s = applied(s, Order.from(s).autoRetryRefund(id, 1, new Date(t + 60_000)));
    expect(s.refunds!.at(-1)).toMatchObject({ status: 'requested', attempts: 2 });
    expect(s.refunds!.at(-1)!.nextRetryAt).toBeUndefined();
    s = applied(s, Order.from(s).refundFailed(id, 'down', new Date(t + 70_000), policy));
    expect(s.refunds!.at(-1)!.nextRetryAt).toEqual(new Date(t + 70_000 + 120_000));
    s = applied(s, Order.from(s).autoRetryRefund(id, 2, new Date(t + 190_000)));
    s = applied(s, Order.from(s).refundFailed(id, 'down', new Date(t + 200_000), policy));
    expect(s.refunds!.at(-1)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(s.refunds!.at(-1)!.nextRetryAt).toBeUndefined();
    expect(Order.from(s).retryRefund(id, new Date(t + 300_000))).not.toBeInstanceOf(DomainError);
  });

  it('ops send a held payment back once, as a refund of that payment', () => {
    const s = delivered();
    const held = { paymentId: 'pay-2', provider: 'sandbox', amount: 100, currency: 'USD' };
    const after = applied(s, Order.from(s).refundHeldPayment(held, day(1)));
    expect(after.refunds!.at(-1)).toMatchObject({ kind: 'payment', paymentId: 'pay-2', amount: 100, currency: 'USD', status: 'requested' });
    expect(after.refundDue ?? 0).toBe(0);
    expect(Order.from(after).refundHeldPayment(held, day(2))).toBeNull();
    expect(Order.from(s).refundHeldPayment({ ...held, paymentId: 'pay-1' }, day(1))).toBeInstanceOf(DomainError);
  });
});
