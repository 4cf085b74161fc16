#!/usr/bin/env node
/**
 * Catalog benchmark (`npm run bench:catalog`), against the real catalog
 * service in its own process on the local (or external) Kafka and database:
 *
 *   - reservations per second for 3-line orders over BENCH_SKUS (10,000) SKUs:
 *     OrderPlaced events produced to orders.orders.v1, timed until every
 *     order's StockReserved or StockReservationRejected is on
 *     catalog.reservations.v1 (so the outbox relay's publishing is included);
 *   - the store operations one reservation makes (the database's own
 *     `serverStatus.opcounters`, as bench-network counts them) and the rate the
 *     store alone sustains for that mix in the same run, at the service's
 *     consumer concurrency: the ceiling, and the measured rate as a share of it
 *     (target ≥ 50 %);
 *   - the hot-SKU case: every order for one SKU (one line each);
 *   - mall search p50/p99 (scripts/lib/bench-catalog-search.mjs, the products
 *     engineer's part) at BENCH_PRODUCTS (100,000) products, unless BENCH_SEARCH=0.
 *
 * Stock is seeded with insertMany straight into the service's `stock`
 * collection, documents shaped exactly as the service writes them.
 *
 * Knobs (environment): BENCH_SKUS (10000), BENCH_ORDERS (5000), BENCH_HOT_ORDERS (2000),
 * BENCH_CONCURRENCY (6: partitions of orders.orders.v1 consumed at once; also the
 * store-alone concurrency), BENCH_STORE_OPS (20000), BENCH_PRODUCTS (100000),
 * BENCH_SEARCH=0 skips the search part, BENCH_KEEP=1 keeps the database.
 */
import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './infra.mjs';
import { cpuMs, machine, ms, opcounters, storeMix } from './lib/bench.mjs';
import { benchSetup, serviceProcess } from './lib/bench-service.mjs';

const require = createRequire(import.meta.url);
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const SKUS = num('BENCH_SKUS', 10_000);
const ORDERS = num('BENCH_ORDERS', 5000);
const HOT_ORDERS = num('BENCH_HOT_ORDERS', 2000);
const CONCURRENCY = num('BENCH_CONCURRENCY', 6);
const STORE_OPS = num('BENCH_STORE_OPS', 20_000);
const PRODUCTS = num('BENCH_PRODUCTS', 100_000);
const SEARCH = process.env.BENCH_SEARCH !== '0';
const PORT = 3915;
const DB = 'netdirect_bench_catalog';
const RUN = Date.now().toString(36);

const log = (msg) => console.log(`[bench] ${msg}`);

async function main() {
  const setup = await benchSetup({ db: DB });
  const { client, db, mongoUrl, kafkaBrokers } = setup;
  const { Kafka, logLevel } = require(path.join(ROOT, 'node_modules', 'kafkajs'));
  const contracts = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js'));
  const OPS = setup.bearer('ops', 'bench-ops');

  // ------------------------------------------------------------ the service, in its own process
  const service = serviceProcess({
    service: 'catalog',
    port: PORT,
    setup,
    log,
    env: {
      // A group of its own, from the end of each topic: older orders on the shared topic are not this run's.
      KAFKA_GROUP_ID: `netdirect-bench-catalog-${RUN}`,
      KAFKA_FROM_BEGINNING: 'false',
      KAFKA_PARTITIONS_CONCURRENCY: String(CONCURRENCY),
    },
  });
  const startService = service.start;
  const stopService = service.stop;

  const kafka = new Kafka({ clientId: `bench-catalog-${RUN}`, brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  await producer.connect();
  // orderId -> the outcome types seen. Any other catalog instance consuming the shared orders topic (a
  // developer's `npm start` with its own database) answers these orders too, with rejections for SKUs it
  // does not know; so a rejection counts only once this run's database confirms it.
  const outcomes = new Map();
  const capture = kafka.consumer({ groupId: `bench-catalog-capture-${RUN}` });
  const results = { machine: machine(), skus: SKUS };
  try {
    await startService();
    for (let i = 0; ; i++) {
      const names = await db.collection('reservations').indexes().then((ix) => ix.map((x) => x.name)).catch(() => []);
      if (names.some((n) => n.startsWith('inFlight_1'))) break;
      if (i > 100) throw new Error(`indexes not created: ${names.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const joined = new Promise((resolve) => capture.on(capture.events.GROUP_JOIN, resolve));
    await capture.connect();
    await capture.subscribe({ topics: [contracts.Topics.catalogReservations.name], fromBeginning: false });
    await capture.run({
      eachMessage: async ({ message }) => {
        const type = message.headers?.['event-type']?.toString();
        if (type !== 'StockReserved' && type !== 'StockReservationRejected') return;
        const key = message.key.toString();
        if (!outcomes.has(key)) outcomes.set(key, new Set());
        outcomes.get(key).add(type);
      },
    });
    await joined;

    // ------------------------------------------------------------ stock
    log(`seeding ${SKUS.toLocaleString('en')} SKUs with stock`);
    const skuIds = Array.from({ length: SKUS }, (_, i) => `bench-${RUN}-sku-${i}`);
    const hotSku = `bench-${RUN}-hot`;
    const stockDoc = (_id, onHand) => ({
      _id,
      onHand,
      reserved: 0,
      available: onHand,
      reorderPoint: null,
      reorderQuantity: null,
      skuStatus: 'active',
      holds: {},
      applied: [],
      seq: 0,
      history: [],
      outbox: [],
      outboxSeq: 0,
      outboxLeaseUntil: null,
    });
    for (let i = 0; i < SKUS; i += 2000)
      await db.collection('stock').insertMany(skuIds.slice(i, i + 2000).map((id) => stockDoc(id, 1_000_000)));
    await db.collection('stock').insertOne(stockDoc(hotSku, 1_000_000));

    const base = contracts.exampleOf('OrderPlaced');
    const placed = (orderId, skus) => {
      const lines = skus.map((skuId, i) => ({ ...base.lines[0], lineId: `${orderId}-${i}`, skuId, quantity: 1 + (i % 2) }));
      const { envelope } = contracts.createEnvelope(contracts.OrderPlaced, { ...base, orderId, lines }, {
        producer: 'orders',
        correlationId: randomUUID(),
        causationId: randomUUID(),
      });
      return { key: orderId, value: JSON.stringify(envelope), headers: contracts.headersFor(envelope) };
    };
    const threeSkus = () => {
      const picked = new Set();
      while (picked.size < 3) picked.add(skuIds[randomInt(SKUS)]);
      return [...picked];
    };

    /** Produce the orders, wait for each one's outcome; the rate from the first send to the last outcome. */
    const runOrders = async (label, count, skusOf) => {
      const orders = Array.from({ length: count }, (_, i) => `bench-${RUN}-${label}-${i}`);
      const messages = orders.map((o) => placed(o, skusOf()));
      const cpu0 = cpuMs(service.pid);
      const t0 = performance.now();
      for (let i = 0; i < messages.length; i += 500)
        await producer.send({ topic: contracts.Topics.ordersOrders.name, acks: -1, messages: messages.slice(i, i + 500) });
      const produced = performance.now() - t0;
      const rejected = new Set();
      const done = (o) => outcomes.get(o)?.has('StockReserved') || rejected.has(o);
      for (let i = 0; orders.some((o) => !done(o)); i++) {
        if (i > 6000) throw new Error(`${label}: only ${orders.filter(done).length}/${count} outcomes`);
        if (i % 20 === 19) {
          for (const o of orders.filter((x) => !done(x) && outcomes.get(x)?.has('StockReservationRejected'))) {
            const r = await db.collection('reservations').findOne({ _id: o }, { projection: { status: 1, outboxPendingId: 1 } });
            if (r?.status === 'rejected' && !r.outboxPendingId) rejected.add(o);
          }
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - t0) / 1000;
      const reserved = count - rejected.size;
      const cpu = (cpuMs(service.pid) - cpu0) / count;
      return { orders: count, seconds, perSecond: count / seconds, producedMs: produced, reserved, rejected: count - reserved, cpuMsPerOrder: cpu };
    };

    log('warming up (200 orders)');
    await runOrders('warm', 200, threeSkus);
    await new Promise((r) => setTimeout(r, 1000));

    // ------------------------------------------------------------ 3-line orders over 10,000 SKUs
    const opsBefore = await opcounters(client);
    const spread = await runOrders('spread', ORDERS, threeSkus);
    await new Promise((r) => setTimeout(r, 1000)); // the relay's clears after the last publish
    const opsAfter = await opcounters(client);
    const perReservation = {};
    for (const k of Object.keys(opsAfter)) perReservation[k] = (opsAfter[k] - opsBefore[k]) / ORDERS;
    const opsPerReservation = Object.values(perReservation).reduce((x, y) => x + y, 0);
    results.reservations = spread;
    log(
      `reservations (3-line orders over ${SKUS.toLocaleString('en')} SKUs): ${ORDERS} in ${spread.seconds.toFixed(1)} s = ${spread.perSecond.toFixed(0)}/s ` +
        `(${spread.reserved} reserved, ${spread.rejected} rejected; producing took ${spread.producedMs.toFixed(0)} ms); service CPU ${ms(spread.cpuMsPerOrder)} per order`,
    );

    const store = await storeAlone(db, perReservation);
    const ceiling = store.perSecond / opsPerReservation;
    results.store = { operationsPerReservation: perReservation, opsPerReservation, ...store, reservationCeiling: ceiling };
    results.reservations.ofCeiling = spread.perSecond / ceiling;
    log(
      `store operations per reservation: ${opsPerReservation.toFixed(2)} (${Object.entries(perReservation)
        .filter(([, v]) => v > 0.005)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}); the store alone: ${store.perSecond.toFixed(0)} operations/s of that mix at concurrency ${CONCURRENCY} ` +
        `(p50 ${ms(store.p50)}, p99 ${ms(store.p99)}) → at most ${ceiling.toFixed(0)} reservations/s; measured ${spread.perSecond.toFixed(0)}/s = ` +
        `${(100 * results.reservations.ofCeiling).toFixed(0)} % of that ceiling (target ≥ 50 %)`,
    );

    // ------------------------------------------------------------ the hot SKU
    const hot = await runOrders('hot', HOT_ORDERS, () => [hotSku]);
    results.hotSku = hot;
    const hotDoc = await db.collection('stock').findOne({ _id: hotSku }, { projection: { onHand: 1, reserved: 1, available: 1 } });
    log(
      `hot SKU (every order for one SKU, 1 line): ${HOT_ORDERS} in ${hot.seconds.toFixed(1)} s = ${hot.perSecond.toFixed(0)}/s ` +
        `(${hot.reserved} reserved; the SKU now ${hotDoc.onHand} on hand, ${hotDoc.reserved} reserved, ${hotDoc.available} available)`,
    );

    // ------------------------------------------------------------ mall search (products engineer's part)
    const searchLib = path.join(ROOT, 'scripts', 'lib', 'bench-catalog-search.mjs');
    if (SEARCH && fs.existsSync(searchLib)) {
      const { benchCatalogSearch } = await import(searchLib);
      results.search = await benchCatalogSearch({
        url: `http://127.0.0.1:${PORT}`,
        token: OPS.slice('Bearer '.length),
        products: PRODUCTS,
        mongo: {
          url: mongoUrl,
          db: DB,
          restart: async () => {
            await stopService();
            await startService();
          },
        },
      });
    } else {
      log('mall search skipped (BENCH_SEARCH=0 or scripts/lib/bench-catalog-search.mjs missing)');
    }

    const file = path.join(ROOT, '.infra', 'bench-catalog.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(results, null, 2));
    log(`figures written to ${path.relative(ROOT, file)}; machine: ${results.machine}`);
  } finally {
    await capture.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await stopService();
    if (process.env.BENCH_KEEP !== '1') await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

/**
 * The store alone, driven with the driver at the service's consumer
 * concurrency, in the proportions one reservation makes: inserts of
 * reservation-shaped documents, finds by _id, conditional updates by _id of
 * stock documents, findOneAndUpdate by _id (a hold answering the levels, the
 * relay's claim) for the other commands. On the service's own collections, so
 * index and file sizes are the same; the probe documents are deleted afterwards.
 */
async function storeAlone(db, mix) {
  const stock = db.collection('stock');
  const reservations = db.collection('reservations');
  const skus = (await stock.find({}, { projection: { _id: 1 } }).limit(5000).toArray()).map((d) => d._id);
  const inserted = [];
  const result = await storeMix({
    mix,
    operations: STORE_OPS,
    concurrency: CONCURRENCY,
    run: async (kind) => {
      const sku = skus[randomInt(skus.length)];
      if (kind === 'insert') {
        const _id = `probe-${randomUUID()}`;
        await reservations.insertOne({
          _id,
          reservationId: randomUUID(),
          lines: [{ skuId: sku, quantity: 1 }, { skuId: sku, quantity: 2 }, { skuId: sku, quantity: 1 }],
          // At rest (not in flight), so the service's resume pass leaves the probes alone.
          status: 'rejected',
          attempt: 1,
          intent: 'hold',
          leaseUntil: new Date(),
          seq: 1,
          placedAt: new Date(),
          updatedAt: new Date(),
          outbox: [],
          outboxSeq: 0,
          outboxLeaseUntil: null,
        });
        inserted.push(_id);
      } else if (kind === 'query') {
        await stock.findOne({ _id: sku }, { projection: { outbox: 0 } });
      } else if (kind === 'update') {
        await stock.updateOne({ _id: sku, available: { $gte: 0 } }, { $inc: { seq: 1 } });
      } else {
        await stock.findOneAndUpdate(
          { _id: sku, available: { $gte: 1 } },
          { $inc: { seq: 1 } },
          { returnDocument: 'after', projection: { onHand: 1, reserved: 1, available: 1, seq: 1 } },
        );
      }
    },
  });
  for (let i = 0; i < inserted.length; i += 500) await reservations.deleteMany({ _id: { $in: inserted.slice(i, i + 500) } });
  return result;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
