import { providerHandoffTopic, Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_KAFKA_BROKERS, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { ShipmentState } from '../src/shipments/shipment';
import { orderPaid, orderPlaced, outboundShipmentId, productPublished, stockCommitted, TestSku } from './support';

/*
 * The sample provider (scripts/provider-sim.mjs), a separate process using
 * only its handoff topic and the signed webhook, drives a paid order's
 * shipment to delivered; ShipmentDelivered reaches logistics.shipments.v1,
 * the topic the orders service reads.
 */

const DB = `test_logistics_sim_${uniqueId()}`;
const ENV = { MONGO_DB: DB, KAFKA_GROUP_ID: `test-logistics-sim-${uniqueId()}` };
const provider = `sim-${uniqueId('').toLowerCase()}`;

describe('logistics: the sample provider', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let sim: ChildProcess | undefined;
  let captured: CapturedMessage[];
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), weightGrams: 500, dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 } };

  beforeAll(async () => {
    svc = await startTestService(AppModule, ENV);
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
    await waitFor('the SKU size', () => mongo.db(DB).collection('sku_sizes').findOne({ _id: tea.skuId as never }));
  }, 60_000);

  afterAll(async () => {
    sim?.kill('SIGTERM');
    await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  it('drives a paid order to delivered through the handoff topic and the signed webhook', async () => {
    const orderId = uniqueId('ord-');
    const lines = [{ skuId: tea.skuId, quantity: 1 }];
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(orderId, lines), orderPaid(orderId)]);
    await waitFor('the paid order', async () => (await mongo.db(DB).collection('order_facts').findOne({ _id: orderId as never }))?.paidAt);
    await kafka.produce(Topics.catalogReservations.name, [stockCommitted(orderId, lines)]);
    const id = outboundShipmentId(orderId);
    const done = await waitFor('delivered', async () => {
      const s = await mongo.db(DB).collection<ShipmentState>('shipments').findOne({ _id: id });
      return s?.status === 'delivered' && s;
    }, { timeoutMs: 30_000 });
    expect(done.history.map((h) => h.status)).toEqual(['unroutable', 'requested', 'accepted', 'picked-up', 'in-transit', 'out-for-delivery', 'delivered']);
    expect(done.providerId).toBe(provider);
    const delivered = await waitFor('ShipmentDelivered on logistics.shipments.v1', () =>
      captured.filter((m) => m.key === id).map((m) => JSON.parse(m.value!)).find((e) => e.type === 'ShipmentDelivered'),
    );
    expect(delivered.data).toMatchObject({ orderId, shipmentId: id, providerId: provider, proofReference: expect.stringMatching(/^POD-/) });
    expect(providerHandoffTopic(provider).name).toBe(`logistics.handoff.${provider}.v1`);
  }, 60_000);
});
