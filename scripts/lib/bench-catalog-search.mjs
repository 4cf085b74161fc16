/**
 * The mall search benchmark (part of `npm run bench:catalog`): seed a catalog
 * of `products` products on sale through the catalog's own API (create and
 * publish each, so every replica's in-memory index learns of them the way it
 * does in production: from the broadcast events), wait until the index has
 * them, then measure GET /v1/products from 2 concurrent clients with a mix of
 * mall queries (words with prefixes and typos, category and price filters,
 * sorts, a second cursor page, plain listings) and print p50/p99.
 *
 * The index is loaded at start and then kept current only by events, so rows
 * written behind a running service's back are never listed. Two ways to seed:
 *
 * - through the API (default): create and publish each product, as ops would;
 *   on the embedded store that runs at about 60 products/s, so 100,000 take
 *   half an hour;
 * - straight into the database (`mongo: { url, db, restart }`): documents
 *   shaped exactly as the service writes them (products, their catalog_skus
 *   rows, categories), then `restart()` (re)starts the service on that
 *   database, which loads its index from it; the load time is printed too.
 *
 * Knobs (environment): BENCH_SEARCH_CONCURRENCY (seeding, 32),
 * BENCH_SEARCH_QUERIES (per client, 2000), BENCH_SEARCH_CLIENTS (2).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { ms, summary } from './bench.mjs';

const num = (name, dflt) => Number(process.env[name] ?? dflt);

const ADJECTIVES = ['herbal', 'organic', 'classic', 'gentle', 'fresh', 'silky', 'alpine', 'citrus', 'velvet', 'golden',
  'natural', 'pure', 'smooth', 'bright', 'deep', 'rich', 'light', 'tropical', 'spicy', 'crisp', 'warm', 'cool',
  'lavender', 'rosemary', 'vanilla', 'coconut', 'mint', 'cedar', 'amber', 'ocean'];
const NOUNS = ['shampoo', 'conditioner', 'serum', 'lotion', 'cream', 'soap', 'balm', 'oil', 'mask', 'toner', 'cleanser',
  'tea', 'coffee', 'protein', 'vitamin', 'capsules', 'powder', 'bar', 'drink', 'juice', 'knife', 'pan', 'pot',
  'bottle', 'towel', 'brush', 'candle', 'diffuser', 'detergent', 'sponge'];
const TAGS = ['vegan', 'bio', 'refill', 'travel', 'family', 'sensitive', 'gift', 'bestseller', 'new', 'eco',
  'glutenfree', 'sugarfree', 'premium', 'value', 'limited'];
const TREE = {
  'Personal care': ['Hair', 'Skin', 'Body', 'Oral care'],
  Nutrition: ['Supplements', 'Drinks', 'Snacks', 'Tea and coffee'],
  Home: ['Kitchen', 'Cleaning', 'Scent', 'Textiles'],
  Wellness: ['Fitness', 'Sleep', 'Aromatherapy'],
};

/** A small deterministic generator, so two runs seed and query the same catalog. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function client(url, token) {
  const base = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: base.hostname,
          port: base.port,
          method,
          path,
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
}

async function must(call, what) {
  const res = await call;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function pool(count, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await work(i);
    }),
  );
}

/**
 * Seed `products` products through the API at `url` (an ops `token`), then
 * measure search latency with 2 concurrent clients; prints its figures and
 * returns them.
 */
export async function benchCatalogSearch({ url, token, products = 100_000, mongo }) {
  const call = client(url, token);
  const run = Date.now().toString(36);
  const random = rng(42);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const product = (i, leaves) => {
    const retail = 199 + Math.floor(random() * 20000);
    const member = Math.floor(retail * 0.75);
    return {
      name: `${pick(ADJECTIVES)} ${pick(NOUNS)} ${run}x${i.toString(36)}`,
      categoryId: pick(leaves),
      tags: [pick(TAGS), pick(TAGS)],
      skus: [
        {
          name: 'Standard',
          weightGrams: 100 + Math.floor(random() * 2000),
          dimensions: { lengthMm: 100, widthMm: 80, heightMm: 60 },
          retailPrice: { amount: retail, currency: 'EUR' },
          memberPrice: { amount: member, currency: 'EUR' },
          bv: Math.floor(member / 2),
        },
      ],
    };
  };

  const roots = [];
  const leaves = [];
  const names = new Array(products);
  const seedStart = performance.now();
  let loadMs;
  if (mongo) {
    await seedDatabase(mongo, products, { roots, leaves, names, product });
    const t = performance.now();
    await mongo.restart();
    loadMs = performance.now() - t;
  } else {
    // The category tree: 4 roots, 15 leaves.
    for (const [root, children] of Object.entries(TREE)) {
      const r = await must(call('POST', '/v1/categories', { name: root }), 'category');
      roots.push(r.id);
      for (const child of children) {
        leaves.push((await must(call('POST', '/v1/categories', { name: child, parentId: r.id }), 'category')).id);
      }
    }
    let done = 0;
    await pool(products, num('BENCH_SEARCH_CONCURRENCY', 32), async (i) => {
      const body = product(i, leaves);
      names[i] = body.name;
      const created = await must(call('POST', '/v1/products', body), 'create');
      await must(call('POST', `/v1/products/${created.id}/publish`), 'publish');
      if (++done % 10000 === 0) process.stdout.write(`  seeded ${done}/${products}\n`);
    });
  }
  const seedMs = performance.now() - seedStart - (loadMs ?? 0);

  // The index is current once the last products of every partition are found by their unique words.
  const waitStart = performance.now();
  for (const i of Array.from({ length: Math.min(100, products) }, (_, k) => products - 1 - k)) {
    const word = names[i].split(' ')[2];
    for (;;) {
      const page = await must(call('GET', `/v1/products?q=${encodeURIComponent(word)}&limit=1`), 'search');
      if (page.items.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const catchUpMs = performance.now() - waitStart;

  const queries = () => {
    const q = () => {
      const r = random();
      if (r < 0.3) return pick(NOUNS); // a word
      if (r < 0.5) return pick(NOUNS).slice(0, 4); // a prefix while typing
      if (r < 0.65) {
        const w = pick(ADJECTIVES); // a typo: one letter dropped
        const at = 1 + Math.floor(random() * (w.length - 2));
        return w.slice(0, at) + w.slice(at + 1);
      }
      if (r < 0.8) return `${pick(ADJECTIVES)} ${pick(NOUNS)}`;
      return pick(TAGS);
    };
    const params = new URLSearchParams();
    const kind = random();
    if (kind < 0.75) params.set('q', q());
    if (random() < 0.3) params.set('category', random() < 0.5 ? pick(roots) : pick(leaves));
    if (random() < 0.3) {
      const lo = Math.floor(random() * 10000);
      params.set('minPrice', String(lo));
      params.set('maxPrice', String(lo + 5000));
    }
    if (random() < 0.4) params.set('sort', pick(['price_asc', 'price_desc', 'name']));
    return params;
  };

  const perClient = num('BENCH_SEARCH_QUERIES', 2000);
  const clients = num('BENCH_SEARCH_CLIENTS', 2);
  // Warm up (JIT, sorted listings built once).
  for (let i = 0; i < 200; i++) await must(call('GET', `/v1/products?${queries()}`), 'warm-up');

  const samples = [];
  let results = 0;
  const measureStart = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const params = queries();
        const t0 = performance.now();
        const page = await must(call('GET', `/v1/products?${params}`), 'search');
        samples.push(performance.now() - t0);
        results += page.items.length;
        if (page.nextCursor && random() < 0.2) {
          params.set('cursor', page.nextCursor);
          const t1 = performance.now();
          await must(call('GET', `/v1/products?${params}`), 'next page');
          samples.push(performance.now() - t1);
        }
      }
    }),
  );
  const wallMs = performance.now() - measureStart;
  const s = summary(samples);
  const figures = {
    products,
    seedPerSecond: Math.round(products / (seedMs / 1000)),
    catchUpMs: Math.round(catchUpMs),
    ...(loadMs !== undefined ? { startWithLoadMs: Math.round(loadMs) } : {}),
    clients,
    requests: s.n,
    p50: s.p50,
    p99: s.p99,
    max: s.max,
    perSecond: Math.round(s.n / (wallMs / 1000)),
    meanResults: results / (clients * perClient),
  };
  console.log(`mall search at ${products.toLocaleString('en')} products on sale, ${clients} concurrent clients`);
  if (mongo) {
    console.log(`  seeded straight into the database: ${figures.seedPerSecond}/s; service (re)start with the index load ${Math.round(loadMs)} ms, all listed ${figures.catchUpMs} ms later`);
  } else {
    console.log(`  seeding through the API: ${figures.seedPerSecond}/s (create + publish each); index caught up ${figures.catchUpMs} ms after the last publish`);
  }
  console.log(
    `  GET /v1/products: ${s.n} requests, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}, ${figures.perSecond} req/s (target p99 ≤ 50 ms: ${s.p99 <= 50 ? 'met' : 'NOT met'})`,
  );
  return figures;
}

/**
 * Write categories, products on sale and their catalog_skus rows straight into
 * the catalog's database, shaped exactly as the service writes them (a
 * published product: revision 1, an empty outbox).
 */
async function seedDatabase(mongo, products, { roots, leaves, names, product }) {
  const require = createRequire(import.meta.url);
  const { MongoClient } = require('mongodb');
  const client = await MongoClient.connect(mongo.url);
  try {
    const db = client.db(mongo.db);
    const at = new Date();
    const categories = [];
    for (const [root, children] of Object.entries(TREE)) {
      const rootId = randomUUID();
      roots.push(rootId);
      categories.push({ _id: rootId, name: root, parentId: null, revision: 0, createdAt: at, updatedAt: at });
      for (const child of children) {
        const id = randomUUID();
        leaves.push(id);
        categories.push({ _id: id, name: child, parentId: rootId, revision: 0, createdAt: at, updatedAt: at });
      }
    }
    await db.collection('categories').insertMany(categories);
    const BATCH = 5000;
    for (let start = 0; start < products; start += BATCH) {
      const docs = [];
      const rows = [];
      for (let i = start; i < Math.min(products, start + BATCH); i++) {
        const p = product(i, leaves);
        names[i] = p.name;
        const id = randomUUID();
        const skus = p.skus.map((k) => ({ skuId: randomUUID(), ...k, status: 'active', manual: true }));
        docs.push({
          _id: id,
          name: p.name,
          description: null,
          categoryId: p.categoryId,
          tags: [...new Set(p.tags)],
          imageUrls: [],
          status: 'active',
          skus,
          revision: 1,
          createdAt: at,
          updatedAt: at,
          publishedAt: at,
          outbox: [],
          outboxSeq: 0,
          outboxLeaseUntil: null,
        });
        for (const k of skus) rows.push({ _id: k.skuId, productId: id, status: 'active' });
      }
      await db.collection('catalog_skus').insertMany(rows, { ordered: false });
      await db.collection('products').insertMany(docs, { ordered: false });
      if ((start + BATCH) % 20000 === 0) process.stdout.write(`  seeded ${start + BATCH}/${products}\n`);
    }
  } finally {
    await client.close();
  }
}
