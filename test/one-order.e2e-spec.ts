/**
 * One order across the six services, against the real Kafka and database:
 * from a supplier's price list to the seller's payout line. Every step goes
 * through a service's public HTTP routes, the signed payment and provider
 * webhooks, or (as the logistics provider) the provider's handoff topic;
 * each service's view is asserted on the way:
 *
 * - procurement: supplier, tiered price list, a run from the catalog's
 *   reorder point, the purchase order confirmed, received, invoiced (matched);
 * - catalog: the receipt on hand, the policy's price, stock reserved for the
 *   order and then committed (and a returned unit restocked);
 * - logistics: the shipment on the chosen provider's handoff topic, driven by
 *   the provider's signed status reports; the return parcel likewise;
 * - orders: the guest order confirmed, paid, shipped, delivered, completed
 *   once its return window ended; a returned unit refunded;
 * - network: the seller and its sponsor registered with referral codes;
 * - commission: the seller's lines estimated at payment, final at the
 *   period's close, releasable at completion, paid when the payout batch is
 *   issued; the returned unit clawed back.
 *
 * Every service runs on its own test clock (CLOCK=test); the test moves the
 * orders clock past the return windows and the commission clock past the end
 * of the month. Other test files' events reach these services too (shared
 * topics): this file sells in a market of its own (NZ: no other file's
 * provider routes there, a us-ftc market whose lines are releasable at
 * completion) and asserts only on its own ids. Another file's catalog, not
 * knowing this file's SKU, may answer this file's order with a rejection or a
 * failed commit (same derived reservation id); an order that meets such an
 * answer is placed again (see `placePaidShipped`).
 */
import { providerHandoffTopic } from '@netdirect/contracts';
import { CLOCK, TestClock } from '@netdirect/runtime';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor as waitForOnce } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { AppModule as CatalogApp } from '../services/catalog/src/app.module';
import { AppModule as CommissionApp } from '../services/commission/src/app.module';
import { AppModule as LogisticsApp } from '../services/logistics/src/app.module';
import { AppModule as NetworkApp } from '../services/network/src/app.module';
import { AppModule as OrdersApp } from '../services/orders/src/app.module';
import { AppModule as ProcurementApp } from '../services/procurement/src/app.module';

const MARKET = 'NZ';
const START = '2031-05-20T10:00:00Z';
const PERIOD = `${MARKET}-2031-05`;
const ADDRESS = { name: 'Grace Hopper', lines: ['1 Queen Street'], city: 'Auckland', postalCode: '1010', country: MARKET };
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const id = uniqueId('').toLowerCase();
const DB = (service: string) => `test_one_order_${service}_${id}`;

/** Every hop here crosses a service and Kafka, on a CI machine that runs another test file beside this one: 30 s a wait unless told. */
const waitFor: typeof waitForOnce = (what, check, options = {}) => waitForOnce(what, check, { timeoutMs: 30_000, ...options });

interface Entry {
  entryId: string;
  lineId: string;
  kind: string;
  status: string;
  orderId: string;
  rule: string;
  amountMinor: number;
  payeePartyId: string;
  batchId?: string;
  released: boolean;
}

describe('one order across six services', () => {
  const kafka = new KafkaTestClient();
  let mongo: MongoClient;
  let catalog: TestService;
  let procurement: TestService;
  let orders: TestService;
  let network: TestService;
  let commission: TestService;
  let logistics: TestService;
  let handoff: CapturedMessage[];
  let paymentSecret: string;
  let providerSecret: string;
  const provider = `one-order-${id}`.slice(0, 40);
  const payments = `pay-${id}`;
  const state: { skuId?: string; productId?: string; supplierId?: string; seller?: { id: string; code: string }; sponsor?: string } = {};

  const http = (svc: TestService) => request(svc.app.getHttpServer());
  const bearer = (svc: TestService, role: 'ops' | 'finance' | 'member' | 'supplier', subject?: string) => `Bearer ${svc.token(role, subject)}`;
  const clock = (svc: TestService) => svc.app.get<TestClock>(CLOCK);

  beforeAll(async () => {
    const common = { CLOCK: 'test', CLOCK_START: START, TIMERS_POLL_MS: '100', CONSUMER_DEFER_RETRY_BASE_MS: '200', CONSUMER_DEFER_POLL_MS: '200' };
    const start = (app: unknown, name: string, env: Record<string, string> = {}) =>
      startTestService(app, { ...common, MONGO_DB: DB(name), KAFKA_GROUP_ID: `test-one-order-${name}-${id}`, ...env });
    // One at a time: startTestService sets process.env around each boot, so boots in parallel would mix
    // their databases and consumer groups.
    catalog = await start(CatalogApp, 'catalog');
    procurement = await start(ProcurementApp, 'procurement');
    orders = await start(OrdersApp, 'orders', {
      ORDERS_MARKETS: JSON.stringify({ [MARKET]: { shippingFee: 500, freeShippingFrom: 100_000, vatBps: 1500, returnWindow: '1d', withdrawal: '1d', restockingFeeBps: 0, buyBackBps: 9000 } }),
      ORDERS_PAYMENT_WINDOW: '2h',
    });
    network = await start(NetworkApp, 'network');
    commission = await start(CommissionApp, 'commission', { COMMISSION_PAYOUT_MINIMUM: '1' });
    logistics = await start(LogisticsApp, 'logistics');
    mongo = await MongoClient.connect(TEST_MONGO_URL);

    const registered = await http(logistics)
      .post('/v1/providers')
      .set('Authorization', bearer(logistics, 'ops'))
      .send({ id: provider, name: 'Kiwi Parcel', regions: [{ country: MARKET, postcodePrefixes: [] }], limits: { maxWeightGrams: 31_500, maxLengthMm: 1200, maxVolumeCm3: 200_000 }, serviceLevels: ['standard'], acceptanceDeadline: 'PT4H', priority: 1, dailyCapacity: 100 })
      .expect(201);
    providerSecret = registered.body.webhookSecret.value;
    await waitFor('the provider active', async () => (await http(logistics).get(`/v1/providers/${provider}`).set('Authorization', bearer(logistics, 'ops'))).body.status === 'active');
    handoff = await kafka.capture([providerHandoffTopic(provider).name]);
    const caller = await http(orders).post('/v1/webhook-callers').set('Authorization', bearer(orders, 'ops')).send({ id: payments, channel: 'payments', name: 'Sandbox' }).expect(201);
    paymentSecret = caller.body.secret.value;
  }, 180_000);

  afterAll(async () => {
    for (const svc of [logistics, commission, network, orders, procurement, catalog]) await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  /** A signed Standard Webhooks delivery. */
  const signed = (secret: string, raw: string, at = new Date()) => {
    const msgId = uniqueId('msg_');
    return { 'content-type': 'application/json', 'webhook-id': msgId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(msgId, at, raw) };
  };
  const order = (orderId: string) => http(orders).get(`/v1/orders/${orderId}`).set('Authorization', bearer(orders, 'ops')).then((r) => r.body);
  const orderIn = (orderId: string, statuses: string[], timeoutMs = 30_000) =>
    waitFor(`order ${orderId} ${statuses.join(' or ')}`, async () => {
      const o = await order(orderId);
      return statuses.includes(o.status) && o;
    }, { timeoutMs });
  const stock = async () => (await http(catalog).get(`/v1/stock/${state.skuId}`).set('Authorization', bearer(catalog, 'ops')).expect(200)).body;
  const reservation = (orderId: string) => http(catalog).get(`/v1/reservations/${orderId}`).set('Authorization', bearer(catalog, 'ops')).then((r) => r.body);
  /** ShipmentRequested on the provider's handoff topic, as the provider reads it. */
  const requested = (orderId: string, direction: 'outbound' | 'return') =>
    waitFor(`ShipmentRequested (${direction}) of ${orderId} on ${providerHandoffTopic(provider).name}`, () =>
      handoff
        .map((m) => ({ type: m.headers['event-type'], e: JSON.parse(m.value!) }))
        .find(({ type, e }) => type === 'ShipmentRequested' && e.data.orderId === orderId && (e.data.direction ?? 'outbound') === direction)?.e.data,
    { timeoutMs: 30_000 });
  /** The provider reports statuses, each a second after the previous on the logistics clock. */
  const report = async (shipmentId: string, statuses: string[]) => {
    for (const status of statuses) {
      const at = clock(logistics).advance(1000);
      const raw = JSON.stringify({ shipmentId, status, occurredAt: at.toISOString(), providerReference: `KP-${shipmentId.slice(0, 8)}`, ...(status === 'delivered' ? { proofReference: 'POD-1' } : {}) });
      await http(logistics).post(`/v1/providers/${provider}/updates`).set(signed(providerSecret, raw)).send(raw).expect(200);
    }
  };
  const statement = async (memberId: string, period = PERIOD): Promise<Entry[]> =>
    (await http(commission).get(`/v1/members/${memberId}/commissions?period=${period}`).set('Authorization', bearer(commission, 'finance', 'fin-1')).expect(200)).body.entries;

  /**
   * A guest order through the seller's code, paid, its stock committed and
   * its parcel picked up (shipped). Another test file's catalog may reject
   * the order or fail its commit (it does not know this SKU; the reservation
   * id is derived from the order id): then a new order is placed.
   */
  async function placePaidShipped(quantity: number) {
    for (let attempt = 1; ; attempt++) {
      const before = await stock();
      const placed = await waitFor('the guest order placed (orders knows the seller and the SKU)', async () => {
        const res = await http(orders).post('/v1/guest-orders').send({ market: MARKET, lines: [{ skuId: state.skuId, quantity }], shippingAddress: ADDRESS, referralCode: state.seller!.code });
        return res.status === 201 && res.body;
      }, { timeoutMs: 30_000, intervalMs: 300 });
      const orderId: string = placed.orderId;
      expect(placed).toMatchObject({ buyerKind: 'guest', referringOperatorId: state.seller!.id, market: MARKET });
      const confirmed = await orderIn(orderId, ['confirmed', 'rejected']);
      const foreign = async (why: string) => {
        if (attempt >= 3) throw new Error(`order ${orderId}: ${why}, three times`);
      };
      if (confirmed.status === 'rejected') {
        const ours = await reservation(orderId);
        if (ours.status === 'rejected') throw new Error(`our catalog rejected order ${orderId}: ${JSON.stringify(ours)}`);
        await foreign('rejected by another test file’s catalog');
        continue;
      }
      // Catalog: the units are reserved for this order.
      expect(await reservation(orderId)).toMatchObject({ status: 'reserved' });
      const held = await stock();
      expect(held.reserved - before.reserved).toBe(quantity);
      expect(held.available).toBe(before.available - quantity);

      const paid = JSON.stringify({ type: 'payment.succeeded', orderId, paymentId: uniqueId('pm_'), amount: confirmed.totals.total });
      await http(orders).post(`/v1/payments/webhook/${payments}`).set(signed(paymentSecret, paid)).send(paid).expect(200);
      const afterPay = await orderIn(orderId, ['paid', 'cancelled']);
      if (afterPay.status === 'cancelled') {
        await foreign('cancelled by another catalog’s failed commit');
        continue;
      }
      // Catalog: committed, the units have left on-hand stock.
      await waitFor('the reservation committed', async () => (await reservation(orderId)).status === 'committed');
      const committed = await stock();
      expect(committed.onHand).toBe(before.onHand - quantity);
      expect(committed.reserved).toBe(before.reserved);

      // Logistics: the shipment on the provider's own handoff topic; the provider picks it up.
      const shipment = await requested(orderId, 'outbound');
      expect(shipment).toMatchObject({ providerId: provider, destination: ADDRESS });
      expect(shipment.parcels.flatMap((p: { lines: unknown[] }) => p.lines)).toEqual([{ skuId: state.skuId, quantity }]);
      await report(shipment.shipmentId, ['accepted', 'picked-up']);
      const shipped = await orderIn(orderId, ['shipped', 'cancelled']);
      if (shipped.status === 'cancelled') {
        await foreign('cancelled by another catalog’s failed commit');
        continue;
      }
      return { orderId, shipmentId: shipment.shipmentId as string, total: confirmed.totals.total.amount as number, lineId: confirmed.lines[0].lineId as string, accessToken: placed.accessToken as string };
    }
  }

  let kept: Awaited<ReturnType<typeof placePaidShipped>>;
  let returned: Awaited<ReturnType<typeof placePaidShipped>>;

  it('buys the goods: supplier price list, a run from the reorder point, the purchase order confirmed, received and invoiced', async () => {
    const ops = bearer(catalog, 'ops');
    await http(catalog).put('/v1/pricing-policy').set('Authorization', ops).send({ memberMarkupBps: 4000, retailMarkupBps: 3000, bvShareBps: 5000, minPlatformMarkupBps: 1500, retailShareBps: 4000, marginShareBps: 3000, repricingThresholdBps: 100 }).expect(200);
    const category = await http(catalog).post('/v1/categories').set('Authorization', ops).send({ name: `One order ${id}` }).expect(201);
    const product = await http(catalog)
      .post('/v1/products')
      .set('Authorization', ops)
      .send({ name: 'Manuka honey', categoryId: category.body.id, skus: [{ name: '250 g', weightGrams: 400, dimensions: { lengthMm: 90, widthMm: 90, heightMm: 100 }, retailPrice: eur(100), memberPrice: eur(100), bv: 0 }] })
      .expect(201);
    state.productId = product.body.id;
    state.skuId = product.body.skus[0].skuId;

    const supplier = await http(procurement).post('/v1/suppliers').set('Authorization', bearer(procurement, 'ops')).send({ name: 'Waikato Bees Ltd', country: MARKET, orderEmail: 'orders@waikato.example', currency: 'EUR', paymentTermsDays: 30 }).expect(201);
    state.supplierId = supplier.body.id;
    const list = await http(procurement)
      .post(`/v1/suppliers/${state.supplierId}/price-lists`)
      .set('Authorization', bearer(procurement, 'supplier', state.supplierId))
      .send({ currency: 'EUR', validFrom: '2031-05-01T00:00:00Z', items: [{ skuId: state.skuId, leadTimeDays: 3, minimumOrderQuantity: 10, packSize: 10, tiers: [{ minQuantity: 10, unitCost: eur(1000) }, { minQuantity: 50, unitCost: eur(900) }] }] })
      .expect(201);
    await waitFor('the price list indexed', async () => (await http(procurement).get(`/v1/price-lists/${list.body.id}`).set('Authorization', bearer(procurement, 'ops'))).body.indexedAt, { timeoutMs: 30_000 });

    // The catalog prices the SKU from its cost with the policy, and publishes it.
    await http(catalog).put(`/v1/skus/${state.skuId}/standard-cost`).set('Authorization', ops).send({ standardCost: eur(900) }).expect(200);
    const priced = await waitFor('the policy price', async () => {
      const p = (await http(catalog).get(`/v1/products/${state.productId}`).set('Authorization', ops)).body;
      return p.skus[0].memberPrice.amount !== 100 && p.skus[0];
    });
    expect(priced.memberPrice).toEqual(eur(1260)); // 9.00 + 40 %
    expect(priced.retailPrice).toEqual(eur(1638)); // 12.60 + 30 %
    await http(catalog).post(`/v1/products/${state.productId}/publish`).set('Authorization', ops).expect(200);

    // A reorder point above what is available: the catalog signals demand, procurement buys it.
    await http(catalog).put(`/v1/stock/${state.skuId}/reorder`).set('Authorization', ops).send({ reorderPoint: 5, reorderQuantity: 50 }).expect(200);
    await waitFor('the demand at procurement', async () => (await http(procurement).get(`/v1/demand/${state.skuId}`).set('Authorization', bearer(procurement, 'ops'))).body.reorder === 50);
    const run = await waitFor('a run that buys the SKU', async () => {
      const started = await http(procurement).post('/v1/procurement-runs').set('Authorization', bearer(procurement, 'ops'));
      if (started.status === 409) return undefined;
      const done = await waitFor('the run done', async () => {
        const r = (await http(procurement).get(`/v1/procurement-runs/${started.body.id}`).set('Authorization', bearer(procurement, 'ops'))).body;
        return r.status === 'done' && r;
      });
      // The catalog's ProductPublished may reach procurement after the demand: then the SKU is not in the catalog yet.
      return done.orders.some((o: { supplierId: string }) => o.supplierId === state.supplierId) && done;
    }, { timeoutMs: 30_000, intervalMs: 500 });
    const poId = run.orders.find((o: { supplierId: string }) => o.supplierId === state.supplierId).purchaseOrderId;
    const po = (await http(procurement).get(`/v1/purchase-orders/${poId}`).set('Authorization', bearer(procurement, 'ops')).expect(200)).body;
    // 50 units reach the second tier: 9.00 instead of 10.00.
    expect(po.lines).toEqual([expect.objectContaining({ skuId: state.skuId, quantity: 50, unitCost: eur(900), firstTierUnitCost: eur(1000) })]);

    const supplierAuth = bearer(procurement, 'supplier', state.supplierId);
    await http(procurement).post(`/v1/purchase-orders/${poId}/confirmation`).set('Authorization', supplierAuth).send({ supplierReference: 'WB-1', deliveryDate: '2031-05-23T00:00:00Z' }).expect(200);
    await http(procurement).post(`/v1/purchase-orders/${poId}/receipts`).set('Authorization', bearer(procurement, 'ops')).send({ receiptId: randomUUID(), lines: [{ skuId: state.skuId, quantity: 20 }] }).expect(200);
    await http(procurement).post(`/v1/purchase-orders/${poId}/receipts`).set('Authorization', bearer(procurement, 'ops')).send({ receiptId: randomUUID(), lines: [{ skuId: state.skuId, quantity: 30 }] }).expect(200);
    expect((await http(procurement).get(`/v1/purchase-orders/${poId}`).set('Authorization', bearer(procurement, 'ops'))).body.status).toBe('closed');
    const invoice = await http(procurement)
      .post('/v1/supplier-invoices')
      .set('Authorization', supplierAuth)
      .send({ supplierId: state.supplierId, supplierInvoiceNumber: 'WB-INV-1', purchaseOrderId: poId, invoiceDate: '2031-05-21T00:00:00Z', lines: [{ skuId: state.skuId, quantity: 50, unitCost: eur(900) }] })
      .expect(201);
    expect(invoice.body).toMatchObject({ status: 'matched', amount: eur(45_000) });

    // Catalog: both receipts on hand.
    const onHand = await waitFor('the receipts in the catalog', async () => {
      const s = await stock();
      return s.onHand === 50 && s;
    });
    expect(onHand).toMatchObject({ available: 50, reserved: 0 });
  }, 120_000);

  it('builds the seller’s network: a root operator and the seller under it, known to orders and commission', async () => {
    const root = await http(network).post('/v1/members').set('Authorization', bearer(network, 'ops')).send({ kind: 'operator', market: MARKET, name: 'Kate Sheppard', email: `root-${id}@example.org` }).expect(201);
    const seller = await http(network)
      .post('/v1/members')
      .set('Authorization', bearer(network, 'member', `applicant-${id}`))
      .send({ kind: 'operator', market: MARKET, name: 'Ernest Rutherford', email: `seller-${id}@example.org`, referralCode: root.body.referralCode })
      .expect(201);
    expect(seller.body).toMatchObject({ sponsorId: root.body.id, depth: 1, uplinePath: [root.body.id] });
    state.seller = { id: seller.body.id, code: seller.body.referralCode };
    state.sponsor = root.body.id;
    const known = await waitFor('the seller in commission', async () => {
      const res = await http(commission).get(`/v1/network-members/${seller.body.id}`).set('Authorization', bearer(commission, 'finance'));
      return res.status === 200 && res.body;
    }, { timeoutMs: 30_000 });
    expect(known).toMatchObject({ kind: 'operator', uplinePath: [root.body.id], market: MARKET });
  }, 60_000);

  it('sells, ships and delivers two guest orders: stock reserved and committed, the parcels on the provider’s topic, commission estimated', async () => {
    kept = await placePaidShipped(2);
    returned = await placePaidShipped(2);
    for (const o of [kept, returned]) {
      await report(o.shipmentId, ['in-transit', 'out-for-delivery', 'delivered']);
      const delivered = await orderIn(o.orderId, ['delivered']);
      expect(delivered.history.map((h: { to: string }) => h.to)).toEqual(['placed', 'confirmed', 'paid', 'shipped', 'delivered']);
    }
    // Commission: estimated lines at payment, for the seller (retail margin) among others.
    const entries = await waitFor('the estimated lines of both orders', async () => {
      const e = await statement(state.seller!.id);
      return [kept, returned].every((o) => e.some((x) => x.orderId === o.orderId)) && e;
    });
    for (const o of [kept, returned]) {
      const mine = entries.filter((x) => x.orderId === o.orderId);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((x) => x.kind === 'estimate' && x.status === 'estimate' && x.amountMinor > 0 && !x.released)).toBe(true);
    }
  }, 120_000);

  it('takes a unit back: the return parcel on the provider’s topic, restocked, refunded, and the commission clawed back', async () => {
    const ret = await http(orders)
      .post(`/v1/guest-orders/${returned.orderId}/returns`)
      .set('Order-Access-Token', returned.accessToken)
      .send({ lines: [{ lineId: returned.lineId, quantity: 1 }], reason: 'broken jar' })
      .expect(201);
    expect(ret.body.returns?.[0] ?? ret.body).toBeTruthy();
    const parcel = await requested(returned.orderId, 'return');
    expect(parcel.providerId).toBe(provider);
    await report(parcel.shipmentId, ['accepted', 'picked-up', 'in-transit', 'delivered']);
    const before = await stock();
    expect(parcel.returnId).toBeTruthy();
    await http(logistics).post(`/v1/returns/${parcel.returnId}/receipt`).set('Authorization', bearer(logistics, 'ops')).send({ lines: [{ skuId: state.skuId, quantity: 1, resellable: true }] }).expect(200);
    await waitFor('the unit restocked', async () => (await stock()).onHand === before.onHand + 1);

    // Orders asks the payment provider for the refund; the provider confirms it.
    const refund = await waitFor('the refund requested', async () => {
      const r = await http(orders).get(`/v1/payments/refunds?providerId=${payments}&status=requested`).set('Authorization', bearer(orders, 'ops'));
      return r.body.items.find((x: { orderId: string }) => x.orderId === returned.orderId);
    });
    const unit = (returned.total - 500) / 2; // the line's unit price (the total includes 5.00 shipping)
    expect(refund.amount).toEqual(eur(unit));
    const raw = JSON.stringify({ type: 'refund.succeeded', orderId: returned.orderId, paymentId: refund.paymentId, refundId: refund.refundId, amount: refund.amount });
    await http(orders).post(`/v1/payments/webhook/${payments}`).set(signed(paymentSecret, raw)).send(raw).expect(200);
    await waitFor('the refund confirmed', async () => (await order(returned.orderId)).refunds.some((r: { status: string }) => r.status === 'confirmed'));

    // Commission: half of each line of the returned order is clawed back.
    const entries = await waitFor('the clawback', async () => {
      const e = await statement(state.seller!.id);
      return e.some((x) => x.orderId === returned.orderId && x.kind === 'clawback') && e;
    });
    const forLine = entries.filter((x) => x.orderId === returned.orderId && x.rule === 'retail-margin');
    const estimate = forLine.find((x) => x.kind === 'estimate')!.amountMinor;
    const clawback = forLine.filter((x) => x.kind === 'clawback').reduce((s, x) => s + x.amountMinor, 0);
    expect(clawback).toBeLessThan(0);
    expect(Math.abs(estimate + 2 * clawback)).toBeLessThanOrEqual(1);
  }, 120_000);

  it('completes both orders after their return window, closes the period, and pays the seller in an issued payout batch', async () => {
    // The return window (1 day) ends on the orders clock: OrderCompleted for both.
    clock(orders).advance('2d');
    for (const o of [kept, returned])
      await orderIn(o.orderId, ['completed'], 60_000).catch(async (e) => {
        const doc = await mongo.db(DB('orders')).collection('orders').findOne({ _id: o.orderId as never });
        const timers = await mongo.db(DB('orders')).collection('timers').find({ _id: { $regex: o.orderId } as never }).toArray();
        throw new Error(`${(e as Error).message}; orders clock ${clock(orders).now().toISOString()}; order ${JSON.stringify({ status: doc?.status, deliveredAt: doc?.deliveredAt, returnWindowEndsAt: doc?.returnWindowEndsAt, openReturns: doc?.openReturns, returns: doc?.returns })}; timers ${JSON.stringify(timers)}`);
      });
    await waitFor('commission sees both orders completed (their lines releasable)', async () => {
      const docs = await mongo.db(DB('commission')).collection('commission_orders').find({ _id: { $in: [kept.orderId, returned.orderId] as never[] } }).toArray();
      return docs.length === 2 && docs.every((d) => d.completedAt);
    });

    // The month ends on the commission clock; the period closes and its lines become final.
    await http(commission).post(`/v1/periods/${PERIOD}/close`).set('Authorization', bearer(commission, 'ops')).expect(422);
    clock(commission).set('2031-06-01T00:00:01Z');
    await http(commission).post(`/v1/periods/${PERIOD}/close`).set('Authorization', bearer(commission, 'ops')).expect(200);
    const final = await statement(state.seller!.id);
    const ours = final.filter((x) => x.orderId === kept.orderId || x.orderId === returned.orderId);
    expect(ours.filter((x) => x.kind === 'estimate').every((x) => x.status === 'final')).toBe(true);
    const owed = ours.reduce((s, x) => s + x.amountMinor, 0);
    expect(owed).toBeGreaterThan(0);

    // Payout: drafted by one finance user, approved and issued by another.
    await http(commission).put(`/v1/members/${state.seller!.id}/payee`).set('Authorization', bearer(commission, 'finance', 'fin-1')).send({ accountHolder: 'Ernest Rutherford', iban: 'DE89370400440532013000' }).expect(200);
    const draft = await http(commission).post('/v1/payout-batches').set('Authorization', bearer(commission, 'finance', 'fin-1')).send({ periodId: PERIOD }).expect(201);
    const payee = ours[0].payeePartyId;
    expect(draft.body.payments).toEqual(expect.arrayContaining([expect.objectContaining({ partyId: payee, amountMinor: final.filter((x) => x.payeePartyId === payee).reduce((s, x) => s + x.amountMinor, 0) })]));
    await http(commission).post(`/v1/payout-batches/${draft.body.batchId}/approve`).set('Authorization', bearer(commission, 'finance', 'fin-1')).expect(403);
    await http(commission).post(`/v1/payout-batches/${draft.body.batchId}/approve`).set('Authorization', bearer(commission, 'finance', 'fin-2')).expect(200);
    await http(commission).post(`/v1/payout-batches/${draft.body.batchId}/issue`).set('Authorization', bearer(commission, 'finance', 'fin-2')).expect(200);

    // The seller's lines of both orders, the clawback included, are paid in that batch.
    const paid = await waitFor('the lines paid', async () => {
      const e = (await statement(state.seller!.id)).filter((x) => x.orderId === kept.orderId || x.orderId === returned.orderId);
      return e.every((x) => x.released && x.batchId === draft.body.batchId) && e;
    });
    expect(paid.reduce((s, x) => s + x.amountMinor, 0)).toBe(owed);
    const line = paid.find((x) => x.orderId === kept.orderId && x.rule === 'retail-margin')!;
    const explained = await http(commission).get(`/v1/commission-lines/${line.lineId}/explain`).set('Authorization', bearer(commission, 'finance', 'fin-1')).expect(200);
    expect(explained.body).toMatchObject({ orderId: kept.orderId, beneficiaryId: state.seller!.id });
  }, 120_000);
});
