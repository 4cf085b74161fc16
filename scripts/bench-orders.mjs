#!/usr/bin/env node
/**
 * Orders benchmark (`npm run bench:orders`): the real orders service in its
 * own process on the local (or external) Kafka and database; this script acts
 * as the catalog (it answers each OrderPlaced with StockReserved) and as a
 * payment provider (signed Standard Webhooks). It prints, with the machine:
 *
 *   - orders per second sustained from `POST /v1/orders` to OrderPaid at
 *     BENCH_CONCURRENCY (16) buyers, the store operations one order makes from
 *     placement to payment (counted by the database), and the rate the store
 *     alone sustains for that mix on the orders collection in the same run:
 *     the ceiling (target: at least half of it);
 *   - one order at a time (BENCH_LATENCY_ORDERS, 300): p50/p99 from POST to
 *     OrderConfirmed and from the payment webhook to OrderPaid, beside the raw
 *     kafkajs produce→consume p99 and the store's write p99 (a compare-and-set
 *     by `_id` on an order-shaped document) measured the same way in the same
 *     run (target: webhook→OrderPaid p99 ≤ 3 × (raw hop + store write p99));
 *   - a member's order list (`GET /v1/orders?buyerId=`) p50/p99 with
 *     BENCH_LIST_ORDERS (1,000,000) orders in the collection, seeded with
 *     insertMany straight into it, shaped as the service writes them (buyers
 *     with 100 orders, one with 10,000), first pages, status-filtered pages and
 *     next pages by cursor.
 *
 * Knobs (environment): BENCH_ORDERS (2000), BENCH_CONCURRENCY (16),
 * BENCH_LATENCY_ORDERS (300), BENCH_HOPS (300), BENCH_STORE_OPS (10000),
 * BENCH_LIST_ORDERS (1000000; 0 skips), BENCH_LIST_READS (600),
 * BENCH_KEEP=1 keeps the database, BENCH_PROFILE=1 writes a CPU profile of the
 * service to .infra/profiles/.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './infra.mjs';
import { cpuMs, machine, ms, opcounters, storeMix, summary } from './lib/bench.mjs';
import { benchSetup, serviceProcess } from './lib/bench-service.mjs';

const require = createRequire(import.meta.url);
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const ORDERS = num('BENCH_ORDERS', 2000);
const CONCURRENCY = num('BENCH_CONCURRENCY', 16);
const LATENCY_ORDERS = num('BENCH_LATENCY_ORDERS', 300);
const HOPS = num('BENCH_HOPS', 300);
const STORE_OPS = num('BENCH_STORE_OPS', 10_000);
const LIST_ORDERS = num('BENCH_LIST_ORDERS', 1_000_000);
const LIST_READS = num('BENCH_LIST_READS', 600);
const HEAVY_BUYER_ORDERS = 10_000;
const ORDERS_PER_BUYER = 100;
const BUYERS = 200;
const SKUS = 20;
const PORT = 3918;
const DB = 'netdirect_bench_orders';
const RUN = Date.now().toString(36);
const PROVIDER = 'bench-pay';
const ADDRESS = { name: 'Bench Buyer', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };

const log = (msg) => console.log(`[bench] ${msg}`);
const pad = (n) => String(n).padStart(10, '0');

async function main() {
  const setup = await benchSetup({ db: DB, poolSize: Math.max(16, CONCURRENCY) });
  const { client, db, kafkaBrokers } = setup;
  const contracts = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js'));
  const { Kafka, logLevel } = require(path.join(ROOT, 'node_modules', 'kafkajs'));
  const { Webhook } = require(path.join(ROOT, 'node_modules', 'standardwebhooks'));
  const { Topics, StockReserved, createEnvelope, headersFor } = contracts;
  const OPS = setup.bearer('ops', 'bench-ops');
  const profileDir = path.join(ROOT, '.infra', 'profiles');
  if (process.env.BENCH_PROFILE === '1') fs.mkdirSync(profileDir, { recursive: true });
  const service = serviceProcess({
    service: 'orders',
    port: PORT,
    setup,
    log,
    env: {
      KAFKA_GROUP_ID: `netdirect-bench-orders-${RUN}`,
      KAFKA_FROM_BEGINNING: 'false',
      ORDERS_PAYMENT_WINDOW: '1h',
      WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
    },
    nodeArgs: process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const results = { machine: machine(), orders: ORDERS, concurrency: CONCURRENCY };
  const kafka = new Kafka({ clientId: `netdirect-bench-orders-${RUN}`, brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `netdirect-bench-orders-${randomUUID()}` });
  const admin = kafka.admin();
  const HOP_TOPIC = `bench.orders-hop.${RUN}`;
  try {
    // ------------------------------------------------------------ read models, as the service's consumers write them
    const at = new Date();
    const skus = Array.from({ length: SKUS }, (_, i) => `bench-${RUN}-sku-${i}`);
    await db.collection('catalog_skus').insertMany(
      skus.map((_id, i) => ({
        _id,
        productId: `bench-prod-${i}`,
        productName: `Bench product ${i}`,
        skuName: '500 g',
        retailPrice: 1299 + i,
        memberPrice: 999 + i,
        currency: 'EUR',
        bv: 800,
        status: 'active',
        published: true,
        updatedAt: at,
      })),
    );
    const operator = `bench-${RUN}-op`;
    const buyers = Array.from({ length: BUYERS }, (_, i) => `bench-${RUN}-buyer-${i}`);
    await db.collection('network_members').insertMany([
      { _id: operator, kind: 'operator', status: 'active', sponsorId: null, uplinePath: [], market: 'DE', referralCode: `B${RUN}`.toUpperCase(), updatedAt: at },
      ...buyers.map((_id) => ({ _id, kind: 'consumer', status: 'active', sponsorId: operator, uplinePath: [operator], market: 'DE', updatedAt: at })),
    ]);

    await service.start();
    const base = service.url;
    const caller = await fetch(`${base}/v1/webhook-callers`, {
      method: 'POST',
      headers: { authorization: OPS, 'content-type': 'application/json' },
      body: JSON.stringify({ id: PROVIDER, channel: 'payments', name: 'Bench provider' }),
    });
    if (caller.status !== 201) throw new Error(`registering the provider answered ${caller.status}: ${await caller.text()}`);
    const signer = new Webhook((await caller.json()).secret.value);

    // ------------------------------------------------------------ the catalog's part, and watching OrderConfirmed / OrderPaid
    await producer.connect();
    await consumer.connect();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: HOP_TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const waiting = new Map(); // `${type}:${orderId}` → resolve
    const arrived = new Map(); // seen before anyone waited
    const seen = (type, orderId) => {
      const k = `${type}:${orderId}`;
      const w = waiting.get(k);
      if (!w) return arrived.set(k, performance.now());
      waiting.delete(k);
      w(performance.now());
    };
    const wait = (type, orderId) =>
      new Promise((resolve) => {
        const k = `${type}:${orderId}`;
        const early = arrived.get(k);
        if (early === undefined) return waiting.set(k, resolve);
        arrived.delete(k);
        resolve(early);
      });
    const hopWaiters = new Map();
    let joined;
    const hasJoined = new Promise((r) => (joined = r));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.subscribe({ topics: [Topics.ordersOrders.name, HOP_TOPIC], fromBeginning: false });
    await consumer.run({
      partitionsConsumedConcurrently: 6,
      eachMessage: async ({ topic, message }) => {
        if (topic === HOP_TOPIC) {
          const w = hopWaiters.get(message.key.toString());
          if (w) w(performance.now());
          return;
        }
        const e = JSON.parse(message.value.toString());
        if (e.type === 'OrderPlaced') {
          if (!String(e.data.buyerId).startsWith(`bench-${RUN}-`)) return;
          const data = {
            orderId: e.data.orderId,
            reservationId: `res-${e.data.orderId}`,
            lines: e.data.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
            expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
            reservedAt: new Date().toISOString(),
          };
          const { envelope } = createEnvelope(StockReserved, data, { producer: 'catalog', correlationId: e.correlationId, causationId: e.id });
          await producer.send({
            topic: Topics.catalogReservations.name,
            acks: -1,
            messages: [{ key: envelope.key, value: JSON.stringify(envelope), headers: headersFor(envelope) }],
          });
        } else if (e.type === 'OrderConfirmed' || e.type === 'OrderPaid') seen(e.type, e.data.orderId);
      },
    });
    await hasJoined;

    const buyerToken = new Map(buyers.map((b) => [b, setup.bearer('member', b)]));
    /** One order from POST to OrderPaid; the two latencies of it. */
    async function oneOrder() {
      const buyer = buyers[randomInt(buyers.length)];
      const body = JSON.stringify({ market: 'DE', lines: [{ skuId: skus[randomInt(SKUS)], quantity: 1 + randomInt(3) }], shippingAddress: ADDRESS });
      const t0 = performance.now();
      const res = await fetch(`${base}/v1/orders`, { method: 'POST', headers: { authorization: buyerToken.get(buyer), 'content-type': 'application/json' }, body });
      const order = await res.json();
      if (res.status !== 201) throw new Error(`POST /v1/orders answered ${res.status}: ${JSON.stringify(order)}`);
      const confirmedAt = await wait('OrderConfirmed', order.orderId);
      const id = `msg_${randomUUID()}`;
      const raw = JSON.stringify({ type: 'payment.succeeded', orderId: order.orderId, paymentId: `pm_${randomUUID()}`, amount: order.totals.total });
      const t2 = performance.now();
      const when = new Date();
      const paid = wait('OrderPaid', order.orderId);
      const pay = await fetch(`${base}/v1/payments/webhook/${PROVIDER}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(when.getTime() / 1000)), 'webhook-signature': signer.sign(id, when, raw) },
        body: raw,
      });
      const outcome = await pay.json();
      if (pay.status !== 200 || outcome.outcome !== 'applied') throw new Error(`the payment webhook answered ${pay.status}: ${JSON.stringify(outcome)}`);
      const paidAt = await paid;
      return { confirm: confirmedAt - t0, pay: paidAt - t2 };
    }

    // ------------------------------------------------------------ warm-up
    for (let i = 0; i < 20; i++) await oneOrder();

    // ------------------------------------------------------------ throughput: placement to payment, BENCH_CONCURRENCY at a time
    log(`${ORDERS} orders from POST to OrderPaid, ${CONCURRENCY} at a time`);
    const opsBefore = await opcounters(client);
    const cpuBefore = cpuMs(service.pid);
    let next = 0;
    const loaded = { confirm: [], pay: [] };
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ORDERS) {
          next++;
          const r = await oneOrder();
          loaded.confirm.push(r.confirm);
          loaded.pay.push(r.pay);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    // Let the relay clear the last events, so their clears are counted too.
    await new Promise((r) => setTimeout(r, 1500));
    const opsAfter = await opcounters(client);
    const perOrder = {};
    for (const k of Object.keys(opsAfter)) perOrder[k] = (opsAfter[k] - opsBefore[k]) / ORDERS;
    const opsPerOrder = Object.values(perOrder).reduce((x, y) => x + y, 0);
    results.throughput = {
      perSecond: ORDERS / seconds,
      seconds,
      serviceCpuMsPerOrder: (cpuMs(service.pid) - cpuBefore) / ORDERS,
      confirm: summary(loaded.confirm),
      pay: summary(loaded.pay),
    };
    log(
      `orders: ${ORDERS} in ${seconds.toFixed(1)} s = ${results.throughput.perSecond.toFixed(1)}/s; under that load POST→OrderConfirmed p50 ${ms(results.throughput.confirm.p50)} p99 ${ms(results.throughput.confirm.p99)}, webhook→OrderPaid p50 ${ms(results.throughput.pay.p50)} p99 ${ms(results.throughput.pay.p99)}; service CPU ${ms(results.throughput.serviceCpuMsPerOrder)} per order`,
    );

    // ------------------------------------------------------------ the store alone: the same mix of operations on the orders collection
    const store = await storeAlone(db, perOrder);
    const ceiling = store.perSecond / opsPerOrder;
    results.store = { operationsPerOrder: perOrder, opsPerOrder, ...store, orderCeiling: ceiling, ofCeiling: results.throughput.perSecond / ceiling };
    log(
      `store operations per order: ${opsPerOrder.toFixed(2)} (${Object.entries(perOrder)
        .filter(([, v]) => v > 0.005)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}); the store alone: ${store.perSecond.toFixed(0)} operations/s of that mix at concurrency ${CONCURRENCY} (p50 ${ms(store.p50)}, p99 ${ms(store.p99)}) → at most ${ceiling.toFixed(1)} orders/s; measured ${results.throughput.perSecond.toFixed(1)}/s = ${(100 * results.store.ofCeiling).toFixed(0)} % of that ceiling (target ≥ 50 %)`,
    );

    // ------------------------------------------------------------ latency: one order at a time, beside the raw hop and the store's write
    log(`${LATENCY_ORDERS} orders one at a time`);
    const single = { confirm: [], pay: [] };
    for (let i = 0; i < LATENCY_ORDERS; i++) {
      const r = await oneOrder();
      single.confirm.push(r.confirm);
      single.pay.push(r.pay);
    }
    results.latency = { confirm: summary(single.confirm), pay: summary(single.pay) };

    const hops = [];
    for (let i = 0; i < HOPS; i++) {
      const key = `hop-${i}`;
      const got = new Promise((r) => hopWaiters.set(key, r));
      const t = performance.now();
      await producer.send({ topic: HOP_TOPIC, acks: -1, messages: [{ key, value: JSON.stringify({ i, pad: 'x'.repeat(600) }) }] });
      hops.push((await got) - t);
      hopWaiters.delete(key);
    }
    results.rawHop = summary(hops);

    const writes = [];
    const probe = orderDoc(`probe-${RUN}`, 'probe-buyer', 1, new Date());
    await db.collection('orders').insertOne(probe);
    for (let i = 0; i < HOPS; i++) {
      const t = performance.now();
      const res = await db.collection('orders').updateOne(
        { _id: probe._id, seq: probe.seq + i },
        { $set: { seq: probe.seq + i + 1, updatedAt: new Date(), status: i % 2 ? 'paid' : 'confirmed' }, $push: { history: { at: new Date(), from: 'placed', to: 'paid', cause: 'payment' } } },
      );
      writes.push(performance.now() - t);
      if (res.matchedCount !== 1) throw new Error('the probe write missed');
    }
    await db.collection('orders').deleteOne({ _id: probe._id });
    results.storeWrite = summary(writes);
    const bound = 3 * (results.rawHop.p99 + results.storeWrite.p99);
    results.latency.payTarget = bound;
    log(
      `one at a time: POST→OrderConfirmed p50 ${ms(results.latency.confirm.p50)} p99 ${ms(results.latency.confirm.p99)}; webhook→OrderPaid p50 ${ms(results.latency.pay.p50)} p99 ${ms(results.latency.pay.p99)}; raw kafkajs produce→consume p50 ${ms(results.rawHop.p50)} p99 ${ms(results.rawHop.p99)}; store write p50 ${ms(results.storeWrite.p50)} p99 ${ms(results.storeWrite.p99)} → target webhook→OrderPaid p99 ≤ ${ms(bound)}: ${results.latency.pay.p99 <= bound ? 'met' : 'missed'}`,
    );

    // ------------------------------------------------------------ a member's order list with BENCH_LIST_ORDERS orders
    if (LIST_ORDERS > 0) results.list = await listBench(db, base, setup.bearer);

    console.log('');
    console.log(`machine: ${results.machine}`);
    console.log(JSON.stringify(results));
    fs.writeFileSync(path.join(ROOT, '.infra', 'bench-orders.json'), JSON.stringify(results, null, 2));
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [HOP_TOPIC] }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await service.stop();
    if (process.env.BENCH_KEEP !== '1') await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

/** An order document as the service writes it once paid (order.ts, order.schema.ts), one line. */
function orderDoc(_id, buyerId, n, at, status = 'paid') {
  const unit = 1299;
  const quantity = 1 + (n % 3);
  return {
    _id,
    buyerId,
    buyerKind: 'consumer',
    referringOperatorId: null,
    market: 'DE',
    currency: 'EUR',
    lines: [
      { lineId: 'L1', skuId: 'bench-sku', productId: 'bench-prod', productName: 'Bench product', skuName: '500 g', quantity, unitPrice: unit, memberUnitPrice: 999, priceKind: 'retail', bvPerUnit: 800, lineTotal: unit * quantity },
    ],
    subtotal: unit * quantity,
    shipping: 495,
    taxIncluded: 0,
    total: unit * quantity + 495,
    totalBv: 800 * quantity,
    shippingAddress: ADDRESS,
    status,
    buyerSeq: n,
    buyerKey: `${buyerId}|${pad(n)}`,
    history: [{ at, from: null, to: 'placed', cause: 'placed', by: buyerId }],
    seq: 3,
    placedAt: at,
    updatedAt: at,
    outbox: [],
    outboxSeq: 0,
    outboxLeaseUntil: null,
  };
}

/**
 * The store alone at the run's concurrency, in the proportions one order
 * made: order-shaped inserts, finds by `_id`, compare-and-set updates by
 * `_id`, and findOneAndUpdate by `_id` (the relay's claim, the counters) for
 * the commands. On the orders collection itself; the probes are deleted after.
 */
async function storeAlone(db, mix) {
  const orders = db.collection('orders');
  const existing = (await orders.find({}, { projection: { _id: 1 } }).limit(2000).toArray()).map((d) => d._id);
  const inserted = [];
  const pick = () => (inserted.length ? inserted[randomInt(inserted.length)] : existing[randomInt(existing.length)]);
  const result = await storeMix({
    mix,
    operations: STORE_OPS,
    concurrency: CONCURRENCY,
    run: async (kind) => {
      if (kind === 'insert') {
        const id = `probe-${randomUUID()}`;
        await orders.insertOne({ ...orderDoc(id, `probe-buyer-${randomUUID()}`, 1, new Date(), 'placed'), outbox: [{ id: randomUUID(), type: 'OrderPlaced', value: 'x'.repeat(1500) }], outboxSeq: 1 });
        inserted.push(id);
      } else if (kind === 'query') {
        await orders.findOne({ _id: existing[randomInt(existing.length)] }, { projection: { outbox: 0 } });
      } else if (kind === 'update') {
        await orders.updateOne({ _id: pick() }, { $set: { updatedAt: new Date(), outboxLeaseUntil: null }, $inc: { seq: 1 } });
      } else {
        await orders.findOneAndUpdate({ _id: pick() }, { $set: { outboxLeaseUntil: new Date() } }, { projection: { outbox: 1, outboxSeq: 1 } });
      }
    },
  });
  for (let i = 0; i < inserted.length; i += 500) await orders.deleteMany({ _id: { $in: inserted.slice(i, i + 500) } });
  return result;
}

/**
 * LIST_ORDERS orders inserted straight into the collection (buyers of 100
 * orders and one of 10,000, each with its counter), then list pages read
 * through HTTP: first pages, a status filter, and the next page by cursor.
 */
async function listBench(db, base, bearer) {
  const orders = db.collection('orders');
  const counters = db.collection('order_counters');
  const heavy = `list-${RUN}-heavy`;
  const buyerCount = Math.max(1, Math.floor((LIST_ORDERS - HEAVY_BUYER_ORDERS) / ORDERS_PER_BUYER));
  const existing = await orders.estimatedDocumentCount();
  log(`seeding ${LIST_ORDERS.toLocaleString('en')} orders (${buyerCount.toLocaleString('en')} buyers × ${ORDERS_PER_BUYER}, one buyer × ${HEAVY_BUYER_ORDERS.toLocaleString('en')}) beside the ${existing.toLocaleString('en')} there`);
  const t0 = performance.now();
  const at = new Date();
  const statuses = ['paid', 'shipped', 'delivered', 'completed', 'completed', 'completed', 'cancelled'];
  let batch = [];
  let seeded = 0;
  const flush = async () => {
    if (!batch.length) return;
    await orders.insertMany(batch, { ordered: false });
    seeded += batch.length;
    batch = [];
    if (seeded % 100_000 < 2000) log(`  ${seeded.toLocaleString('en')} seeded, ${(seeded / ((performance.now() - t0) / 1000)).toFixed(0)}/s`);
  };
  const seedBuyer = async (buyerId, count) => {
    for (let n = 1; n <= count; n++) {
      batch.push(orderDoc(`list-${RUN}-${buyerId}-${n}`, buyerId, n, at, statuses[n % statuses.length]));
      if (batch.length >= 2000) await flush();
    }
    await counters.insertOne({ _id: `buyer:${buyerId}`, n: count });
  };
  await seedBuyer(heavy, HEAVY_BUYER_ORDERS);
  const buyerIds = Array.from({ length: buyerCount }, (_, i) => `list-${RUN}-b${i}`);
  for (const b of buyerIds) await seedBuyer(b, ORDERS_PER_BUYER);
  await flush();
  const seedSeconds = (performance.now() - t0) / 1000;
  const total = await orders.estimatedDocumentCount();
  log(`seeded in ${seedSeconds.toFixed(0)} s; the collection holds ${total.toLocaleString('en')} orders`);

  const read = async (buyer, query) => {
    const t = performance.now();
    const res = await fetch(`${base}/v1/orders?${new URLSearchParams({ buyerId: buyer, ...query })}`, { headers: { authorization: bearer('member', buyer) } });
    const page = await res.json();
    if (res.status !== 200) throw new Error(`GET /v1/orders answered ${res.status}: ${JSON.stringify(page)}`);
    return { ms: performance.now() - t, page };
  };
  const first = [];
  const filtered = [];
  const nextPages = [];
  for (let i = 0; i < LIST_READS; i++) {
    const buyer = i % 4 === 0 ? heavy : buyerIds[randomInt(buyerIds.length)];
    const a = await read(buyer, {});
    if (a.page.items.length !== 20) throw new Error(`a first page held ${a.page.items.length} orders`);
    first.push(a.ms);
    nextPages.push((await read(buyer, { cursor: a.page.nextCursor })).ms);
    filtered.push((await read(buyer, { status: 'shipped' })).ms);
  }
  const out = { orders: total, seedSeconds, first: summary(first), status: summary(filtered), next: summary(nextPages) };
  log(
    `order list with ${total.toLocaleString('en')} orders: first page p50 ${ms(out.first.p50)} p99 ${ms(out.first.p99)}; next page by cursor p50 ${ms(out.next.p50)} p99 ${ms(out.next.p99)}; status=shipped p50 ${ms(out.status.p50)} p99 ${ms(out.status.p99)} (${LIST_READS} each)`,
  );
  return out;
}

// Exit explicitly: a client's sockets may keep the event loop alive after cleanup.
main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench] failed: ${e.stack ?? e}`);
    process.exit(1);
  },
);
