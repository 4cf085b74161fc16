import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Topics } from '@netdirect/contracts';
import { uniqueId, waitFor } from '@netdirect/runtime/testing';
import { OrdersHarness, TestPaymentProvider } from './support/orders-harness';
import { memberRegistered, productPublished, stockCommitFailed, stockReleased, stockReserved, TestSku } from './support/orders-events';

/*
 * Payments from a provider's signed webhooks (Standard Webhooks, signed here
 * with the standardwebhooks library as a provider would) against the real
 * Kafka and database; the test acts as the catalog and the network. Outcomes
 * come from this test's database and the events of its own orders.
 */

const h = new OrdersHarness({ MONGO_DB: `test_orders_pay_${uniqueId()}`, KAFKA_GROUP_ID: `test-orders-pay-${uniqueId()}`, TIMERS_POLL_MS: '50', ORDERS_PAYMENT_WINDOW: '1h' });
const ADDRESS = { name: 'Ada Lovelace', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };

describe('payments from signed provider webhooks', () => {
  let payments: TestPaymentProvider;
  let provider: string;

  const tea: TestSku = { skuId: uniqueId('sku-tea-'), name: '500 g', retail: 1299, member: 999, bv: 800 };
  const operator = uniqueId('op-');
  const consumer = uniqueId('cons-');

  beforeAll(async () => {
    await h.start({
      catalog: [productPublished(uniqueId('prod-'), 'Green tea', [tea])],
      network: [memberRegistered(operator, 'operator', [], uniqueId('C-')), memberRegistered(consumer, 'consumer', [operator])],
      ready: async (db) => (await db.collection('catalog_skus').findOne({ _id: tea.skuId as never })) && db.collection('network_members').findOne({ _id: consumer as never }),
    });
    payments = await h.provider();
    provider = payments.id;
  }, 60_000);
  afterAll(() => h.stop());

  const { kafka } = h;
  const http = () => h.http();
  const ops = () => h.bearer('ops');
  const order = (id: string) => h.order(id);
  const eventsFor = (orderId: string) => h.eventsFor(orderId);
  const statusIs = (orderId: string, status: string) => h.statusIs(orderId, status);

  async function placed(): Promise<string> {
    const res = await http()
      .post('/v1/orders')
      .set('Authorization', h.bearer('member', consumer))
      .send({ market: 'DE', lines: [{ skuId: tea.skuId, quantity: 2 }], shippingAddress: ADDRESS })
      .expect(201);
    return res.body.orderId;
  }
  async function confirmed(): Promise<string> {
    const id = await placed();
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(id, new Date(Date.now() + 30 * 60_000).toISOString(), [{ skuId: tea.skuId, quantity: 2 }])]);
    await statusIs(id, 'confirmed');
    return id;
  }
  const delivery = (body: object, opts: Parameters<TestPaymentProvider['deliver']>[1] = {}) => payments.deliver(body, opts);
  const refunds = (query: Record<string, string> = {}) => payments.refunds(query);
  const payment = (orderId: string, amount = 3093, paymentId = uniqueId('pm_')) => ({ type: 'payment.succeeded', orderId, paymentId, amount: { amount, currency: 'EUR' } });

  it('a payment of the total pays a confirmed order once: a repeated webhook-id and a second delivery of the same payment change nothing', async () => {
    const id = await confirmed();
    const body = payment(id);
    const first = await delivery(body, { id: 'msg_fixed_1' }).expect(200);
    expect(first.body).toEqual({ outcome: 'applied', orderId: id });
    const again = await delivery(body, { id: 'msg_fixed_1' }).expect(200);
    expect(again.headers['webhook-duplicate']).toBe('true');
    await delivery(body).expect(200);
    const o = await statusIs(id, 'paid');
    expect(o!.payment).toMatchObject({ paymentId: body.paymentId, provider, amount: 3093, applied: true });
    const paid = await waitFor('OrderPaid', () => eventsFor(id).find((e) => e.type === 'OrderPaid'));
    expect(paid.data).toMatchObject({ paymentId: body.paymentId, paymentProvider: provider, amount: { amount: 3093, currency: 'EUR' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsFor(id).filter((e) => e.type === 'OrderPaid')).toHaveLength(1);
    expect(o!.history.map((h) => h.to)).toEqual(['placed', 'confirmed', 'paid']);
  });

  it('refuses forged, stale, tampered and unknown-provider deliveries with 401, without effect', async () => {
    const id = await confirmed();
    const body = payment(id);
    const forged = await delivery(body, { key: `whsec_${Buffer.alloc(32, 7).toString('base64')}` }).expect(401);
    expect(forged.body.message).toMatch(/signature/);
    const stale = await delivery(body, { at: new Date(Date.now() - 10 * 60_000) }).expect(401);
    expect(stale.body.message).toMatch(/timestamp/);
    await delivery(body, { sentBody: JSON.stringify({ ...body, amount: { amount: 1, currency: 'EUR' } }) }).expect(401);
    await http().post(`/v1/payments/webhook/${provider}`).set('content-type', 'application/json').send(JSON.stringify(body)).expect(401);
    await delivery(body, { to: `nobody-${uniqueId().toLowerCase()}` }).expect(401);
    expect((await order(id))!.status).toBe('confirmed');
  });

  it('holds a payment whose amount differs from the total until ops apply it', async () => {
    const id = await confirmed();
    const body = payment(id, 3000);
    expect((await delivery(body).expect(200)).body.outcome).toBe('held');
    expect((await order(id))!.status).toBe('confirmed');
    const held = await http().get('/v1/payments/held').set('Authorization', ops()).expect(200);
    const mine = held.body.items.find((h: { orderId: string }) => h.orderId === id);
    expect(mine).toMatchObject({ id: `${provider}:${body.paymentId}`, amount: { amount: 3000 }, expected: { amount: 3093 }, status: 'held' });
    await http().get('/v1/payments/held').set('Authorization', h.bearer('member', consumer)).expect(403);
    const applied = await http().post(`/v1/payments/held/${encodeURIComponent(mine.id)}/apply`).set('Authorization', ops()).expect(200);
    expect(applied.body).toMatchObject({ status: 'applied', decidedBy: expect.any(String) });
    await statusIs(id, 'paid');
    const paid = await waitFor('OrderPaid', () => eventsFor(id).find((e) => e.type === 'OrderPaid'));
    expect(paid.data.amount).toEqual({ amount: 3000, currency: 'EUR' });
    await http().post(`/v1/payments/held/${encodeURIComponent(mine.id)}/apply`).set('Authorization', ops()).expect(422);
    expect((await http().get('/v1/payments/held').set('Authorization', ops()).expect(200)).body.items.some((h: { orderId: string }) => h.orderId === id)).toBe(false);
  });

  it('a payment that comes before (or beside) the confirmation is applied once the stock is reserved', async () => {
    const id = await placed();
    // The reservation is answered at once: the catalogs of other test files answer our OrderPlaced too (a rejection,
    // they do not know the SKU), and only the first answer counts. So the payment races the reservation here; the
    // payment-first path itself is pinned in order.spec.ts.
    const [paid] = await Promise.all([
      delivery(payment(id)).expect(200),
      kafka.produce(Topics.catalogReservations.name, [stockReserved(id, new Date(Date.now() + 30 * 60_000).toISOString(), [{ skuId: tea.skuId, quantity: 2 }])]),
    ]);
    expect(['waiting-for-confirmation', 'applied']).toContain(paid.body.outcome);
    const o = await statusIs(id, 'paid');
    expect(o.history.map((h) => h.to)).toEqual(paid.body.outcome === 'applied' ? ['placed', 'confirmed', 'paid'] : ['placed', 'paid']);
    await waitFor('OrderConfirmed and OrderPaid', () => ['OrderConfirmed', 'OrderPaid'].every((t) => eventsFor(id).some((e) => e.type === t)));
    expect(eventsFor(id).map((e) => e.type)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderPaid']);
  });

  it('a late payment without stock: StockCommitFailed cancels the paid order and owes the payment back', async () => {
    const id = await confirmed();
    await delivery(payment(id)).expect(200);
    const { reservationId } = await statusIs(id, 'paid');
    await kafka.produce(Topics.catalogReservations.name, [stockCommitFailed(id, tea.skuId, reservationId!)]);
    const o = await statusIs(id, 'cancelled');
    expect(o).toMatchObject({ cancellationReason: 'stock-unavailable', refundDue: 3093 });
    const cancelled = await waitFor('OrderCancelled', () => eventsFor(id).find((e) => e.type === 'OrderCancelled'));
    expect(cancelled.data).toMatchObject({ reason: 'stock-unavailable', wasPaid: true });
  });

  it('a late payment with stock: the lapsed reservation reported after the payment leaves the order paid', async () => {
    const id = await confirmed();
    await delivery(payment(id)).expect(200);
    const { reservationId } = await statusIs(id, 'paid');
    await kafka.produce(Topics.catalogReservations.name, [stockReleased(id, tea.skuId, 'reservation-expired', reservationId!)]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await order(id))!.status).toBe('paid');
  });

  it('a payment for a cancelled order is owed back, not applied', async () => {
    const id = await confirmed();
    await http().post(`/v1/orders/${id}/cancel`).set('Authorization', h.bearer('member', consumer)).expect(200);
    expect((await delivery(payment(id)).expect(200)).body.outcome).toBe('refund-due');
    const o = await order(id);
    expect(o).toMatchObject({ status: 'cancelled', refundDue: 3093, payment: { applied: false } });
    expect(eventsFor(id).some((e) => e.type === 'OrderPaid')).toBe(false);
  });

  it('npm run pay sends a correctly signed sandbox payment (registering the sandbox provider once)', async () => {
    const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orders-pay-')), 'sandbox.json');
    const pay = (...args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', '..', 'scripts', 'pay.mjs'), ...args], {
          env: { ...process.env, ORDERS_URL: h.svc.url, SANDBOX_PAY_STATE: state },
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code, out }));
      });
    const first = await confirmed();
    const paid = await pay(first);
    expect(paid.out).toContain('"outcome":"applied"');
    expect(paid.code).toBe(0);
    await statusIs(first, 'paid');
    // The stored secret is used again; a wrong amount is held.
    const second = await confirmed();
    const held = await pay(second, '1');
    expect(held.out).toContain('"outcome":"held"');
    expect((await pay(uniqueId('none-'))).code).toBe(1);
    // The sandbox answers the refund of a cancelled paid order.
    await http().post(`/v1/orders/${first}/cancel`).set('Authorization', ops()).expect(200);
    await waitFor('the refund request', async () => (await refunds({ providerId: 'sandbox' })).some((r: { orderId: string }) => r.orderId === first));
    const answered = await pay('--refunds');
    expect(answered.code).toBe(0);
    expect(answered.out).toContain('"outcome":"refund-confirmed"');
    await waitFor('OrderRefunded', () => eventsFor(first).some((e) => e.type === 'OrderRefunded'));
  }, 60_000);

  it('a refund is sent to the provider, shown failed when it fails, retried by ops and confirmed once (OrderRefunded)', async () => {
    const id = await confirmed();
    const body = payment(id);
    await delivery(body).expect(200);
    await statusIs(id, 'paid');
    await http().post(`/v1/orders/${id}/cancel`).set('Authorization', h.bearer('member', consumer)).expect(200);
    const [asked] = (await refunds()).filter((r: { orderId: string }) => r.orderId === id);
    expect(asked).toMatchObject({ providerId: provider, paymentId: body.paymentId, amount: { amount: 3093, currency: 'EUR' }, status: 'requested', attempts: 1 });
    const outcome = (type: string, extra: object = {}) => ({ type, orderId: id, paymentId: body.paymentId, refundId: asked.refundId, ...extra });

    expect((await delivery(outcome('refund.failed', { reason: 'card expired' })).expect(200)).body.outcome).toBe('refund-failed');
    const failed = (await refunds({ status: 'failed' })).find((r: { refundId: string }) => r.refundId === asked.refundId);
    expect(failed).toMatchObject({ status: 'failed', failure: 'card expired' });
    await http().post(`/v1/payments/refunds/${asked.refundId}/retry`).set('Authorization', h.bearer('member', consumer)).expect(403);
    const retried = await http().post(`/v1/payments/refunds/${asked.refundId}/retry`).set('Authorization', ops()).expect(200);
    expect(retried.body).toMatchObject({ status: 'requested', attempts: 2 });
    await http().post(`/v1/payments/refunds/${asked.refundId}/retry`).set('Authorization', ops()).expect(422);

    expect((await delivery(outcome('refund.succeeded')).expect(200)).body.outcome).toBe('refund-confirmed');
    await delivery(outcome('refund.succeeded')).expect(200);
    const refunded = await waitFor('OrderRefunded', () => eventsFor(id).find((e) => e.type === 'OrderRefunded'));
    expect(refunded.data).toMatchObject({
      refundId: asked.refundId,
      amount: { amount: 3093, currency: 'EUR' },
      shippingRefunded: { amount: 495, currency: 'EUR' },
      lines: [{ skuId: tea.skuId, quantity: 2, amount: { amount: 2598, currency: 'EUR' }, bv: 1600 }],
      refundedBv: 1600,
      fullyRefunded: true,
    });
    expect(await order(id)).toMatchObject({ refundDue: 0, refunds: [expect.objectContaining({ status: 'confirmed' })] });
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsFor(id).filter((e) => e.type === 'OrderRefunded')).toHaveLength(1);
    expect((await refunds()).some((r: { refundId: string }) => r.refundId === asked.refundId)).toBe(false);
    // Another provider cannot answer for this one's refund; an unknown refund is 404.
    await delivery(outcome('refund.succeeded', { refundId: 'nope' })).expect(404);
  });

  it('a payment for an unknown order is 404', async () => {
    await delivery(payment(uniqueId('none-'))).expect(404);
  });
});
