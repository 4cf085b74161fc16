import { providerHandoffTopic, Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_KAFKA_BROKERS, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import request from 'supertest';
// The orders service, unchanged, as the consumer of logistics' events this test is about: a test-only
// reach across services (logistics' own code depends on no other service).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as OrdersAppModule } from '../../orders/src/app.module';
import { AppModule } from '../src/app.module';
import { ShipmentState } from '../src/shipments/shipment';
import { ADDRESS, closeAll, memberRegistered, outboundShipmentId, productPublished, signedHeaders, stockCommitted, stockReserved, TestSku } from './support';

/*
 * The sample provider (scripts/provider-sim.mjs), a separate process using
 * only its handoff topic and the signed webhook, drives a real order to
 * delivered: the orders service (started here, unchanged) takes the order
 * and its payment and publishes OrderPlaced and OrderPaid, logistics routes
 * the shipment when the stock is committed (the test acts as the catalog),
 * the sample provider accepts, dispatches and delivers it, and the orders
 * service, reading logistics.shipments.v1, sees the order delivered.
 */

const DB = `test_logistics_sim_${uniqueId()}`;
const ORDERS_DB = `test_logistics_sim_orders_${uniqueId()}`;
const provider = `sim-${uniqueId('').toLowerCase()}`;

describe('logistics: the sample provider and the orders service', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let orders: TestService;
  let mongo: MongoClient;
  let sim: ChildProcess | undefined;
  let captured: CapturedMessage[];
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), weightGrams: 500, dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 } };
  const buyer = uniqueId('cons-');

  beforeAll(async () => {
    svc = await startTestService(AppModule, { MONGO_DB: DB, KAFKA_GROUP_ID: `test-logistics-sim-${uniqueId()}` });
    orders = await startTestService(OrdersAppModule, { MONGO_DB: ORDERS_DB, KAFKA_GROUP_ID: `test-logistics-sim-orders-${uniqueId()}` });
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    const res = await request(svc.app.getHttpServer())
      .post('/v1/providers')
      .set('Authorization', `Bearer ${svc.token('ops')}`)
      .send({ id: provider, name: 'Sim', regions: [{ country: 'DE', postcodePrefixes: [] }], limits: { maxWeightGrams: 31_500, maxLengthMm: 1200, maxVolumeCm3: 200_000 }, serviceLevels: ['standard'], acceptanceDeadline: 'PT4H', priority: 1, dailyCapacity: 100 })
      .expect(201);
    const server = svc.app.getHttpServer();
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    sim = spawn(process.execPath, [join(__dirname, '../../../scripts/provider-sim.mjs'), provider], {
      env: { ...process.env, PROVIDER_SECRET: res.body.webhookSecret.value, LOGISTICS_URL: `http://127.0.0.1:${port}`, KAFKA_BROKERS: TEST_KAFKA_BROKERS, SIM_ACCEPT_MS: '100', SIM_STEP_MS: '100' },
      stdio: 'ignore',
    });
    captured = await kafka.capture([Topics.logisticsShipments.name]);
    await kafka.produce(Topics.catalogProducts.name, [productPublished([tea])]);
    await kafka.produce(Topics.networkMembers.name, [memberRegistered(buyer)]);
    await waitFor('the SKU size in logistics', () => mongo.db(DB).collection('sku_sizes').findOne({ _id: tea.skuId as never }));
    await waitFor('the SKU and the buyer in orders', async () =>
      (await mongo.db(ORDERS_DB).collection('catalog_skus').findOne({ _id: tea.skuId as never })) && mongo.db(ORDERS_DB).collection('network_members').findOne({ _id: buyer as never }),
    );
  }, 90_000);

  afterAll(async () => {
    sim?.kill('SIGTERM');
    await closeAll(svc, orders, mongo, kafka);
  });

  it("drives an order placed and paid at the orders service to delivered through the handoff topic and the signed webhook; the orders service sees it delivered", async () => {
    const ordersHttp = () => request(orders.app.getHttpServer());
    const lines = [{ skuId: tea.skuId, quantity: 1 }];
    const placed = await ordersHttp().post('/v1/orders').set('Authorization', `Bearer ${orders.token('member', buyer)}`).send({ market: 'DE', lines, shippingAddress: ADDRESS }).expect(201);
    const orderId: string = placed.body.orderId;
    // As the catalog, at once (a catalog of another test file would refuse SKUs it does not know).
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(orderId, lines)]);
    const order = (status: string) =>
      waitFor(`the order ${status} at the orders service`, async () => {
        const o = await mongo.db(ORDERS_DB).collection('orders').findOne({ _id: orderId as never });
        return o?.status === status && o;
      }, { timeoutMs: 30_000 });
    const confirmed = await order('confirmed');

    const payments = uniqueId('pay-').toLowerCase();
    const caller = await ordersHttp().post('/v1/webhook-callers').set('Authorization', `Bearer ${orders.token('ops')}`).send({ id: payments, channel: 'payments', name: 'Sandbox' }).expect(201);
    const paid = JSON.stringify({ type: 'payment.succeeded', orderId, paymentId: uniqueId('pm_'), amount: { amount: confirmed.total, currency: confirmed.currency } });
    await ordersHttp().post(`/v1/payments/webhook/${payments}`).set(signedHeaders(caller.body.secret.value, paid)).send(paid).expect(200);
    await order('paid');
    // Logistics learnt the address and the payment from the orders service's own events.
    await waitFor('the paid order in logistics', async () => (await mongo.db(DB).collection('order_facts').findOne({ _id: orderId as never }))?.paidAt);

    await kafka.produce(Topics.catalogReservations.name, [stockCommitted(orderId, lines)]);
    const id = outboundShipmentId(orderId);
    const done = await waitFor('delivered', async () => {
      const s = await mongo.db(DB).collection<ShipmentState>('shipments').findOne({ _id: id });
      return s?.status === 'delivered' && s;
    }, { timeoutMs: 30_000 });
    expect(done.history.map((h) => h.status)).toEqual(['unroutable', 'requested', 'accepted', 'picked-up', 'in-transit', 'out-for-delivery', 'delivered']);
    expect(done.providerId).toBe(provider);
    expect(done.destination).toEqual(ADDRESS);
    const delivered = await waitFor('ShipmentDelivered on logistics.shipments.v1', () =>
      captured.filter((m) => m.key === id).map((m) => JSON.parse(m.value!)).find((e) => e.type === 'ShipmentDelivered'),
    );
    expect(delivered.data).toMatchObject({ orderId, shipmentId: id, providerId: provider, proofReference: expect.stringMatching(/^POD-/) });
    expect(providerHandoffTopic(provider).name).toBe(`logistics.handoff.${provider}.v1`);

    const atOrders = await order('delivered');
    expect(atOrders.deliveredAt).toBeTruthy();
  }, 90_000);
});
