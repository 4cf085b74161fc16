import { providerHandoffTopic, Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { ShipmentState } from '../src/shipments/shipment';
import { ADDRESS, closeAll, orderCancelled, orderPaid, orderPlaced, outboundShipmentId, publishSkus, stockCommitted, TestSku } from './support';

/*
 * Providers, routing, handoff and provider status webhooks against the real
 * Kafka and database. The test acts as the catalog and orders (their events)
 * and as the providers (reading their handoff topics, signing webhooks with
 * the standardwebhooks library). Outcomes come from this test's database and
 * the keys of its own shipments; provider ids are unique to the run, so
 * their handoff topics are this test's alone.
 */

const DB = `test_logistics_${uniqueId()}`;
const ENV = { MONGO_DB: DB, KAFKA_GROUP_ID: `test-logistics-${uniqueId()}` };
const run = uniqueId('').toLowerCase();
const near = { id: `near-${run}`, priority: 1 };
const far = { id: `far-${run}`, priority: 2 };

interface Envelope {
  id: string;
  type: string;
  data: Record<string, any>;
}

describe('logistics: providers, routing, handoff and status webhooks', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let captured: CapturedMessage[];
  const secrets = new Map<string, string>();

  const tea: TestSku = { skuId: uniqueId('sku-tea-'), weightGrams: 2000, dimensions: { lengthMm: 200, widthMm: 100, heightMm: 100 } };
  const urn: TestSku = { skuId: uniqueId('sku-urn-'), weightGrams: 30000, dimensions: { lengthMm: 600, widthMm: 400, heightMm: 400 } };

  const http = () => request(svc.app.getHttpServer());
  const ops = () => `Bearer ${svc.token('ops')}`;
  const asProvider = (id: string) => `Bearer ${svc.token('logistics-provider', id)}`;
  const shipment = (id: string) => mongo.db(DB).collection<ShipmentState>('shipments').findOne({ _id: id });
  /** Events of one shipment on one topic, deduplicated by envelope id. */
  const eventsOn = (topic: string, shipmentId: string): Envelope[] => {
    const seen = new Map<string, Envelope>();
    for (const m of captured.filter((c) => c.topic === topic && c.key === shipmentId)) {
      const e = JSON.parse(m.value!) as Envelope;
      seen.set(e.id, e);
    }
    return [...seen.values()];
  };

  function registration(id: string, priority: number, regions: { country: string; postcodePrefixes: string[] }[], maxWeightGrams = 31_500) {
    return {
      id,
      name: `Provider ${id}`,
      regions,
      limits: { maxWeightGrams, maxLengthMm: 1200, maxVolumeCm3: 200_000 },
      serviceLevels: ['standard'],
      acceptanceDeadline: 'PT4H',
      priority,
      dailyCapacity: 1000,
    };
  }
  async function register(body: ReturnType<typeof registration>) {
    const res = await http().post('/v1/providers').set('Authorization', ops()).send(body).expect(201);
    secrets.set(body.id, res.body.webhookSecret.value);
    return res;
  }

  /** A paid order whose stock was committed; resolves with its shipment id once logistics wrote the shipment. */
  async function paidOrder(lines: { skuId: string; quantity: number }[], address = ADDRESS): Promise<string> {
    const orderId = uniqueId('ord-');
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(orderId, lines, address), orderPaid(orderId)]);
    await waitFor('the order in the read model', async () => (await mongo.db(DB).collection('order_facts').findOne({ _id: orderId as never }))?.paidAt);
    await kafka.produce(Topics.catalogReservations.name, [stockCommitted(orderId, lines)]);
    const id = outboundShipmentId(orderId);
    await waitFor('the shipment', () => shipment(id));
    return id;
  }

  /** A status report as a provider signs it (Standard Webhooks). */
  function report(providerId: string, body: object, opts: { id?: string; at?: Date; key?: string; sentBody?: string } = {}) {
    const id = opts.id ?? uniqueId('msg_');
    const at = opts.at ?? new Date();
    const raw = JSON.stringify(body);
    return http()
      .post(`/v1/providers/${providerId}/updates`)
      .set('content-type', 'application/json')
      .set('webhook-id', id)
      .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
      .set('webhook-signature', new Webhook(opts.key ?? secrets.get(providerId)!).sign(id, at, raw))
      .send(opts.sentBody ?? raw);
  }

  beforeAll(async () => {
    svc = await startTestService(AppModule, ENV);
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    await register(registration(near.id, near.priority, [{ country: 'DE', postcodePrefixes: ['10', '12'] }], 5000));
    await register(registration(far.id, far.priority, [{ country: 'DE', postcodePrefixes: [] }, { country: 'AT', postcodePrefixes: [] }]));
    captured = await kafka.capture([Topics.logisticsShipments.name, providerHandoffTopic(near.id).name, providerHandoffTopic(far.id).name]);
    await publishSkus(kafka, mongo.db(DB), [tea, urn]);
  }, 60_000);

  afterAll(() => closeAll(svc, mongo, kafka));

  it('registers a provider with its handoff topic; the webhook secret is shown once and a second registration of the id is 409', async () => {
    const id = `once-${run}`;
    const res = await register(registration(id, 50, [{ country: 'LU', postcodePrefixes: [] }]));
    expect(res.body.webhookSecret.value).toMatch(/^whsec_/);
    expect(res.body.provider).toMatchObject({ id, handoffTopic: `logistics.handoff.${id}.v1`, webhookPath: `/v1/providers/${id}/updates`, acceptanceDeadlineMs: 4 * 3600_000 });
    const read = await http().get(`/v1/providers/${id}`).set('Authorization', ops()).expect(200);
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    const listed = await http().get('/v1/providers').set('Authorization', ops()).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    await http().post('/v1/providers').set('Authorization', ops()).send(registration(id, 50, [{ country: 'LU', postcodePrefixes: [] }])).expect(409);
    // The topic exists before the first shipment: a provider can subscribe at once.
    await kafka.capture([providerHandoffTopic(id).name]);
    await http().get(`/v1/providers/${id}`).set('Authorization', asProvider(near.id)).expect(403);
    const refused = await http().post('/v1/providers').set('Authorization', ops()).send({ ...registration(`bad-${run}`, 1, [{ country: 'DE', postcodePrefixes: [] }]), acceptanceDeadline: 'soon' }).expect(422);
    expect(refused.body.fields).toEqual([{ field: 'acceptanceDeadline', reason: expect.any(String) }]);
  });

  it("a paid order's committed stock → ShipmentRequested on the chosen provider's topic and logistics.shipments.v1, on no other provider's; the decision names the rejected", async () => {
    const id = await paidOrder([{ skuId: tea.skuId, quantity: 3 }]);
    const s = await shipment(id);
    expect(s).toMatchObject({ status: 'requested', providerId: near.id, direction: 'outbound', returnId: null });
    // 3 × 2 kg under a 5 kg limit: two parcels.
    expect(s!.parcels.map((p) => p.weightGrams)).toEqual([4000, 2000]);
    const onNear = await waitFor('ShipmentRequested on the handoff topic', () => eventsOn(providerHandoffTopic(near.id).name, id).find((e) => e.type === 'ShipmentRequested'));
    const onStream = await waitFor('ShipmentRequested on logistics.shipments.v1', () => eventsOn(Topics.logisticsShipments.name, id).find((e) => e.type === 'ShipmentRequested'));
    expect(onNear).toEqual(onStream);
    expect(onNear.data).toMatchObject({ shipmentId: id, providerId: near.id, direction: 'outbound', destination: ADDRESS, serviceLevel: 'standard' });
    expect(onNear.data.parcels).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(eventsOn(providerHandoffTopic(far.id).name, id)).toEqual([]);

    const view = await http().get(`/v1/shipments/${id}`).set('Authorization', ops()).expect(200);
    const decision = view.body.routing[0];
    expect(decision.providerId).toBe(near.id);
    expect(decision.candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ providerId: near.id, eligible: true, reason: expect.stringMatching(/^chosen/) }),
        expect.objectContaining({ providerId: far.id, eligible: true, reason: expect.stringMatching(/ranks first/) }),
      ]),
    );
    expect(view.body.history.map((h: { status: string }) => h.status)).toEqual(['unroutable', 'requested']);
  });

  it("routes around a provider's limits and region: an urn over the near provider's weight limit, an address outside its postcodes", async () => {
    const heavy = await paidOrder([{ skuId: urn.skuId, quantity: 1 }]);
    expect((await shipment(heavy))!.providerId).toBe(far.id);
    const view = await http().get(`/v1/shipments/${heavy}`).set('Authorization', ops()).expect(200);
    expect(view.body.routing[0].candidates).toContainEqual(expect.objectContaining({ providerId: near.id, eligible: false, reason: expect.stringMatching(/over the 5000 g limit/) }));
    const munich = await paidOrder([{ skuId: tea.skuId, quantity: 1 }], { ...ADDRESS, city: 'München', postalCode: '80331' });
    expect((await shipment(munich))!.providerId).toBe(far.id);
    await waitFor('ShipmentRequested on the far provider', () => eventsOn(providerHandoffTopic(far.id).name, munich).find((e) => e.type === 'ShipmentRequested'));
  });

  it('a shipment no provider can take waits as unroutable (ops see the queue) and is routed when a provider that can is registered', async () => {
    const paris = { ...ADDRESS, city: 'Paris', postalCode: '75001', country: 'FR' };
    const id = await paidOrder([{ skuId: tea.skuId, quantity: 1 }], paris);
    expect((await shipment(id))!.status).toBe('unroutable');
    const queue = await http().get('/v1/shipments?status=unroutable').set('Authorization', ops()).expect(200);
    expect(queue.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect(eventsOn(Topics.logisticsShipments.name, id)).toEqual([]);

    const fr = `fr-${run}`;
    await register(registration(fr, 5, [{ country: 'FR', postcodePrefixes: ['75'] }]));
    const routed = await waitFor('the shipment routed', async () => ((await shipment(id))?.status === 'requested' ? shipment(id) : null));
    expect(routed!.providerId).toBe(fr);
    expect(routed!.routing.map((r) => r.providerId)).toEqual([null, fr]);
    await waitFor('ShipmentRequested on logistics.shipments.v1', () => eventsOn(Topics.logisticsShipments.name, id).find((e) => e.type === 'ShipmentRequested'));
  });

  it('provider reports: a forward jump to delivered announces acceptance and dispatch; an earlier step arriving late is history; backwards or after delivered is refused and kept', async () => {
    const id = await paidOrder([{ skuId: tea.skuId, quantity: 1 }]);
    const start = Date.now();
    const t = (sec: number) => new Date(start + sec * 1000).toISOString();
    const body = (status: string, occurredAt: string, extra: object = {}) => ({ shipmentId: id, status, occurredAt, providerReference: 'JJD-1', ...extra });

    const inTransit = await report(near.id, body('in-transit', t(10), { location: 'Leipzig hub' })).expect(200);
    expect(inTransit.body).toMatchObject({ outcome: 'applied', status: 'in-transit' });
    const delivered = await report(near.id, body('delivered', t(30), { proofReference: 'sig-42' })).expect(200);
    expect(delivered.body).toMatchObject({ outcome: 'applied', status: 'delivered' });
    const late = await report(near.id, body('picked-up', t(5))).expect(200);
    expect(late.body).toMatchObject({ outcome: 'recorded-late', status: 'delivered' });
    const after = await report(near.id, body('failed', t(40), { reason: 'lost' })).expect(200);
    expect(after.body).toMatchObject({ outcome: 'refused', status: 'delivered', reason: expect.stringMatching(/final/) });

    const s = await shipment(id);
    expect(s).toMatchObject({ status: 'delivered', providerReference: 'JJD-1', proofReference: 'sig-42' });
    expect(s!.history.map((h) => h.status)).toEqual(['unroutable', 'requested', 'picked-up', 'in-transit', 'delivered']);
    expect(s!.refused).toEqual([expect.objectContaining({ status: 'failed', reason: expect.stringMatching(/final/) })]);
    const types = await waitFor('the life-cycle events', () => {
      const ts = eventsOn(Topics.logisticsShipments.name, id).map((e) => e.type);
      return ts.includes('ShipmentDelivered') && ts;
    });
    expect(types).toEqual(['ShipmentRequested', 'ShipmentAccepted', 'ShipmentDispatched', 'ShipmentDelivered']);
    const deliveredEvent = eventsOn(Topics.logisticsShipments.name, id).find((e) => e.type === 'ShipmentDelivered')!;
    expect(deliveredEvent.data).toMatchObject({ orderId: s!.orderId, providerId: near.id, direction: 'outbound', proofReference: 'sig-42', deliveredAt: new Date(t(30)).toISOString() });
    // The provider sees only ShipmentRequested on its topic.
    expect(eventsOn(providerHandoffTopic(near.id).name, id).map((e) => e.type)).toEqual(['ShipmentRequested']);
  });

  it('refuses a report that goes backwards, keeping it for review', async () => {
    const id = await paidOrder([{ skuId: tea.skuId, quantity: 1 }]);
    const start = Date.now();
    const t = (sec: number) => new Date(start + sec * 1000).toISOString();
    await report(near.id, { shipmentId: id, status: 'out-for-delivery', occurredAt: t(10), providerReference: 'R-2' }).expect(200);
    const back = await report(near.id, { shipmentId: id, status: 'picked-up', occurredAt: t(20), providerReference: 'R-2' }).expect(200);
    expect(back.body).toMatchObject({ outcome: 'refused', status: 'out-for-delivery', reason: expect.stringMatching(/backwards/) });
    // A failed attempt and a retry are the provider's to make.
    await report(near.id, { shipmentId: id, status: 'failed', occurredAt: t(30), providerReference: 'R-2', reason: 'recipient-absent' }).expect(200);
    const retry = await report(near.id, { shipmentId: id, status: 'out-for-delivery', occurredAt: t(40), providerReference: 'R-2' }).expect(200);
    expect(retry.body).toMatchObject({ outcome: 'applied', status: 'out-for-delivery' });
    await report(near.id, { shipmentId: id, status: 'delivered', occurredAt: t(50), providerReference: 'R-2' }).expect(422);
    expect((await shipment(id))!.refused).toHaveLength(1);
  });

  it("another provider's shipment is 403; forged, stale and tampered deliveries are 401; a repeated webhook id has no second effect", async () => {
    const id = await paidOrder([{ skuId: tea.skuId, quantity: 1 }]);
    const body = { shipmentId: id, status: 'accepted', occurredAt: new Date().toISOString(), providerReference: 'X-1' };
    await report(far.id, body).expect(403);
    await report(near.id, body, { key: `whsec_${Buffer.alloc(32, 7).toString('base64')}` }).expect(401);
    await report(near.id, body, { at: new Date(Date.now() - 10 * 60_000) }).expect(401);
    await report(near.id, body, { sentBody: JSON.stringify({ ...body, providerReference: 'X-2' }) }).expect(401);
    expect((await shipment(id))!.status).toBe('requested');

    const first = await report(near.id, body, { id: 'msg_accept_once' }).expect(200);
    expect(first.body).toMatchObject({ outcome: 'applied', status: 'accepted' });
    const again = await report(near.id, { ...body, status: 'picked-up' }, { id: 'msg_accept_once' });
    expect(again.headers['webhook-duplicate']).toBe('true');
    const s = await shipment(id);
    expect(s).toMatchObject({ status: 'accepted', providerReference: 'X-1', seq: 1 });
  });

  it("an order cancelled before pickup cancels its shipment, with ShipmentCancelled on its provider's topic only; reports after it are refused", async () => {
    const id = await paidOrder([{ skuId: tea.skuId, quantity: 1 }]);
    const orderId = (await shipment(id))!.orderId;
    await kafka.produce(Topics.ordersOrders.name, [orderCancelled(orderId)]);
    await waitFor('the shipment cancelled', async () => (await shipment(id))?.status === 'cancelled');
    const cancelled = await waitFor('ShipmentCancelled on the handoff topic', () => eventsOn(providerHandoffTopic(near.id).name, id).find((e) => e.type === 'ShipmentCancelled'));
    expect(cancelled.data).toMatchObject({ shipmentId: id, orderId, providerId: near.id, reason: 'order-cancelled' });
    expect(eventsOn(providerHandoffTopic(far.id).name, id)).toEqual([]);
    const late = await report(near.id, { shipmentId: id, status: 'picked-up', occurredAt: new Date().toISOString(), providerReference: 'C-1' }).expect(200);
    expect(late.body).toMatchObject({ outcome: 'refused', status: 'cancelled' });
  });

  it('a provider sees only its own shipments', async () => {
    const mine = await paidOrder([{ skuId: tea.skuId, quantity: 1 }]);
    const list = await http().get('/v1/shipments').set('Authorization', asProvider(near.id)).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((s: { providerId: string }) => s.providerId === near.id)).toBe(true);
    await http().get(`/v1/shipments?providerId=${far.id}`).set('Authorization', asProvider(near.id)).expect(403);
    await http().get(`/v1/shipments/${mine}`).set('Authorization', asProvider(near.id)).expect(200);
    await http().get(`/v1/shipments/${mine}`).set('Authorization', asProvider(far.id)).expect(403);
    const byOrder = await http().get(`/v1/shipments?orderId=${(await shipment(mine))!.orderId}`).set('Authorization', ops()).expect(200);
    expect(byOrder.body.items.map((s: { id: string }) => s.id)).toEqual([mine]);
    await http().get(`/v1/shipments/00000000-0000-4000-8000-000000000000`).set('Authorization', ops()).expect(404);
  });
});
