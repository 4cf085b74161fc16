import { Topics } from '@netdirect/contracts';
import { CLOCK, TestClock } from '@netdirect/runtime';
import { KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { OrderState } from '../src/orders/order';
import { memberRegistered, productPublished, shipmentDelivered, shipmentDispatched, stockReserved, TestSku } from './support/orders-events';

/*
 * An order's whole life on the test clock, against the real Kafka and
 * database: placed, confirmed by the catalog, paid by a signed webhook,
 * shipped and delivered by logistics, completed by the durable timer at the
 * end of the market's return window. The test acts as catalog, network and
 * logistics; out-of-order and repeated events are mixed in.
 */

const DB = `test_orders_life_${uniqueId()}`;
const ENV = {
  MONGO_DB: DB,
  KAFKA_GROUP_ID: `test-orders-life-${uniqueId()}`,
  CLOCK: 'test',
  CLOCK_START: '2030-01-01T00:00:00Z',
  TIMERS_POLL_MS: '50',
  ORDERS_PAYMENT_WINDOW: '1h',
};
const ADDRESS = { name: 'Ada Lovelace', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };

describe('an order from placement to completion', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), name: '500 g', retail: 1299, member: 999, bv: 800 };
  const consumer = uniqueId('cons-');
  const operator = uniqueId('op-');

  beforeAll(async () => {
    captured = await kafka.capture([Topics.ordersOrders.name]);
    svc = await startTestService(AppModule, ENV);
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    await kafka.produce(Topics.catalogProducts.name, [productPublished(uniqueId('prod-'), 'Green tea', [tea])]);
    await kafka.produce(Topics.networkMembers.name, [memberRegistered(operator, 'operator', [], uniqueId('C-')), memberRegistered(consumer, 'consumer', [operator])]);
    await waitFor('the read models', async () =>
      (await mongo.db(DB).collection('catalog_skus').findOne({ _id: tea.skuId as never })) &&
      (await mongo.db(DB).collection('network_members').findOne({ _id: consumer as never })),
    );
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  const http = () => request(svc.app.getHttpServer());
  const order = (id: string) => mongo.db(DB).collection<OrderState>('orders').findOne({ _id: id });
  const statusIs = (id: string, status: string) => waitFor(`order ${status}`, async () => (await order(id))?.status === status && order(id));
  const types = (orderId: string) => {
    const seen = new Map<string, string>();
    for (const m of captured.filter((c) => c.key === orderId)) {
      const e = JSON.parse(m.value!);
      seen.set(e.id, e.type);
    }
    return [...seen.values()];
  };

  it('placed → confirmed → paid → shipped → delivered → completed when the return window ends', async () => {
    const { body } = await http()
      .post('/v1/orders')
      .set('Authorization', `Bearer ${svc.token('member', consumer)}`)
      .send({ market: 'DE', lines: [{ skuId: tea.skuId, quantity: 2 }], shippingAddress: ADDRESS })
      .expect(201);
    const id: string = body.orderId;
    const shipment = uniqueId('shp-');
    // Answered at once, before catalog replicas of other test files answer our OrderPlaced.
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(id, '2030-01-01T00:30:00.000Z', [{ skuId: tea.skuId, quantity: 2 }])]);
    // Early: logistics reports before the order is paid; it must not move the order.
    await kafka.produce(Topics.logisticsShipments.name, [shipmentDispatched(id, shipment)]);
    await statusIs(id, 'confirmed');

    const provider = uniqueId('pay-').toLowerCase();
    const caller = await http().post('/v1/webhook-callers').set('Authorization', `Bearer ${svc.token('ops')}`).send({ id: provider, channel: 'payments' }).expect(201);
    const raw = JSON.stringify({ type: 'payment.succeeded', orderId: id, paymentId: uniqueId('pm_'), amount: { amount: 3093, currency: 'EUR' } });
    const now = new Date();
    await http()
      .post(`/v1/payments/webhook/${provider}`)
      .set('content-type', 'application/json')
      .set('webhook-id', 'msg_1')
      .set('webhook-timestamp', String(Math.floor(now.getTime() / 1000)))
      .set('webhook-signature', new Webhook(caller.body.secret.value).sign('msg_1', now, raw))
      .send(raw)
      .expect(200);
    await statusIs(id, 'paid');

    await kafka.produce(Topics.logisticsShipments.name, [shipmentDispatched(id, shipment), shipmentDispatched(id, shipment)]);
    await statusIs(id, 'shipped');
    svc.app.get<TestClock>(CLOCK).advance('2d');
    // A return parcel's delivery (another shipment, or one marked as a return) does not deliver the order.
    await kafka.produce(Topics.logisticsShipments.name, [
      shipmentDelivered(id, uniqueId('shp-other-')),
      shipmentDelivered(id, shipment, 'return'),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await order(id))!.status).toBe('shipped');
    await kafka.produce(Topics.logisticsShipments.name, [shipmentDelivered(id, shipment)]);
    const delivered = await statusIs(id, 'delivered');
    // DE's return window (defaults): 30 days from delivery.
    expect(delivered!.returnWindowEndsAt!.getTime() - delivered!.deliveredAt!.getTime()).toBe(30 * 24 * 3600_000);
    await waitFor('the completion timer', () => mongo.db(DB).collection('timers').findOne({ _id: `return-window-end:${id}` as never }));

    svc.app.get<TestClock>(CLOCK).advance('29d');
    await new Promise((r) => setTimeout(r, 400));
    expect((await order(id))!.status).toBe('delivered');
    svc.app.get<TestClock>(CLOCK).advance('1d');
    const done = await statusIs(id, 'completed');
    expect(done!.history.map((h) => [h.to, h.cause])).toEqual([
      ['placed', 'placed'],
      ['confirmed', 'StockReserved'],
      ['paid', 'payment'],
      ['shipped', 'ShipmentDispatched'],
      ['delivered', 'ShipmentDelivered'],
      ['completed', 'return-window-ended'],
    ]);
    await waitFor('OrderCompleted', () => types(id).includes('OrderCompleted'));
    expect(types(id)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderPaid', 'OrderDelivered', 'OrderCompleted']);
  });
});
