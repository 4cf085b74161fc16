import { providerHandoffTopic, Topics } from '@netdirect/contracts';
import { CLOCK, TestClock } from '@netdirect/runtime';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { ShipmentState } from '../src/shipments/shipment';
import { closeAll, orderPaid, orderPlaced, outboundShipmentId, publishSkus, stockCommitted, TestSku } from './support';

/*
 * The acceptance deadline (a durable timer on a test clock) against the real
 * Kafka and database: a shipment its provider has not accepted in time goes
 * to the next eligible provider under the same id, and the first provider is
 * told on its own handoff topic to drop it.
 */

const DB = `test_logistics_reroute_${uniqueId()}`;
const ENV = { MONGO_DB: DB, KAFKA_GROUP_ID: `test-logistics-reroute-${uniqueId()}`, CLOCK: 'test', TIMERS_POLL_MS: '50' };
const run = uniqueId('').toLowerCase();
const first = `slow-${run}`;
const second = `next-${run}`;

describe('logistics: re-routing a shipment not accepted before the deadline', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let captured: CapturedMessage[];
  let secret: string;
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), weightGrams: 500, dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 } };

  const http = () => request(svc.app.getHttpServer());
  const shipment = (id: string) => mongo.db(DB).collection<ShipmentState>('shipments').findOne({ _id: id });
  const eventsOn = (topic: string, key: string) => {
    const seen = new Map<string, { id: string; type: string; data: Record<string, any> }>();
    for (const m of captured.filter((c) => c.topic === topic && c.key === key)) {
      const e = JSON.parse(m.value!);
      seen.set(e.id, e);
    }
    return [...seen.values()];
  };
  const provider = (id: string, priority: number) => ({
    id,
    name: id,
    regions: [{ country: 'DE', postcodePrefixes: [] }],
    limits: { maxWeightGrams: 31_500, maxLengthMm: 1200, maxVolumeCm3: 200_000 },
    serviceLevels: ['standard'],
    acceptanceDeadline: '30m',
    priority,
    dailyCapacity: 100,
  });
  async function paidOrder(): Promise<string> {
    const orderId = uniqueId('ord-');
    const lines = [{ skuId: tea.skuId, quantity: 1 }];
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(orderId, lines), orderPaid(orderId)]);
    await waitFor('the paid order', async () => (await mongo.db(DB).collection('order_facts').findOne({ _id: orderId as never }))?.paidAt);
    await kafka.produce(Topics.catalogReservations.name, [stockCommitted(orderId, lines)]);
    const id = outboundShipmentId(orderId);
    await waitFor('the shipment', () => shipment(id));
    return id;
  }

  beforeAll(async () => {
    svc = await startTestService(AppModule, ENV);
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    const res = await http().post('/v1/providers').set('Authorization', `Bearer ${svc.token('ops')}`).send(provider(first, 1)).expect(201);
    secret = res.body.webhookSecret.value;
    await http().post('/v1/providers').set('Authorization', `Bearer ${svc.token('ops')}`).send(provider(second, 2)).expect(201);
    captured = await kafka.capture([Topics.logisticsShipments.name, providerHandoffTopic(first).name, providerHandoffTopic(second).name]);
    await publishSkus(kafka, mongo.db(DB), [tea]);
  }, 60_000);

  afterAll(() => closeAll(svc, mongo, kafka));

  it("an unaccepted shipment goes to the next provider after the deadline (same id), with ShipmentCancelled on the first provider's topic; an accepted one stays", async () => {
    const ignored = await paidOrder();
    const accepted = await paidOrder();
    expect((await shipment(ignored))!.providerId).toBe(first);
    const raw = JSON.stringify({ shipmentId: accepted, status: 'accepted', occurredAt: new Date().toISOString(), providerReference: 'ACC-1' });
    const now = new Date();
    await http()
      .post(`/v1/providers/${first}/updates`)
      .set('content-type', 'application/json')
      .set('webhook-id', 'msg_acc')
      .set('webhook-timestamp', String(Math.floor(now.getTime() / 1000)))
      .set('webhook-signature', new Webhook(secret).sign('msg_acc', now, raw))
      .send(raw)
      .expect(200);

    svc.app.get<TestClock>(CLOCK).advance('31m');
    const moved = await waitFor('the re-route', async () => ((await shipment(ignored))?.providerId === second ? shipment(ignored) : null));
    expect(moved).toMatchObject({ _id: ignored, status: 'requested' });
    expect(moved!.routing.map((r) => r.providerId)).toEqual([first, second]);
    expect(moved!.routing[1].candidates).toContainEqual(expect.objectContaining({ providerId: first, eligible: false, reason: expect.stringMatching(/excluded/) }));

    const cancelled = await waitFor('ShipmentCancelled on the first provider', () => eventsOn(providerHandoffTopic(first).name, ignored).find((e) => e.type === 'ShipmentCancelled'));
    expect(cancelled.data).toMatchObject({ shipmentId: ignored, providerId: first, reason: 'rerouted', direction: 'outbound' });
    const handedOver = await waitFor('ShipmentRequested on the next provider', () => eventsOn(providerHandoffTopic(second).name, ignored).find((e) => e.type === 'ShipmentRequested'));
    expect(handedOver.data).toMatchObject({ shipmentId: ignored, providerId: second });
    const stream = await waitFor('ShipmentRerouted', () => {
      const types = eventsOn(Topics.logisticsShipments.name, ignored).map((e) => e.type);
      return types.includes('ShipmentRerouted') && types;
    });
    expect(stream).toEqual(['ShipmentRequested', 'ShipmentCancelled', 'ShipmentRerouted', 'ShipmentRequested']);
    // The second provider sees only its request, never the first's cancellation.
    expect(eventsOn(providerHandoffTopic(second).name, ignored).map((e) => e.type)).toEqual(['ShipmentRequested']);

    expect(await shipment(accepted)).toMatchObject({ providerId: first, status: 'accepted' });
    // The second provider lets its deadline pass too: nobody else is left, so the shipment stays with it.
    svc.app.get<TestClock>(CLOCK).advance('31m');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await shipment(ignored)).toMatchObject({ providerId: second, status: 'requested' });
  });
});
