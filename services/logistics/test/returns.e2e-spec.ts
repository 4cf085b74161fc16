import { providerHandoffTopic, Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { ShipmentState } from '../src/shipments/shipment';
import { ADDRESS, closeAll, orderPlaced, publishSkus, returnRequested, returnShipmentId, TestSku } from './support';

/*
 * Returns against the real Kafka and database: ReturnRequested (the test acts
 * as orders) → a return shipment collected at the buyer's address and handed
 * off like any shipment; ops record what came back → ReturnShipmentReceived.
 */

const DB = `test_logistics_returns_${uniqueId()}`;
const ENV = { MONGO_DB: DB, KAFKA_GROUP_ID: `test-logistics-returns-${uniqueId()}`, LOGISTICS_WAREHOUSE_CITY: 'Hamburg', LOGISTICS_WAREHOUSE_POSTCODE: '20095' };
const provider = `ret-${uniqueId('').toLowerCase()}`;

describe('logistics: returns', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let captured: CapturedMessage[];
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), weightGrams: 500, dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 } };

  const http = () => request(svc.app.getHttpServer());
  const ops = () => `Bearer ${svc.token('ops')}`;
  const shipment = (id: string) => mongo.db(DB).collection<ShipmentState>('shipments').findOne({ _id: id });
  const eventsOn = (topic: string, key: string) => {
    const seen = new Map<string, { id: string; type: string; data: Record<string, any> }>();
    for (const m of captured.filter((c) => c.topic === topic && c.key === key)) {
      const e = JSON.parse(m.value!);
      seen.set(e.id, e);
    }
    return [...seen.values()];
  };

  beforeAll(async () => {
    svc = await startTestService(AppModule, ENV);
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    await http()
      .post('/v1/providers')
      .set('Authorization', ops())
      .send({ id: provider, name: 'Returns', regions: [{ country: 'DE', postcodePrefixes: [] }], limits: { maxWeightGrams: 31_500, maxLengthMm: 1200, maxVolumeCm3: 200_000 }, serviceLevels: ['standard'], acceptanceDeadline: 'PT4H', priority: 1, dailyCapacity: 100 })
      .expect(201);
    captured = await kafka.capture([Topics.logisticsShipments.name, providerHandoffTopic(provider).name]);
    await publishSkus(kafka, mongo.db(DB), [tea]);
  }, 60_000);

  afterAll(() => closeAll(svc, mongo, kafka));

  it('a return request → a return shipment from the buyer to the warehouse, handed off; ops record the inspection once → ReturnShipmentReceived', async () => {
    const orderId = uniqueId('ord-');
    const returnId = uniqueId('ret-');
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(orderId, [{ skuId: tea.skuId, quantity: 3 }]), returnRequested(orderId, returnId, [{ skuId: tea.skuId, quantity: 2 }])]);
    const id = returnShipmentId(returnId);
    const s = await waitFor('the return shipment', () => shipment(id));
    expect(s).toMatchObject({ direction: 'return', returnId, providerId: provider, status: 'requested', pickup: ADDRESS, destination: { city: 'Hamburg', postalCode: '20095' } });

    const requested = await waitFor('ShipmentRequested on the handoff topic', () => eventsOn(providerHandoffTopic(provider).name, id).find((e) => e.type === 'ShipmentRequested'));
    expect(requested.data).toMatchObject({ direction: 'return', returnId, orderId, pickupAddress: ADDRESS, destination: { city: 'Hamburg' } });

    const tooMany = await http().post(`/v1/returns/${returnId}/receipt`).set('Authorization', ops()).send({ lines: [{ skuId: tea.skuId, quantity: 3, resellable: true }] }).expect(422);
    expect(tooMany.body.message).toMatch(/exceed/);
    const lines = [
      { skuId: tea.skuId, quantity: 1, resellable: true },
      { skuId: tea.skuId, quantity: 1, resellable: false },
    ];
    const received = await http().post(`/v1/returns/${returnId}/receipt`).set('Authorization', ops()).send({ lines }).expect(200);
    expect(received.body).toMatchObject({ id, direction: 'return', returnId, receivedAt: expect.any(String) });
    await http().post(`/v1/returns/${returnId}/receipt`).set('Authorization', ops()).send({ lines }).expect(422);
    await http().post(`/v1/returns/${uniqueId('nope-')}/receipt`).set('Authorization', ops()).send({ lines }).expect(404);

    const event = await waitFor('ReturnShipmentReceived', () => eventsOn(Topics.logisticsShipments.name, id).find((e) => e.type === 'ReturnShipmentReceived'));
    expect(event.data).toMatchObject({ shipmentId: id, orderId, returnId, providerId: provider, lines });
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsOn(Topics.logisticsShipments.name, id).filter((e) => e.type === 'ReturnShipmentReceived')).toHaveLength(1);
    // The provider's topic never carries the warehouse's inspection.
    expect(eventsOn(providerHandoffTopic(provider).name, id).map((e) => e.type)).toEqual(['ShipmentRequested']);
  });
});
