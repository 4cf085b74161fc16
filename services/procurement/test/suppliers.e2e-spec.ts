import { Topics } from '@netdirect/contracts';
import { KafkaTestClient, startTestService, TestService, waitFor } from '@netdirect/runtime/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';

/*
 * Suppliers and price lists against the real Kafka and database: ops register
 * suppliers, a supplier publishes its own price list (every refusal reason in
 * one 422), and a supplier user cannot touch another supplier's resources,
 * also not through list filters.
 */

describe('suppliers and price lists against real Kafka and the database', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;

  beforeAll(async () => {
    captured = await kafka.capture([Topics.procurementSuppliers.name]);
    svc = await startTestService(AppModule);
  }, 60_000);
  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops')}` });
  const asSupplier = (id: string) => ({ Authorization: `Bearer ${svc.token('supplier', id)}` });
  const register = async (name: string) =>
    (
      await request(svc.url)
        .post('/v1/suppliers')
        .set(ops())
        .send({ name, country: 'AT', orderEmail: 'orders@example.com', currency: 'EUR', paymentTermsDays: 30 })
        .expect(201)
    ).body as { id: string };
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const item = (skuId: string) => ({
    skuId,
    leadTimeDays: 5,
    minimumOrderQuantity: 12,
    packSize: 6,
    tiers: [
      { minQuantity: 12, unitCost: eur(1000) },
      { minQuantity: 120, unitCost: eur(900) },
    ],
  });

  it('registers a supplier with SupplierRegistered, and refuses another currency with 422', async () => {
    const s = await register('Alpenkraut GmbH');
    await waitFor('SupplierRegistered', () => captured.some((m) => m.key === s.id && m.headers['event-type'] === 'SupplierRegistered'));
    const refused = await request(svc.url)
      .post('/v1/suppliers')
      .set(ops())
      .send({ name: 'X', country: 'US', orderEmail: 'x@example.com', currency: 'USD', paymentTermsDays: 30 })
      .expect(422);
    expect(refused.body.fields).toEqual([{ field: 'currency', reason: 'must be the platform currency EUR' }]);
    await request(svc.url).post('/v1/suppliers').set(ops()).send({ name: 'X', country: 'at', orderEmail: 'x', currency: 'EUR', paymentTermsDays: 30 }).expect(400);
  });

  it('lets a supplier publish its own price list, indexed for runs, and refuses a bad one listing every reason', async () => {
    const s = await register('Kräuterhof');
    const ok = await request(svc.url)
      .post(`/v1/suppliers/${s.id}/price-lists`)
      .set(asSupplier(s.id))
      .send({ currency: 'EUR', validFrom: '2026-01-01T00:00:00Z', items: [item('sku-a'), { ...item('sku-b'), packSize: undefined, minimumOrderQuantity: 12 }] })
      .expect(201);
    expect(ok.body.items[1].packSize).toBe(1);
    await waitFor('SupplierPriceListPublished', () => captured.some((m) => m.key === s.id && m.headers['event-type'] === 'SupplierPriceListPublished'));
    await waitFor('indexed', async () => (await request(svc.url).get(`/v1/price-lists/${ok.body.id}`).set(ops())).body.indexedAt);

    const bad = await request(svc.url)
      .post(`/v1/suppliers/${s.id}/price-lists`)
      .set(asSupplier(s.id))
      .send({
        currency: 'EUR',
        validFrom: '2026-01-01T00:00:00Z',
        items: [
          {
            ...item('sku-a'),
            packSize: 5,
            tiers: [
              { minQuantity: 12, unitCost: eur(1000) },
              { minQuantity: 12, unitCost: eur(1100) },
            ],
          },
          { ...item('sku-b'), packSize: 0 },
        ],
      })
      .expect(422);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'items[0].minimumOrderQuantity',
      'items[0].tiers[1].minQuantity',
      'items[0].tiers[1].unitCost',
      'items[1].packSize',
    ]);
  });

  it("answers 403 to a supplier reaching for another supplier's resources, also through list filters", async () => {
    const a = await register('Supplier A');
    const b = await register('Supplier B');
    const list = await request(svc.url)
      .post(`/v1/suppliers/${a.id}/price-lists`)
      .set(ops())
      .send({ currency: 'EUR', validFrom: '2026-01-01T00:00:00Z', items: [item('sku-x')] })
      .expect(201);
    await request(svc.url).get(`/v1/price-lists/${list.body.id}`).set(asSupplier(b.id)).expect(403);
    await request(svc.url).get(`/v1/price-lists/${list.body.id}`).set(asSupplier(a.id)).expect(200);
    await request(svc.url).get(`/v1/price-lists?supplierId=${a.id}`).set(asSupplier(b.id)).expect(403);
    const own = await request(svc.url).get('/v1/price-lists').set(asSupplier(b.id)).expect(200);
    expect(own.body.items).toEqual([]);
    await request(svc.url)
      .post(`/v1/suppliers/${a.id}/price-lists`)
      .set(asSupplier(b.id))
      .send({ currency: 'EUR', validFrom: '2026-01-01T00:00:00Z', items: [item('sku-x')] })
      .expect(403);
    await request(svc.url).get(`/v1/suppliers/${a.id}`).set(asSupplier(b.id)).expect(403);
    await request(svc.url).get('/v1/suppliers').set(asSupplier(b.id)).expect(403);
  });
});
