import { Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TestService, waitFor } from '@netdirect/runtime/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { ProductRepository } from '../src/products/product.repository';

type Json = Record<string, any>;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const sku = (over: Json = {}): Json => ({
  name: '500 ml',
  weightGrams: 540,
  dimensions: { lengthMm: 70, widthMm: 45, heightMm: 190 },
  retailPrice: eur(2100),
  memberPrice: eur(1500),
  bv: 750,
  ...over,
});

describe('catalog service: categories and products (real Kafka and the MongoDB-wire database)', () => {
  let svc: TestService;
  const kafka = new KafkaTestClient();
  let captured: CapturedMessage[];

  beforeAll(async () => {
    captured = await kafka.capture([Topics.catalogProducts.name]);
    svc = await startTestService(AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops', 'ops-anna')}` });
  const member = () => ({ Authorization: `Bearer ${svc.token('member', 'member-1')}` });
  const eventsFor = (productId: string, type: string): Json[] =>
    captured
      .filter((m) => m.key === productId)
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === type);

  async function category(name: string, parentId?: string): Promise<Json> {
    const res = await request(svc.url).post('/v1/categories').set(ops()).send({ name, ...(parentId ? { parentId } : {}) });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function product(categoryId: string, body: Json = {}): Promise<Json> {
    const res = await request(svc.url)
      .post('/v1/products')
      .set(ops())
      .send({ name: 'Herbal Shampoo', categoryId, tags: ['Vegan'], skus: [sku()], ...body });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  it('keeps categories a tree: create, rename, move, and no cycles', async () => {
    const hair = await category('Hair');
    const shampoo = await category('Shampoo', hair.id);
    const dry = await category('Dry hair', shampoo.id);
    await request(svc.url).patch(`/v1/categories/${hair.id}`).set(ops()).send({ parentId: dry.id }).expect(422);
    await request(svc.url).patch(`/v1/categories/${hair.id}`).set(ops()).send({ parentId: hair.id }).expect(422);
    const renamed = await request(svc.url).patch(`/v1/categories/${shampoo.id}`).set(ops()).send({ name: 'Shampoos', parentId: null }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Shampoos', parentId: null });
    await request(svc.url).post('/v1/categories').set(ops()).send({ name: 'x', parentId: randomUUID() }).expect(422);
    await request(svc.url).post('/v1/categories').set(member()).send({ name: 'x' }).expect(403);
    const list = await request(svc.url).get('/v1/categories').set(member()).expect(200);
    expect(list.body.items.map((c: Json) => c.id)).toEqual(expect.arrayContaining([hair.id, shampoo.id, dry.id]));
  });

  it('creates drafts, refuses broken prices, publishes with weights and dimensions, updates and retires', async () => {
    const cat = await category('Care');
    // The price rules: platform currency, no negative price, member ≤ retail, BV ≤ member price in points.
    for (const [bad, field] of [
      [sku({ retailPrice: { amount: 2100, currency: 'USD' } }), 'skus[0].retailPrice.currency'],
      [sku({ memberPrice: eur(-1) }), 'skus[0].memberPrice.amount'],
      [sku({ memberPrice: eur(2200) }), 'skus[0].memberPrice.amount'],
      [sku({ bv: 1501 }), 'skus[0].bv'],
    ] as const) {
      const res = await request(svc.url).post('/v1/products').set(ops()).send({ name: 'X', categoryId: cat.id, skus: [bad] });
      expect([res.status, res.body.fields?.[0]?.field]).toEqual([422, field]);
    }
    await request(svc.url).post('/v1/products').set(ops()).send({ name: 'X', categoryId: randomUUID(), skus: [sku()] }).expect(422);
    await request(svc.url).post('/v1/products').set(ops()).send({ name: 'X', categoryId: cat.id, skus: [] }).expect(400);
    await request(svc.url).post('/v1/products').set(member()).send({ name: 'X', categoryId: cat.id, skus: [sku()] }).expect(403);

    const p = await product(cat.id, { skus: [sku(), sku({ name: '1 l', bv: 1500 })] });
    expect(p).toMatchObject({ status: 'draft', tags: ['vegan'] });
    expect(p.skus.map((k: Json) => k.status)).toEqual(['draft', 'draft']);
    // A draft is not for the mall.
    await request(svc.url).get(`/v1/products/${p.id}`).set(member()).expect(404);
    await request(svc.url).get(`/v1/products/${p.id}`).set(ops()).expect(200);
    await request(svc.url).get('/v1/products/nope').set(ops()).expect(400);

    const published = await request(svc.url).post(`/v1/products/${p.id}/publish`).set(ops()).expect(200);
    expect(published.body.status).toBe('active');
    await request(svc.url).post(`/v1/products/${p.id}/publish`).set(ops()).expect(422);
    const [pub] = await waitFor('ProductPublished', () => {
      const e = eventsFor(p.id, 'ProductPublished');
      return e.length ? e : undefined;
    });
    expect(pub.data.skus[0]).toMatchObject({ weightGrams: 540, dimensions: { lengthMm: 70, widthMm: 45, heightMm: 190 }, bv: 750 });
    expect(pub.data.tags).toEqual(['vegan']);

    const [a, b] = p.skus.map((k: Json) => k.skuId);
    const updated = await request(svc.url)
      .patch(`/v1/products/${p.id}`)
      .set(ops())
      .send({ name: 'Alpine Shampoo', skus: [{ skuId: a, weightGrams: 600, retailPrice: eur(1990) }] })
      .expect(200);
    expect(updated.body.skus[0]).toMatchObject({ weightGrams: 600, retailPrice: eur(1990), manual: true });
    const [upd] = await waitFor('ProductUpdated', () => {
      const e = eventsFor(p.id, 'ProductUpdated');
      return e.length ? e : undefined;
    });
    expect(upd.data).toMatchObject({ name: 'Alpine Shampoo', skus: [{ skuId: a, weightGrams: 600, status: 'active' }, { skuId: b }] });
    await waitFor('manual ProductPriceChanged', () => eventsFor(p.id, 'ProductPriceChanged').find((e) => e.data.reason === 'manual'));

    // The pricing engineer's entry points.
    const repo = svc.app.get(ProductRepository);
    const found = await repo.findSku(a);
    expect(found).toMatchObject({ productId: p.id, sku: { skuId: a, retailPrice: eur(1990) } });
    expect(await repo.findSku(randomUUID())).toBeNull();
    const stale = await repo.applySkuPricing({
      productId: p.id, skuId: a, expected: { retail: 2100, member: 1500 },
      retailPrice: eur(1800), memberPrice: eur(1300), bv: 600, manual: false, events: [],
    });
    expect(stale).toBe(false);
    const applied = await repo.applySkuPricing({
      productId: p.id, skuId: a, expected: { retail: 1990, member: 1500 },
      retailPrice: eur(1800), memberPrice: eur(1300), bv: 600, manual: false, events: [],
    });
    expect(applied).toBe(true);
    expect((await repo.findSku(a))?.sku).toMatchObject({ retailPrice: eur(1800), memberPrice: eur(1300), bv: 600, manual: false });

    // Retire one SKU, then the rest.
    const one = await request(svc.url).post(`/v1/products/${p.id}/retire`).set(ops()).send({ skuIds: [a], reason: 'replaced' }).expect(200);
    expect(one.body.status).toBe('active');
    await request(svc.url).patch(`/v1/products/${p.id}`).set(ops()).send({ skus: [{ skuId: a, name: 'x' }] }).expect(422);
    const asMember = await request(svc.url).get(`/v1/products/${p.id}`).set(member()).expect(200);
    expect(asMember.body.skus.map((k: Json) => k.skuId)).toEqual([b]);
    expect((await repo.findSku(a))?.sku.status).toBe('retired');
    await request(svc.url).post(`/v1/products/${p.id}/retire`).set(ops()).expect(200);
    await request(svc.url).get(`/v1/products/${p.id}`).set(member()).expect(404);
    const retired = await waitFor('two ProductRetired', () => {
      const e = eventsFor(p.id, 'ProductRetired');
      return e.length === 2 ? e : undefined;
    });
    expect(retired.map((e) => [e.data.skuIds, e.data.productRetired])).toEqual([
      [[a], false],
      [[b], true],
    ]);
    await request(svc.url).post(`/v1/products/${p.id}/retire`).set(ops()).expect(422);
  });
});
