import { startTestService, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';

type Json = Record<string, any>;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const sku = (retail: number, over: Json = {}): Json => ({
  name: 'Standard',
  weightGrams: 500,
  dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 },
  retailPrice: eur(retail),
  memberPrice: eur(Math.floor(retail * 0.7)),
  bv: 100,
  ...over,
});

/**
 * The mall's search served from each replica's own index: two catalog
 * replicas on one database; what ops change through replica A is found,
 * changed and gone in replica B's search within seconds (broadcast handlers).
 */
describe('catalog search: listing, filters, sorts, cursors, and two replicas kept current', () => {
  let a: TestService;
  let b: TestService;

  beforeAll(async () => {
    const env = { MONGO_DB: `test_${uniqueId()}`, CATALOG_SEARCH_CATEGORY_POLL: '200ms' };
    a = await startTestService(AppModule, env);
    b = await startTestService(AppModule, env);
  });

  afterAll(async () => {
    await b?.app.close();
    await a?.close();
  });

  const ops = (s: TestService) => ({ Authorization: `Bearer ${s.token('ops', 'ops-anna')}` });
  const mall = (s: TestService) => ({ Authorization: `Bearer ${s.token('member', 'shopper')}` });
  const search = async (s: TestService, query: Json): Promise<Json> =>
    (await request(s.url).get('/v1/products').query(query).set(mall(s)).expect(200)).body;

  async function category(name: string, parentId?: string): Promise<Json> {
    return (await request(a.url).post('/v1/categories').set(ops(a)).send({ name, ...(parentId ? { parentId } : {}) }).expect(201)).body;
  }
  async function published(body: Json): Promise<Json> {
    const created = await request(a.url).post('/v1/products').set(ops(a)).send(body);
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    await request(a.url).post(`/v1/products/${created.body.id}/publish`).set(ops(a)).expect(200);
    return created.body;
  }

  it('is ready only with its index loaded, and says how many products it lists', async () => {
    const ready = await waitFor('the index loaded', async () => {
      const res = await request(b.url).get('/health/ready');
      return res.status === 200 && res.body;
    });
    expect(ready.details['search-index']).toEqual({ status: 'up', products: expect.any(Number) });
  });

  it('finds, changes and drops products in the other replica, with filters, sorts and cursor pages', async () => {
    const run = uniqueId('r').toLowerCase();
    const hair = await category(`Haircare ${run}`);
    const shampoo = await category('Shampoo', hair.id);
    const kitchen = await category(`Kitchen ${run}`);
    const p1 = await published({ name: `Lavender Shampoo ${run}`, categoryId: shampoo.id, tags: ['vegan'], skus: [sku(1290)] });
    const p2 = await published({ name: `Rosemary Conditioner ${run}`, categoryId: hair.id, tags: ['vegan', run], skus: [sku(990), sku(2490)] });
    const p3 = await published({ name: `Chef Knife ${run}`, categoryId: kitchen.id, skus: [sku(4990)] });
    // A draft is never listed.
    await request(a.url).post('/v1/products').set(ops(a)).send({ name: `Draft Shampoo ${run}`, categoryId: shampoo.id, skus: [sku(1000)] }).expect(201);

    // Replica B learns of A's products from the broadcast events.
    const inB = await waitFor('the three products in replica B', async () => {
      const page = await search(b, { q: run, limit: 100 });
      return page.items.length === 3 ? page : undefined;
    });
    expect(inB.items.map((p: Json) => p.id).sort()).toEqual([p1.id, p2.id, p3.id].sort());

    // Typo and prefix on names; words in category names and tags.
    expect((await search(b, { q: `lavendr ${run}` })).items[0].id).toBe(p1.id);
    expect((await search(b, { q: 'rosem', category: hair.id })).items.map((p: Json) => p.id)).toEqual([p2.id]);
    const byCategoryWord = await search(b, { q: `kitchen ${run}`, sort: 'name' });
    expect(byCategoryWord.items.map((p: Json) => p.id)).toContain(p3.id);
    // Category filter includes subcategories.
    expect((await search(b, { category: hair.id })).items.map((p: Json) => p.id).sort()).toEqual([p1.id, p2.id].sort());
    expect((await search(b, { category: shampoo.id })).items.map((p: Json) => p.id)).toEqual([p1.id]);
    // Price range on any SKU's retail price; sorts by the lowest.
    const mid = await search(b, { q: run, minPrice: 1000, maxPrice: 3000, sort: 'price_asc' });
    expect(mid.items.map((p: Json) => p.id)).toEqual([p2.id, p1.id]);
    expect(mid.items[0].fromPrice).toEqual(eur(990));
    const desc = await search(b, { q: run, sort: 'price_desc' });
    expect(desc.items.map((p: Json) => p.id)).toEqual([p3.id, p1.id, p2.id]);

    // Cursor pages walk the whole result once.
    const first = await search(b, { q: run, sort: 'name', limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await search(b, { q: run, sort: 'name', limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeUndefined();
    expect([...first.items, ...second.items].map((p: Json) => p.name)).toEqual([
      `Chef Knife ${run}`,
      `Lavender Shampoo ${run}`,
      `Rosemary Conditioner ${run}`,
    ]);
    await request(b.url).get('/v1/products').query({ q: run, sort: 'price_asc', cursor: first.nextCursor }).set(mall(b)).expect(422);
    await request(b.url).get('/v1/products').query({ limit: 101 }).set(mall(b)).expect(400);

    // A change through A: renamed and repriced in B.
    await request(a.url)
      .patch(`/v1/products/${p3.id}`)
      .set(ops(a))
      .send({ name: `Santoku Knife ${run}`, skus: [{ skuId: p3.skus[0].skuId, retailPrice: eur(3990) }] })
      .expect(200);
    await waitFor('the rename in replica B', async () => {
      const page = await search(b, { q: `santoku ${run}` });
      return page.items[0]?.id === p3.id && page.items[0].fromPrice.amount === 3990;
    });
    // A category renamed through A: B finds its products by the new name (category poll).
    await request(a.url).patch(`/v1/categories/${kitchen.id}`).set(ops(a)).send({ name: `Cookware ${run}` }).expect(200);
    await waitFor('the category rename in replica B', async () => {
      const page = await search(b, { q: `cookware ${run}` });
      return page.items[0]?.id === p3.id;
    });
    // Retired through A: gone from B.
    await request(a.url).post(`/v1/products/${p1.id}/retire`).set(ops(a)).send({}).expect(200);
    await waitFor('the retirement in replica B', async () => {
      const page = await search(b, { q: run, limit: 100 });
      return page.items.length === 2 && !page.items.some((p: Json) => p.id === p1.id);
    });
  });
});
