import { Topics } from '@netdirect/contracts';
import { uniqueId, waitFor } from '@netdirect/runtime/testing';
import { OrderState } from '../src/orders/order';
import { OrdersHarness, TestPaymentProvider } from './support/orders-harness';
import {
  memberRegistered,
  productPublished,
  returnShipmentReceived,
  shipmentDelivered,
  shipmentDispatched,
  shipmentReturnedToSender,
  stockReserved,
  TestSku,
} from './support/orders-events';

/*
 * Returns, buy-backs, parcels back to sender and refunds to the provider,
 * against the real Kafka and database on the test clock. The test acts as
 * catalog, network, logistics and the payment provider (signed webhooks);
 * outcomes come from this test's database and the events of its own orders.
 *
 * The usual order: 3 × tea at 9.99 (L1, 29.97) and 1 × pot at 25.99 (L2),
 * subtotal 55.96: above DE's free-shipping threshold (50.00), below AT's
 * (60.00), so AT charges 5.90 shipping. The test clock only moves forward.
 */

const h = new OrdersHarness({
  MONGO_DB: `test_orders_ret_${uniqueId()}`,
  KAFKA_GROUP_ID: `test-orders-ret-${uniqueId()}`,
  CLOCK: 'test',
  CLOCK_START: '2030-01-01T00:00:00Z',
  TIMERS_POLL_MS: '50',
  ORDERS_PAYMENT_WINDOW: '1h',
  ORDERS_REFUND_RETRY_BACKOFF: '10m',
  ORDERS_REFUND_MAX_ATTEMPTS: '2',
});
const address = (country: string) => ({ name: 'Ada Lovelace', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country });

describe('returns, buy-backs and refunds', () => {
  let payments: TestPaymentProvider;
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), name: '500 g', retail: 999, member: 799, bv: 300 };
  const pot: TestSku = { skuId: uniqueId('sku-pot-'), name: '1 l', retail: 2599, member: 1999, bv: 900 };
  const operator = uniqueId('op-');
  const consumer = uniqueId('cons-');
  const referral = uniqueId('C-');

  beforeAll(async () => {
    await h.start({
      catalog: [productPublished(uniqueId('prod-'), 'Green tea', [tea, pot])],
      network: [memberRegistered(operator, 'operator', [], referral), memberRegistered(consumer, 'consumer', [operator])],
      ready: async (db) => (await db.collection('catalog_skus').findOne({ _id: pot.skuId as never })) && db.collection('network_members').findOne({ _id: consumer as never }),
    });
    payments = await h.provider();
  }, 60_000);
  afterAll(() => h.stop());

  const { kafka } = h;
  const http = () => h.http();
  const ops = () => h.bearer('ops');
  const as = (member: string) => h.bearer('member', member);
  const clock = () => h.clock();
  const order = (id: string) => h.order(id);
  const statusIs = (id: string, status: string) => h.statusIs(id, status);
  const eventsFor = (orderId: string) => h.eventsFor(orderId);
  const eventOf = (orderId: string, type: string, match: (d: Record<string, any>) => boolean = () => true) =>
    waitFor(type, () => eventsFor(orderId).find((e) => e.type === type && match(e.data))?.data);
  const signed = (body: object) => payments.deliver(body).expect(200);
  const openRefunds = () => payments.refunds();
  /** The provider's refund request for a return, once the order asked for it. */
  const refundFor = (orderId: string, returnId?: string) =>
    waitFor('the refund request', async () => {
      const o = await order(orderId);
      const r = o?.refunds?.find((x) => (returnId ? x.returnId === returnId : true) && x.status !== 'confirmed');
      return r && (await openRefunds()).find((x: { refundId: string }) => x.refundId === r.refundId);
    });
  const confirmRefund = (orderId: string, refund: { refundId: string; paymentId: string }) =>
    signed({ type: 'refund.succeeded', orderId, paymentId: refund.paymentId, refundId: refund.refundId });

  /** An order placed by `buyer`, paid, dispatched and delivered (at the test clock's now). */
  async function delivered(buyer: string, market: string, lines = [{ skuId: tea.skuId, quantity: 3 }, { skuId: pot.skuId, quantity: 1 }]): Promise<OrderState> {
    const { body } = await http().post('/v1/orders').set('Authorization', as(buyer)).send({ market, lines, shippingAddress: address(market) }).expect(201);
    const id: string = body.orderId;
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(id, new Date(clock().now().getTime() + 30 * 60_000).toISOString(), lines)]);
    await statusIs(id, 'confirmed');
    await signed({ type: 'payment.succeeded', orderId: id, paymentId: uniqueId('pm_'), amount: { amount: body.totals.total.amount, currency: 'EUR' } });
    await statusIs(id, 'paid');
    const shipment = uniqueId('shp-');
    await kafka.produce(Topics.logisticsShipments.name, [shipmentDispatched(id, shipment), shipmentDelivered(id, shipment)]);
    return (await statusIs(id, 'delivered'))!;
  }
  const returnRequested = (orderId: string, returnId: string) => eventOf(orderId, 'ReturnRequested', (d) => d.returnId === returnId);

  it.each([
    ['DE', 0, 459],
    ['AT', 590, 689],
  ])(
    'a partial return is refunded to the minor unit under %s rules: in full within the withdrawal period, less the restocking fee after it, the whole order adding up',
    async (market, shipping, fee) => {
      const o = await delivered(consumer, market);
      expect(o.total).toBe(5596 + shipping);
      const [l1, l2] = o.lines;

      // Day 2 (within the 14-day withdrawal period): one unit of tea.
      clock().advance('2d');
      const first = await http().post(`/v1/orders/${o._id}/returns`).set('Authorization', as(consumer)).set('Idempotency-Key', `r1-${market}`).send({ lines: [{ lineId: l1.lineId, quantity: 1 }], reason: 'Too much tea' }).expect(201);
      const ret1 = first.body.returns[0];
      expect(ret1).toMatchObject({ status: 'requested', withinWithdrawal: true, buyBack: false });
      // A retried request with the same key is the same return.
      const again = await http().post(`/v1/orders/${o._id}/returns`).set('Authorization', as(consumer)).set('Idempotency-Key', `r1-${market}`).send({ lines: [{ lineId: l1.lineId, quantity: 1 }], reason: 'Too much tea' }).expect(201);
      expect(again.body.returns).toHaveLength(1);
      expect(await returnRequested(o._id, ret1.returnId)).toMatchObject({ lines: [{ lineId: l1.lineId, skuId: tea.skuId, quantity: 1 }], reason: 'Too much tea' });

      await kafka.produce(Topics.logisticsShipments.name, [returnShipmentReceived(o._id, ret1.returnId, [{ skuId: tea.skuId, quantity: 1, resellable: true }])]);
      const asked1 = await refundFor(o._id, ret1.returnId);
      expect(asked1).toMatchObject({ amount: { amount: 999, currency: 'EUR' }, status: 'requested' });
      await confirmRefund(o._id, asked1);
      const refunded1 = await eventOf(o._id, 'OrderRefunded', (d) => d.returnId === ret1.returnId);
      expect(refunded1).toMatchObject({
        amount: { amount: 999, currency: 'EUR' },
        lines: [{ lineId: l1.lineId, skuId: tea.skuId, quantity: 1, amount: { amount: 999, currency: 'EUR' }, bv: 300 }],
        refundedBv: 300,
        restockingFee: { amount: 0, currency: 'EUR' },
        shippingRefunded: { amount: 0, currency: 'EUR' },
        fullyRefunded: false,
      });

      // Day 20 (after the withdrawal period, within the 30-day return window): the rest, one tea damaged.
      clock().advance('18d');
      const second = await http()
        .post(`/v1/orders/${o._id}/returns`)
        .set('Authorization', as(consumer))
        .send({ lines: [{ lineId: l1.lineId, quantity: 2 }, { lineId: l2.lineId, quantity: 1 }], reason: 'Changed my mind' })
        .expect(201);
      const ret2 = second.body.returns[1];
      expect(ret2.withinWithdrawal).toBe(false);
      await returnRequested(o._id, ret2.returnId);
      await kafka.produce(Topics.logisticsShipments.name, [
        returnShipmentReceived(o._id, ret2.returnId, [
          { skuId: tea.skuId, quantity: 1, resellable: true },
          { skuId: tea.skuId, quantity: 1, resellable: false },
          { skuId: pot.skuId, quantity: 1, resellable: true },
        ]),
      ]);
      const asked2 = await refundFor(o._id, ret2.returnId);
      // Lines 1998 + 2599 = 4597; the fee is DE 10% / AT 15% of it, rounded down; the outbound shipping stays (outside withdrawal).
      expect(asked2.amount).toEqual({ amount: 4597 - fee, currency: 'EUR' });
      await confirmRefund(o._id, asked2);
      const refunded2 = await eventOf(o._id, 'OrderRefunded', (d) => d.returnId === ret2.returnId);
      expect(refunded2).toMatchObject({
        amount: { amount: 4597 - fee },
        restockingFee: { amount: fee },
        shippingRefunded: { amount: 0 },
        refundedBv: 1500,
        fullyRefunded: true,
      });
      expect(refunded2.lines).toEqual([
        { lineId: l1.lineId, skuId: tea.skuId, quantity: 2, amount: { amount: 1998, currency: 'EUR' }, bv: 600 },
        { lineId: l2.lineId, skuId: pot.skuId, quantity: 1, amount: { amount: 2599, currency: 'EUR' }, bv: 900 },
      ]);
      // Every unit refunded: the lines add up to the subtotal, and what was kept is exactly the fee and the shipping.
      expect(refunded1.amount.amount + refunded2.amount.amount + fee + shipping).toBe(o.total);
      const after = await http().get(`/v1/orders/${o._id}`).set('Authorization', as(consumer)).expect(200);
      expect(after.body.returns.map((r: { status: string }) => r.status)).toEqual(['settled', 'settled']);
      expect(after.body.refunds.map((r: { kind: string; status: string }) => [r.kind, r.status])).toEqual([['return', 'confirmed'], ['return', 'confirmed']]);
    },
    60_000,
  );

  it('a guest returns with its access token; nobody else may return the order', async () => {
    const lines = [{ skuId: pot.skuId, quantity: 1 }];
    const placed = await http().post('/v1/guest-orders').send({ market: 'DE', lines, shippingAddress: address('DE'), referralCode: referral }).expect(201);
    const id: string = placed.body.orderId;
    const token: string = placed.body.accessToken;
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(id, new Date(clock().now().getTime() + 30 * 60_000).toISOString(), lines)]);
    await statusIs(id, 'confirmed');
    await signed({ type: 'payment.succeeded', orderId: id, paymentId: uniqueId('pm_'), amount: { amount: placed.body.totals.total.amount, currency: 'EUR' } });
    await statusIs(id, 'paid');
    const shipment = uniqueId('shp-');
    await kafka.produce(Topics.logisticsShipments.name, [shipmentDispatched(id, shipment), shipmentDelivered(id, shipment)]);
    await statusIs(id, 'delivered');

    const body = { lines: [{ lineId: placed.body.lines[0].lineId, quantity: 1 }], reason: 'Broken on arrival' };
    await http().post(`/v1/guest-orders/${id}/returns`).send(body).expect(403);
    await http().post(`/v1/guest-orders/${id}/returns`).set('Order-Access-Token', 'x'.repeat(43)).send(body).expect(403);
    await http().post(`/v1/orders/${id}/returns`).set('Authorization', as(consumer)).send(body).expect(403);
    await http().post(`/v1/orders/${uniqueId('none-')}/returns`).set('Authorization', as(consumer)).send(body).expect(403);
    const bad = await http().post(`/v1/guest-orders/${id}/returns`).set('Order-Access-Token', token).send({ ...body, lines: [{ lineId: 'L9', quantity: 1 }] }).expect(422);
    expect(bad.body.fields).toEqual([{ field: 'lines[0].lineId', reason: 'the order has no line L9' }]);
    const ok = await http().post(`/v1/guest-orders/${id}/returns`).set('Order-Access-Token', token).send(body).expect(201);
    expect(await returnRequested(id, ok.body.returns[0].returnId)).toMatchObject({ lines: [{ skuId: pot.skuId, quantity: 1 }] });
    // The whole order back within the withdrawal period: the line and the outbound shipping (25.99 is below DE's free-shipping threshold).
    await kafka.produce(Topics.logisticsShipments.name, [returnShipmentReceived(id, ok.body.returns[0].returnId, [{ skuId: pot.skuId, quantity: 1, resellable: false }])]);
    expect(await refundFor(id)).toMatchObject({ amount: { amount: 2599 + 495, currency: 'EUR' } });
    expect(placed.body.totals.total.amount).toBe(2599 + 495);
  });

  it("an operator sells back resellable stock it bought at the market's buy-back share: OrderRefunded marked buy-back", async () => {
    const o = await delivered(operator, 'DE');
    // The return window ends: the order completes; buy-back is still open (365 days).
    clock().advance('31d');
    await statusIs(o._id, 'completed');
    const [l1, l2] = o.lines;
    expect(l1.unitPrice).toBe(799);
    const body = { lines: [{ lineId: l1.lineId, quantity: 3 }, { lineId: l2.lineId, quantity: 1 }], reason: 'Unsold stock' };
    await http().post(`/v1/orders/${o._id}/buy-backs`).set('Authorization', as(consumer)).send(body).expect(403);
    const res = await http().post(`/v1/orders/${o._id}/buy-backs`).set('Authorization', as(operator)).send(body).expect(201);
    const bb = res.body.returns[0];
    expect(bb).toMatchObject({ buyBack: true, status: 'requested' });
    expect(await returnRequested(o._id, bb.returnId)).toMatchObject({ buyBack: true });
    // Two teas resellable, one opened; the pot resellable. Only resellable units are bought back.
    await kafka.produce(Topics.logisticsShipments.name, [
      returnShipmentReceived(o._id, bb.returnId, [
        { skuId: tea.skuId, quantity: 2, resellable: true },
        { skuId: tea.skuId, quantity: 1, resellable: false },
        { skuId: pot.skuId, quantity: 1, resellable: true },
      ]),
    ]);
    const asked = await refundFor(o._id, bb.returnId);
    // Lines at member price: 2 of 3 teas (2 × 799 = 1598 of 2397) + the pot 1999 = 3597; 90%: fee 359 (rounded down), 3238 back.
    expect(asked.amount).toEqual({ amount: 3238, currency: 'EUR' });
    expect(asked.amount.amount * 10_000).toBeGreaterThanOrEqual(3597 * 9000);
    await confirmRefund(o._id, asked);
    const refunded = await eventOf(o._id, 'OrderRefunded', (d) => d.returnId === bb.returnId);
    expect(refunded).toMatchObject({ buyBack: true, amount: { amount: 3238 }, restockingFee: { amount: 359 }, refundedBv: 1500, fullyRefunded: false });
    expect((await order(o._id))!.status).toBe('completed');
  });

  it('out of order and twice: a delivery before its dispatch, a received parcel reported twice, the window ending with a return open', async () => {
    const lines = [{ skuId: tea.skuId, quantity: 3 }];
    const { body } = await http().post('/v1/orders').set('Authorization', as(consumer)).send({ market: 'DE', lines, shippingAddress: address('DE') }).expect(201);
    const id: string = body.orderId;
    // The payment beside the confirmation (provider vs catalog; answered at once, as other test files' catalogs
    // answer our OrderPlaced too), then the delivery before the dispatch.
    await Promise.all([
      signed({ type: 'payment.succeeded', orderId: id, paymentId: uniqueId('pm_'), amount: { amount: body.totals.total.amount, currency: 'EUR' } }),
      kafka.produce(Topics.catalogReservations.name, [stockReserved(id, new Date(clock().now().getTime() + 30 * 60_000).toISOString(), lines)]),
    ]);
    await statusIs(id, 'paid');
    const shipment = uniqueId('shp-');
    await kafka.produce(Topics.logisticsShipments.name, [shipmentDelivered(id, shipment)]);
    await statusIs(id, 'delivered');
    await kafka.produce(Topics.logisticsShipments.name, [shipmentDispatched(id, shipment)]);

    clock().advance('29d');
    const res = await http().post(`/v1/orders/${id}/returns`).set('Authorization', as(consumer)).send({ lines: [{ lineId: body.lines[0].lineId, quantity: 1 }], reason: 'x' }).expect(201);
    const returnId = res.body.returns[0].returnId;
    await returnRequested(id, returnId);
    clock().advance('2d');
    // The window's timer fired with the return open: still delivered.
    await waitFor('the window timer', async () => (await h.db.collection('timers').findOne({ _id: `return-window-end:${id}` as never }))?.status === 'done');
    expect((await order(id))!.status).toBe('delivered');
    await http().post(`/v1/orders/${id}/returns`).set('Authorization', as(consumer)).send({ lines: [{ lineId: body.lines[0].lineId, quantity: 1 }], reason: 'y' }).expect(422);

    const parcel = returnShipmentReceived(id, returnId, [{ skuId: tea.skuId, quantity: 1, resellable: true }]);
    await kafka.produce(Topics.logisticsShipments.name, [parcel, parcel, returnShipmentReceived(id, returnId, [{ skuId: tea.skuId, quantity: 1, resellable: true }])]);
    const asked = await refundFor(id, returnId);
    await new Promise((r) => setTimeout(r, 400));
    expect((await order(id))!.refunds!.filter((r) => r.returnId === returnId)).toHaveLength(1);
    // Within the withdrawal period? No: asked on day 29. 999 less DE's 10% fee (99).
    expect(asked.amount.amount).toBe(900);
    await confirmRefund(id, asked);
    await confirmRefund(id, asked);
    const done = await statusIs(id, 'completed');
    // Delivered straight from paid (the dispatch came after and changed nothing), completed by the settled return.
    expect(done.history.map((h) => [h.to, h.cause]).slice(-2)).toEqual([
      ['delivered', 'ShipmentDelivered'],
      ['completed', 'return-settled'],
    ]);
    expect(done.history.some((h) => h.to === 'shipped')).toBe(false);
    await waitFor('OrderCompleted', () => eventsFor(id).some((e) => e.type === 'OrderCompleted'));
    expect(eventsFor(id).map((e) => e.type)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderPaid', 'OrderDelivered', 'ReturnRequested', 'OrderRefunded', 'OrderCompleted']);
  });

  it('an outbound parcel back to sender refunds the whole order; a failed refund is retried on a backoff, then left to ops', async () => {
    const lines = [{ skuId: pot.skuId, quantity: 1 }];
    const { body } = await http().post('/v1/orders').set('Authorization', as(consumer)).send({ market: 'AT', lines, shippingAddress: address('AT') }).expect(201);
    const id: string = body.orderId;
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(id, new Date(clock().now().getTime() + 30 * 60_000).toISOString(), lines)]);
    await statusIs(id, 'confirmed');
    await signed({ type: 'payment.succeeded', orderId: id, paymentId: uniqueId('pm_'), amount: { amount: 3189, currency: 'EUR' } });
    await statusIs(id, 'paid');
    const shipment = uniqueId('shp-');
    await kafka.produce(Topics.logisticsShipments.name, [
      shipmentDispatched(id, shipment),
      // A return parcel of the order coming back is not the outbound one.
      shipmentReturnedToSender(id, uniqueId('shp-ret-'), 'return', lines),
    ]);
    await statusIs(id, 'shipped');
    await kafka.produce(Topics.logisticsShipments.name, [shipmentReturnedToSender(id, shipment, 'outbound', lines)]);
    const returned = await statusIs(id, 'returned');
    expect(returned!.history.at(-1)).toMatchObject({ from: 'shipped', to: 'returned', cause: 'ShipmentReturnedToSender' });
    const asked = await refundFor(id);
    expect(asked).toMatchObject({ amount: { amount: 3189, currency: 'EUR' }, attempts: 1 });

    await signed({ type: 'refund.failed', orderId: id, paymentId: asked.paymentId, refundId: asked.refundId, reason: 'provider down' });
    const failed = await waitFor('failed', async () => (await openRefunds()).find((r: { refundId: string; status: string }) => r.refundId === asked.refundId && r.status === 'failed'));
    expect(new Date(failed.nextRetryAt).getTime() - clock().now().getTime()).toBeLessThanOrEqual(10 * 60_000);
    clock().advance('10m');
    await waitFor('the automatic retry', async () => (await openRefunds()).find((r: { refundId: string; status: string; attempts: number }) => r.refundId === asked.refundId && r.status === 'requested' && r.attempts === 2));
    // The second failure uses the last attempt: no automatic retry, ops decide.
    await signed({ type: 'refund.failed', orderId: id, paymentId: asked.paymentId, refundId: asked.refundId, reason: 'still down' });
    const last = await waitFor('failed again', async () => (await openRefunds()).find((r: { refundId: string; status: string }) => r.refundId === asked.refundId && r.status === 'failed'));
    expect(last.nextRetryAt).toBeUndefined();
    clock().advance('1h');
    await new Promise((r) => setTimeout(r, 300));
    expect((await openRefunds()).find((r: { refundId: string }) => r.refundId === asked.refundId)).toMatchObject({ status: 'failed', attempts: 2 });
    await http().post(`/v1/payments/refunds/${asked.refundId}/retry`).set('Authorization', ops()).expect(200);
    await confirmRefund(id, asked);
    const refunded = await eventOf(id, 'OrderRefunded');
    expect(refunded).toMatchObject({ amount: { amount: 3189 }, shippingRefunded: { amount: 590 }, fullyRefunded: true, returnId: null });
  });

  it('ops send a held payment back instead of applying it', async () => {
    const lines = [{ skuId: pot.skuId, quantity: 1 }];
    const { body } = await http().post('/v1/orders').set('Authorization', as(consumer)).send({ market: 'DE', lines, shippingAddress: address('DE') }).expect(201);
    const id: string = body.orderId;
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(id, new Date(clock().now().getTime() + 30 * 60_000).toISOString(), lines)]);
    await statusIs(id, 'confirmed');
    const paymentId = uniqueId('pm_');
    expect((await signed({ type: 'payment.succeeded', orderId: id, paymentId, amount: { amount: 100, currency: 'USD' } })).body.outcome).toBe('held');
    const heldId = encodeURIComponent(`${payments.id}:${paymentId}`);
    const decided = await http().post(`/v1/payments/held/${heldId}/refund`).set('Authorization', ops()).expect(200);
    expect(decided.body).toMatchObject({ status: 'refunded' });
    await http().post(`/v1/payments/held/${heldId}/apply`).set('Authorization', ops()).expect(422);
    const asked = await refundFor(id);
    expect(asked).toMatchObject({ paymentId, amount: { amount: 100, currency: 'USD' } });
    await confirmRefund(id, asked);
    await waitFor('confirmed', async () => (await order(id))!.refunds![0].status === 'confirmed');
    expect((await order(id))!.status).toBe('confirmed');
    expect(eventsFor(id).some((e) => e.type === 'OrderRefunded')).toBe(false);
  });
});
