import { providerHandoffTopic, Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { Provider, ProviderInput, ProviderState } from '../src/providers/provider';
import { ShipmentState } from '../src/shipments/shipment';
import { ShipmentRouting } from '../src/shipments/shipment-routing.service';
import { ADDRESS, closeAll, eventsOn, placePaidOrder, productPublished, providerRegistration, signedHeaders, TestSku } from './support';

/*
 * Ops changing providers against the real Kafka and database: a change
 * routes the unroutable queue again, a suspension takes a provider's
 * unaccepted shipments from it (told on its own handoff topic), a
 * registration that died half-way is finished by its retry, and a day's
 * capacity holds under concurrent routing. Each test uses its own countries,
 * so its providers and shipments are its own.
 */

const DB = `test_logistics_providers_${uniqueId()}`;
const ENV = { MONGO_DB: DB, KAFKA_GROUP_ID: `test-logistics-providers-${uniqueId()}`, TIMERS_POLL_MS: '100' };
const run = uniqueId('').toLowerCase();

describe('logistics: ops change, suspend and reactivate providers', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  const secrets = new Map<string, string>();
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), weightGrams: 500, dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 } };

  const http = () => request(svc.app.getHttpServer());
  const ops = () => `Bearer ${svc.token('ops')}`;
  const db = () => mongo.db(DB);
  const shipment = (id: string) => db().collection<ShipmentState>('shipments').findOne({ _id: id });
  const order = (address = ADDRESS) => placePaidOrder(kafka, db(), [{ skuId: tea.skuId, quantity: 1 }], address);
  const settled = (id: string, providerId: string | null, status: string) =>
    waitFor(`shipment ${id} ${status} at ${providerId}`, async () => {
      const s = await shipment(id);
      return s?.providerId === providerId && s.status === status && s;
    });
  async function register(body: ReturnType<typeof providerRegistration>) {
    const res = await http().post('/v1/providers').set('Authorization', ops()).send(body).expect(201);
    secrets.set(body.id, res.body.webhookSecret.value);
    return res.body;
  }

  beforeAll(async () => {
    svc = await startTestService(AppModule, ENV);
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    await kafka.produce(Topics.catalogProducts.name, [productPublished([tea])]);
    await waitFor('the SKU size', () => db().collection('sku_sizes').findOne({ _id: tea.skuId as never }));
  }, 60_000);

  afterAll(() => closeAll(svc, mongo, kafka));

  it('a change to a provider routes the unroutable queue again; bad fields are 422 naming them, an unknown provider 404', async () => {
    const wide = `wide-${run}`;
    await register(providerRegistration(wide, 1, ['NL']));
    const brussels = await order({ ...ADDRESS, city: 'Bruxelles', postalCode: '1000', country: 'BE' });
    expect(await shipment(brussels)).toMatchObject({ status: 'unroutable', providerId: null });

    const changed = await http()
      .patch(`/v1/providers/${wide}`)
      .set('Authorization', ops())
      .send({ regions: [{ country: 'NL', postcodePrefixes: [] }, { country: 'BE', postcodePrefixes: ['1'] }], dailyCapacity: 50 })
      .expect(200);
    expect(changed.body).toMatchObject({ id: wide, status: 'active', dailyCapacity: 50, priority: 1, regions: [{ country: 'NL' }, { country: 'BE', postcodePrefixes: ['1'] }] });
    const routed = await settled(brussels, wide, 'requested');
    expect(routed.routing.map((r) => r.providerId)).toEqual([null, wide]);

    const refused = await http().patch(`/v1/providers/${wide}`).set('Authorization', ops()).send({ acceptanceDeadline: 'soon', priority: 2 }).expect(422);
    expect(refused.body.fields).toEqual([{ field: 'acceptanceDeadline', reason: expect.any(String) }]);
    expect((await http().get(`/v1/providers/${wide}`).set('Authorization', ops()).expect(200)).body.priority).toBe(1);
    await http().patch(`/v1/providers/${wide}`).set('Authorization', ops()).send({ priority: -1 }).expect(400);
    await http().patch(`/v1/providers/none-${run}`).set('Authorization', ops()).send({ priority: 2 }).expect(404);
    await http().patch(`/v1/providers/${wide}`).set('Authorization', `Bearer ${svc.token('logistics-provider', wide)}`).send({ priority: 0 }).expect(403);
  });

  it("suspending a provider moves its unaccepted shipments on (ShipmentCancelled on its topic), keeps its accepted ones, and gives it nothing new; with nobody left they wait, and reactivation routes them", async () => {
    const first = `first-${run}`;
    const second = `second-${run}`;
    await register(providerRegistration(first, 1, ['DK']));
    await register(providerRegistration(second, 2, ['DK']));
    const captured: CapturedMessage[] = await kafka.capture([Topics.logisticsShipments.name, providerHandoffTopic(first).name, providerHandoffTopic(second).name]);
    const copenhagen = { ...ADDRESS, city: 'København', postalCode: '1050', country: 'DK' };
    const waiting = await order(copenhagen);
    const taken = await order(copenhagen);
    await settled(waiting, first, 'requested');
    const raw = JSON.stringify({ shipmentId: taken, status: 'accepted', occurredAt: new Date().toISOString(), providerReference: 'ACC-1' });
    await http().post(`/v1/providers/${first}/updates`).set(signedHeaders(secrets.get(first)!, raw)).send(raw).expect(200);

    const suspended = await http().post(`/v1/providers/${first}/suspend`).set('Authorization', ops()).send({ reason: 'strike' }).expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedReason: 'strike', suspendedAt: expect.any(String) });
    const moved = await settled(waiting, second, 'requested');
    expect(moved.routing.map((r) => r.providerId)).toEqual([first, second]);
    const dropped = await waitFor('ShipmentCancelled on the suspended provider', () => eventsOn(captured, providerHandoffTopic(first).name, waiting).find((e) => e.type === 'ShipmentCancelled'));
    expect(dropped.data).toMatchObject({ shipmentId: waiting, providerId: first, reason: 'provider-suspended' });
    const rerouted = await waitFor('ShipmentRerouted', () => eventsOn(captured, Topics.logisticsShipments.name, waiting).find((e) => e.type === 'ShipmentRerouted'));
    expect(rerouted.data).toMatchObject({ fromProviderId: first, toProviderId: second, reason: 'provider-suspended' });
    await waitFor('ShipmentRequested on the next provider', () => eventsOn(captured, providerHandoffTopic(second).name, waiting).find((e) => e.type === 'ShipmentRequested'));
    expect(await shipment(taken)).toMatchObject({ providerId: first, status: 'accepted' });
    await waitFor('ShipmentRequested of the accepted one', () => eventsOn(captured, providerHandoffTopic(first).name, taken).length > 0);
    expect(eventsOn(captured, providerHandoffTopic(first).name, taken).map((e) => e.type)).toEqual(['ShipmentRequested']);

    const later = await order(copenhagen);
    const given = await settled(later, second, 'requested');
    expect(given.routing[0].candidates).toContainEqual(expect.objectContaining({ providerId: first, eligible: false, reason: 'suspended by ops' }));
    // Suspending again changes nothing.
    expect((await http().post(`/v1/providers/${first}/suspend`).set('Authorization', ops()).send({}).expect(200)).body.suspendedReason).toBe('strike');

    await http().post(`/v1/providers/${second}/suspend`).set('Authorization', ops()).send({}).expect(200);
    for (const id of [waiting, later]) {
      const back = await settled(id, null, 'unroutable');
      expect(back.history.at(-1)).toMatchObject({ status: 'unroutable', detail: expect.stringMatching(/suspended/) });
      await waitFor('ShipmentCancelled on the second provider', () => eventsOn(captured, providerHandoffTopic(second).name, id).find((e) => e.type === 'ShipmentCancelled'));
    }
    const queue = await http().get('/v1/shipments?status=unroutable').set('Authorization', ops()).expect(200);
    expect(queue.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([waiting, later]));

    expect((await http().post(`/v1/providers/${first}/reactivate`).set('Authorization', ops()).expect(200)).body).toMatchObject({ status: 'active', suspendedAt: null });
    for (const id of [waiting, later]) await settled(id, first, 'requested');
    await waitFor('ShipmentRequested on the reactivated provider', () => eventsOn(captured, providerHandoffTopic(first).name, later).find((e) => e.type === 'ShipmentRequested'));
  });

  it('a registration that died half-way (provider registering, webhook caller made) is finished by its retry with a fresh secret; one running now is 409', async () => {
    const id = `dead-${run}`;
    const input = providerRegistration(id, 9, ['IS']) as ProviderInput;
    const dead = Provider.register(input, new Date(Date.now() - 120_000)) as ProviderState;
    await db().collection<ProviderState>('providers').insertOne(dead);
    const orphan = await http().post('/v1/webhook-callers').set('Authorization', ops()).send({ id, channel: 'logistics-providers' }).expect(201);
    expect((await http().get(`/v1/providers/${id}`).set('Authorization', ops()).expect(200)).body.status).toBe('registering');

    const done = await register(providerRegistration(id, 9, ['IS']));
    expect(done.provider).toMatchObject({ id, status: 'active' });
    expect(done.webhookSecret.value).not.toBe(orphan.body.secret.value);
    const caller = await http().get(`/v1/webhook-callers/${id}`).set('Authorization', ops()).expect(200);
    expect(caller.body.secrets.map((s: { id: string }) => s.id)).toEqual([done.webhookSecret.id]);
    const raw = JSON.stringify({ shipmentId: randomUUID(), status: 'accepted', occurredAt: new Date().toISOString(), providerReference: 'X' });
    await http().post(`/v1/providers/${id}/updates`).set(signedHeaders(orphan.body.secret.value, raw)).send(raw).expect(401);
    await http().post(`/v1/providers/${id}/updates`).set(signedHeaders(done.webhookSecret.value, raw)).send(raw).expect(404);
    await kafka.capture([providerHandoffTopic(id).name]); // the topic exists
    await http().post('/v1/providers').set('Authorization', ops()).send(providerRegistration(id, 9, ['IS'])).expect(409);

    const running = `running-${run}`;
    await db().collection<ProviderState>('providers').insertOne(Provider.register({ ...input, id: running }, new Date()) as ProviderState);
    await http().post('/v1/providers').set('Authorization', ops()).send(providerRegistration(running, 9, ['IS'])).expect(409);
  });

  it("concurrent routings never give a provider more than its daily capacity", async () => {
    const small = `small-${run}`;
    await register(providerRegistration(small, 1, ['PL'], { dailyCapacity: 3 }));
    const routing = svc.app.get(ShipmentRouting);
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const at = new Date();
    const to = { country: 'PL', postalCode: '00-001' };
    const assigned = await Promise.all(ids.map((id) => routing.assign(id, to, 'standard', [{ skuId: tea.skuId, quantity: 1 }], at)));
    expect(assigned.filter((a) => a.decision.providerId === small)).toHaveLength(3);
    const day = `${small}:${at.toISOString().slice(0, 10)}`;
    expect(await db().collection('provider_loads').findOne({ _id: day as never })).toMatchObject({ count: 3 });
    const charged = await db().collection('provider_load_charges').find({ _id: { $in: ids.map((id) => `${day}:${id}`) as never[] } }).toArray();
    expect(new Set(charged.map((c) => c._id))).toEqual(new Set(ids.filter((_, i) => assigned[i].decision.providerId === small).map((id) => `${day}:${id}`)));
    // A retry for a shipment already counted takes no second slot.
    const again = ids.find((_, i) => assigned[i].decision.providerId === small)!;
    await db().collection('provider_loads').updateOne({ _id: day as never }, { $set: { count: 2 } });
    expect((await routing.assign(again, to, 'standard', [{ skuId: tea.skuId, quantity: 1 }], at)).decision.providerId).toBe(small);
    expect(await db().collection('provider_loads').findOne({ _id: day as never })).toMatchObject({ count: 2 });
    const full = assigned.find((a) => a.decision.providerId === null)!;
    expect(full.decision.candidates).toContainEqual(expect.objectContaining({ providerId: small, reason: 'at its daily capacity of 3' }));
  });
});
