import { Topics } from '@netdirect/contracts';
import { uniqueId, waitFor } from '@netdirect/runtime/testing';
import type { Response } from 'supertest';
import { OrdersHarness } from './support/orders-harness';
import {
  memberRegistered,
  memberStatusChanged,
  memberUpgraded,
  productPublished,
  productRetired,
  stockCommitFailed,
  stockRejected,
  stockReleased,
  stockReserved,
  TestSku,
} from './support/orders-events';

/*
 * Placing orders and the order process against the real Kafka and database.
 * The test acts as the catalog (product events, reservation answers) and the
 * network (member events) by producing their events; the outcome is read
 * from this test's own database and from OrderPlaced/OrderConfirmed/… keyed by
 * order ids unique to this test (deduplicated by event id). Catalog replicas
 * of other test files running at the same time also answer our OrderPlaced;
 * the test answers each order itself at once, and an order takes only the
 * first answer (guarded transitions).
 */

const h = new OrdersHarness({
  MONGO_DB: `test_orders_${uniqueId()}`,
  KAFKA_GROUP_ID: `test-orders-${uniqueId()}`,
  CLOCK: 'test',
  CLOCK_START: '2030-01-01T00:00:00Z',
  TIMERS_POLL_MS: '50',
  ORDERS_PAYMENT_WINDOW: '20m',
  ORDERS_MAX_LINE_QUANTITY: '10',
});
const ADDRESS = { name: 'Ada Lovelace', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };

describe('orders against real Kafka and the database', () => {
  const product = uniqueId('prod-');
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), name: '500 g', retail: 1299, member: 999, bv: 800 };
  const pot: TestSku = { skuId: uniqueId('sku-pot-'), name: '1 l', retail: 4000, member: 3000, bv: 2500 };
  const old: TestSku = { skuId: uniqueId('sku-old-'), name: 'old', retail: 100, member: 80, bv: 10 };
  const root = uniqueId('op-root-');
  const operator = uniqueId('op-');
  const consumer = uniqueId('cons-');
  const code = uniqueId('CODE-');

  beforeAll(
    () =>
      h.start({
        catalog: [productPublished(product, 'Green tea', [tea, pot, old]), productRetired(product, [old.skuId])],
        network: [
          memberRegistered(root, 'operator', [], uniqueId('ROOT-')),
          memberRegistered(operator, 'operator', [root], code),
          memberRegistered(consumer, 'consumer', [operator, root]),
        ],
        ready: async (db) => {
          const skus = await db.collection('catalog_skus').findOne({ _id: old.skuId as never });
          const members = await db.collection('network_members').countDocuments({ _id: { $in: [root, operator, consumer] } as never });
          return skus?.status === 'retired' && members === 3;
        },
      }),
    60_000,
  );
  afterAll(() => h.stop());

  const { kafka } = h;
  const http = () => h.http();
  const member = (id: string) => h.bearer('member', id);
  const ops = () => h.bearer('ops');
  const order = (id: string) => h.order(id);
  const eventsFor = (orderId: string) => h.eventsFor(orderId);
  const place = (buyer: string, lines: { skuId: string; quantity: number }[], extra: Record<string, unknown> = {}) =>
    http().post('/v1/orders').set('Authorization', member(buyer)).send({ market: 'DE', lines, shippingAddress: ADDRESS, ...extra });
  const clock = () => h.clock();
  const confirmed = async (orderId: string, expiresAt = '2030-01-01T00:30:00.000Z') => {
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(orderId, expiresAt, [{ skuId: tea.skuId, quantity: 1 }])]);
    return waitFor(`order ${orderId} confirmed`, async () => (await order(orderId))?.status === 'confirmed' && (await order(orderId)));
  };

  it('a consumer orders at retail through the nearest active operator; prices, BV and names are snapshotted', async () => {
    const res = await place(consumer, [{ skuId: tea.skuId, quantity: 2 }]).expect(201);
    expect(res.body).toMatchObject({
      status: 'placed',
      buyerId: consumer,
      buyerKind: 'consumer',
      referringOperatorId: operator,
      lines: [{ lineId: 'L1', skuId: tea.skuId, productName: 'Green tea', skuName: '500 g', unitPrice: { amount: 1299, currency: 'EUR' }, memberUnitPrice: { amount: 999, currency: 'EUR' }, priceKind: 'retail', bvPerUnit: 800 }],
      totals: { subtotal: { amount: 2598 }, shipping: { amount: 495 }, total: { amount: 3093 }, taxIncluded: { amount: 494 } },
      totalBv: 1600,
      history: [{ from: null, to: 'placed', cause: 'placed' }],
    });
    const placed = await waitFor('OrderPlaced', () => eventsFor(res.body.orderId).find((e) => e.type === 'OrderPlaced'));
    expect(placed.data).toMatchObject({ buyerKind: 'consumer', referringOperatorId: operator, totalBv: 1600, totals: { total: { amount: 3093, currency: 'EUR' } } });
    expect(placed.data.lines[0]).toMatchObject({ memberUnitPrice: { amount: 999 }, productName: 'Green tea', skuName: '500 g' });
  });

  it('an operator buys at member price for itself (no seller), shipping free from the threshold', async () => {
    const res = await place(operator, [{ skuId: pot.skuId, quantity: 2 }]).expect(201);
    expect(res.body).toMatchObject({ buyerKind: 'operator', referringOperatorId: null, lines: [{ priceKind: 'member', unitPrice: { amount: 3000 } }], totals: { shipping: { amount: 0 }, total: { amount: 6000 } } });
  });

  it('a guest orders with a referral code and reads its order only with its token', async () => {
    const res = await http().post('/v1/guest-orders').send({ market: 'DE', referralCode: code, lines: [{ skuId: tea.skuId, quantity: 1 }], shippingAddress: ADDRESS }).expect(201);
    expect(res.body).toMatchObject({ buyerKind: 'guest', referringOperatorId: operator, lines: [{ priceKind: 'retail' }] });
    const { orderId, accessToken, buyerId } = res.body;
    expect(typeof accessToken).toBe('string');
    await http().get(`/v1/guest-orders/${orderId}`).set('Order-Access-Token', accessToken).expect(200);
    await http().get(`/v1/guest-orders/${orderId}`).expect(403);
    await http().get(`/v1/guest-orders/${orderId}`).set('Order-Access-Token', `${accessToken.slice(1)}x`).expect(403);
    await http().get(`/v1/orders/${orderId}`).set('Authorization', member(consumer)).expect(403);
    await http().get(`/v1/orders/${orderId}`).set('Authorization', ops()).expect(200);
    expect(buyerId).not.toBe(operator);
    const placed = await waitFor('OrderPlaced', () => eventsFor(orderId).find((e) => e.type === 'OrderPlaced'));
    expect(placed.data.buyerKind).toBe('guest');
  });

  it.each([
    ['an unknown SKU', [{ skuId: 'tea' }, { skuId: 'nope' }], {}, 422, 'lines[1].skuId'],
    ['a retired SKU', [{ skuId: 'old' }], {}, 422, 'lines[0].skuId'],
    ['more units than a line may have', [{ skuId: 'tea', quantity: 11 }], {}, 422, 'lines[0].quantity'],
    ['a quantity of zero', [{ skuId: 'tea', quantity: 0 }], {}, 400, 'lines.0.quantity'],
    ['an address outside the market', [{ skuId: 'tea' }], { shippingAddress: { ...ADDRESS, country: 'AT' } }, 422, 'shippingAddress.country'],
    ['an address without street', [{ skuId: 'tea' }], { shippingAddress: { ...ADDRESS, lines: [] } }, 400, 'shippingAddress.lines'],
    ['an unknown market', [{ skuId: 'tea' }], { market: 'FR', shippingAddress: { ...ADDRESS, country: 'FR' } }, 422, 'market'],
  ])('refuses %s, naming the field', async (_what, lines, extra, status, field) => {
    const ids: Record<string, string> = { tea: tea.skuId, old: old.skuId, nope: uniqueId('nope-') };
    const res = await place(consumer, (lines as { skuId: string; quantity?: number }[]).map((l) => ({ skuId: ids[l.skuId], quantity: l.quantity ?? 1 })), extra).expect(status);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('refuses an unknown referral code and a code whose operator is not active', async () => {
    const body = { market: 'DE', lines: [{ skuId: tea.skuId, quantity: 1 }], shippingAddress: ADDRESS };
    const unknown = await http().post('/v1/guest-orders').send({ ...body, referralCode: uniqueId('NOPE-') }).expect(422);
    expect(unknown.body.fields).toEqual([{ field: 'referralCode', reason: 'no operator has this referral code' }]);
    const suspended = uniqueId('op-susp-');
    const suspendedCode = uniqueId('SUSP-');
    await kafka.produce(Topics.networkMembers.name, [memberRegistered(suspended, 'operator', [root], suspendedCode), memberStatusChanged(suspended, 'suspended')]);
    await waitFor('suspended', async () => (await h.db.collection('network_members').findOne({ _id: suspended as never }))?.status === 'suspended');
    const res = await http().post('/v1/guest-orders').send({ ...body, referralCode: suspendedCode }).expect(422);
    expect(res.body.fields[0]).toEqual({ field: 'referralCode', reason: 'the operator of this code is suspended' });
  });

  it('a retried POST with the same Idempotency-Key answers the same order, placed once', async () => {
    const key = uniqueId('key-');
    const first = await place(consumer, [{ skuId: tea.skuId, quantity: 1 }]).set('Idempotency-Key', key).expect(201);
    const again = await place(consumer, [{ skuId: tea.skuId, quantity: 1 }]).set('Idempotency-Key', key).expect(201);
    expect(again.body.orderId).toBe(first.body.orderId);
    const other = await place(operator, [{ skuId: tea.skuId, quantity: 1 }]).set('Idempotency-Key', key).expect(201);
    expect(other.body.orderId).not.toBe(first.body.orderId);
    await waitFor('OrderPlaced', () => eventsFor(first.body.orderId).some((e) => e.type === 'OrderPlaced'));
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsFor(first.body.orderId).filter((e) => e.type === 'OrderPlaced')).toHaveLength(1);
  });

  it('StockReserved confirms with the earlier of the reservation expiry and the payment window; a duplicate is one transition', async () => {
    const { body } = await place(consumer, [{ skuId: tea.skuId, quantity: 1 }]).expect(201);
    const reserved = stockReserved(body.orderId, '2030-01-01T00:30:00.000Z', [{ skuId: tea.skuId, quantity: 1 }]);
    await kafka.produce(Topics.catalogReservations.name, [reserved, reserved]);
    const o = await waitFor('confirmed', async () => (await order(body.orderId))?.status === 'confirmed' && order(body.orderId));
    // The payment window (20m from now, the test clock's start or later) ends before the reservation (30m).
    expect(o!.payBy!.getTime()).toBeLessThanOrEqual(new Date('2030-01-01T00:30:00Z').getTime());
    // A later, different StockReserved (another catalog's answer) changes nothing either.
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(body.orderId, '2030-01-01T00:10:00.000Z', [{ skuId: tea.skuId, quantity: 1 }])]);
    await waitFor('OrderConfirmed', () => eventsFor(body.orderId).find((e) => e.type === 'OrderConfirmed'));
    await new Promise((r) => setTimeout(r, 500));
    const got = await http().get(`/v1/orders/${body.orderId}`).set('Authorization', member(consumer)).expect(200);
    expect(got.body.history.map((h: { to: string }) => h.to)).toEqual(['placed', 'confirmed']);
    expect(got.body.history[1].cause).toBe('StockReserved');
    expect(eventsFor(body.orderId).filter((e) => e.type === 'OrderConfirmed')).toHaveLength(1);
    expect((await order(body.orderId))!.payBy).toEqual(o!.payBy);
  });

  it('StockReservationRejected rejects a placed order with the short lines', async () => {
    const { body } = await place(consumer, [{ skuId: tea.skuId, quantity: 2 }]).expect(201);
    await kafka.produce(Topics.catalogReservations.name, [stockRejected(body.orderId, tea.skuId)]);
    await waitFor('rejected', async () => (await order(body.orderId))?.status === 'rejected');
    const got = await http().get(`/v1/orders/${body.orderId}`).set('Authorization', member(consumer)).expect(200);
    expect(got.body).toMatchObject({ status: 'rejected', rejectionReason: 'out-of-stock', rejectionDetail: `${tea.skuId}: 2 wanted, 1 available` });
    const rejected = await waitFor('OrderRejected', () => eventsFor(body.orderId).find((e) => e.type === 'OrderRejected'));
    expect(rejected.data.reason).toBe('out-of-stock');
  });

  it('an unpaid order is cancelled when its payment deadline passes (durable timer on the test clock)', async () => {
    const { body } = await place(consumer, [{ skuId: tea.skuId, quantity: 1 }]).expect(201);
    const o = await confirmed(body.orderId, '2031-01-01T00:00:00.000Z');
    await waitFor('the deadline timer', async () => (await h.db.collection('timers').findOne({ _id: `payment-deadline:${body.orderId}` as never })) !== null);
    clock().set(new Date(o!.payBy!.getTime() - 1000));
    await new Promise((r) => setTimeout(r, 400));
    expect((await order(body.orderId))!.status).toBe('confirmed');
    clock().set(new Date(o!.payBy!.getTime() + 1000));
    await waitFor('cancelled', async () => (await order(body.orderId))?.status === 'cancelled');
    const cancelled = await waitFor('OrderCancelled', () => eventsFor(body.orderId).find((e) => e.type === 'OrderCancelled'));
    expect(cancelled.data).toMatchObject({ reason: 'payment-timeout', by: 'system', wasPaid: false });
  });

  it('StockReleased for an expired reservation cancels an unpaid order; other releases and a late StockReserved change nothing', async () => {
    const { body } = await place(consumer, [{ skuId: tea.skuId, quantity: 1 }]).expect(201);
    const { reservationId } = await confirmed(body.orderId, '2031-01-01T00:00:00.000Z');
    await kafka.produce(Topics.catalogReservations.name, [
      stockReleased(body.orderId, tea.skuId, 'order-cancelled', reservationId!),
      // Another reservation's lapse (another catalog answering the same order) is not this order's.
      stockReleased(body.orderId, tea.skuId, 'reservation-expired', uniqueId('res-other-')),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await order(body.orderId))!.status).toBe('confirmed');
    await kafka.produce(Topics.catalogReservations.name, [stockReleased(body.orderId, tea.skuId, 'reservation-expired', reservationId!)]);
    await waitFor('cancelled', async () => (await order(body.orderId))?.cancellationReason === 'reservation-expired');
    await kafka.produce(Topics.catalogReservations.name, [
      stockReserved(body.orderId, '2031-01-01T00:00:00.000Z', [{ skuId: tea.skuId, quantity: 1 }]),
      stockCommitFailed(body.orderId, tea.skuId, reservationId!),
    ]);
    await new Promise((r) => setTimeout(r, 500));
    const o = await order(body.orderId);
    expect(o!.history.map((h) => h.to)).toEqual(['placed', 'confirmed', 'cancelled']);
    expect(eventsFor(body.orderId).filter((e) => e.type === 'OrderCancelled').map((e) => e.data.reason)).toEqual(['reservation-expired']);
  });

  it('the buyer cancels its own order before shipment; not twice, and not someone else’s', async () => {
    const { body } = await place(consumer, [{ skuId: tea.skuId, quantity: 1 }]).expect(201);
    await http().post(`/v1/orders/${body.orderId}/cancel`).set('Authorization', member(operator)).expect(403);
    const res = await http().post(`/v1/orders/${body.orderId}/cancel`).set('Authorization', member(consumer)).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancellationReason: 'buyer-request' });
    expect(res.body.history.at(-1)).toMatchObject({ from: 'placed', to: 'cancelled', by: consumer });
    const again = await http().post(`/v1/orders/${body.orderId}/cancel`).set('Authorization', ops()).expect(422);
    expect(again.body.fields).toEqual([{ field: 'status', reason: 'an order that is cancelled cannot be cancelled' }]);
    await http().post(`/v1/orders/${uniqueId('none-')}/cancel`).set('Authorization', ops()).expect(404);
    const cancelled = await waitFor('OrderCancelled', () => eventsFor(body.orderId).find((e) => e.type === 'OrderCancelled'));
    expect(cancelled.data).toMatchObject({ reason: 'buyer-request', by: consumer, wasPaid: false });
  });

  it("lists a buyer's orders newest first by cursor, by status, and a seller's without personal data", async () => {
    const buyer = uniqueId('cons-list-');
    await kafka.produce(Topics.networkMembers.name, [memberRegistered(buyer, 'consumer', [operator, root])]);
    await waitFor('buyer known', () => h.db.collection('network_members').findOne({ _id: buyer as never }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock().advance('1s');
      ids.push((await place(buyer, [{ skuId: tea.skuId, quantity: 1 }]).expect(201)).body.orderId);
    }
    await http().post(`/v1/orders/${ids[1]}/cancel`).set('Authorization', member(buyer)).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await http()
        .get('/v1/orders')
        .query({ buyerId: buyer, limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', member(buyer))
        .expect(200);
      seen.push(...res.body.items.map((o: { orderId: string }) => o.orderId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const cancelled = await http().get('/v1/orders').query({ buyerId: buyer, status: 'cancelled' }).set('Authorization', member(buyer)).expect(200);
    expect(cancelled.body).toEqual({ items: [expect.objectContaining({ orderId: ids[1], status: 'cancelled' })], nextCursor: null });
    await http().get('/v1/orders').query({ buyerId: buyer }).set('Authorization', member(consumer)).expect(403);
    await http().get('/v1/orders').query({ buyerId: buyer }).set('Authorization', ops()).expect(200);
    const bad = await http().get('/v1/orders').query({ buyerId: buyer, cursor: 'abc' }).set('Authorization', member(buyer)).expect(400);
    expect(bad.body.fields[0].field).toBe('cursor');

    const sold = await http().get('/v1/sold-orders').query({ sellerId: operator, limit: 100 }).set('Authorization', member(operator)).expect(200);
    const mine = sold.body.items.filter((o: { orderId: string }) => ids.includes(o.orderId));
    expect(mine).toHaveLength(5);
    expect(mine[0].buyerId).toBeUndefined();
    expect(mine[0].shippingAddress).toBeUndefined();
    await http().get('/v1/sold-orders').query({ sellerId: operator }).set('Authorization', member(consumer)).expect(403);
  });

  it('network events arriving out of order: an upgrade before the registration waits for it', async () => {
    const late = uniqueId('cons-late-');
    const lateCode = uniqueId('LATE-');
    await kafka.produce(Topics.networkMembers.name, [memberUpgraded(late, lateCode)]);
    await kafka.produce(Topics.networkMembers.name, [memberRegistered(late, 'consumer', [operator, root])]);
    await waitFor('upgraded', async () => (await h.db.collection('network_members').findOne({ _id: late as never }))?.kind === 'operator', { timeoutMs: 30_000 });
    const res = await place(late, [{ skuId: tea.skuId, quantity: 1 }]).expect(201);
    expect(res.body).toMatchObject({ buyerKind: 'operator', referringOperatorId: null });
    const guest = await http().post('/v1/guest-orders').send({ market: 'DE', referralCode: lateCode, lines: [{ skuId: tea.skuId, quantity: 1 }], shippingAddress: ADDRESS }).expect(201);
    expect(guest.body.referringOperatorId).toBe(late);
  });

  it('a consumer whose nearest operator is suspended buys through the next active one above', async () => {
    const midOp = uniqueId('op-mid-');
    const buyer = uniqueId('cons-mid-');
    await kafka.produce(Topics.networkMembers.name, [memberRegistered(midOp, 'operator', [root], uniqueId('MID-')), memberStatusChanged(midOp, 'suspended')]);
    await kafka.produce(Topics.networkMembers.name, [memberRegistered(buyer, 'consumer', [midOp, root])]);
    await waitFor('known', async () =>
      (await h.db.collection('network_members').findOne({ _id: midOp as never }))?.status === 'suspended' &&
      (await h.db.collection('network_members').findOne({ _id: buyer as never })),
    );
    const res = await place(buyer, [{ skuId: tea.skuId, quantity: 1 }]).expect(201);
    expect(res.body.referringOperatorId).toBe(root);
  });
});
