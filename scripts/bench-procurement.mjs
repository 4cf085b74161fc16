#!/usr/bin/env node
/**
 * Procurement benchmark (`npm run bench:procurement`): one procurement run
 * over BENCH_SKUS (10,000) SKUs with demand and BENCH_SUPPLIERS (200)
 * suppliers with 5-tier price lists, against the real procurement service in
 * its own process on the local (or external) Kafka and database.
 *
 * Each SKU is offered by BENCH_OFFERS_PER_SKU (20) of the suppliers (each
 * supplier's current list then holds 1,000 SKUs), so a run weighs 200,000
 * offers of 5 tiers. Suppliers, price lists, the per-SKU offer index, the
 * catalog's SKUs and the demand are seeded with insertMany straight into the
 * service's collections, documents shaped exactly as the service writes them.
 *
 * Timed: `POST /v1/procurement-runs` from request to answer (read
 * everything once, decide every SKU, store the decisions in chunks, issue
 * one purchase order per supplier with its event, remove the demand it
 * bought for), and the service's peak resident memory (VmHWM) before and
 * after. Target: ≤ 10 s.
 *
 * Knobs (environment): BENCH_SKUS (10000), BENCH_SUPPLIERS (200),
 * BENCH_OFFERS_PER_SKU (20), BENCH_LOG_LEVEL (warn; `info` shows the run's
 * phases), BENCH_KEEP=1 keeps the database.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { cpuMs, machine, vmHwmMiB } from './lib/bench.mjs';
import { benchSetup, serviceProcess } from './lib/bench-service.mjs';

const num = (name, dflt) => Number(process.env[name] ?? dflt);
const SKUS = num('BENCH_SKUS', 10_000);
const SUPPLIERS = num('BENCH_SUPPLIERS', 200);
const OFFERS_PER_SKU = Math.min(num('BENCH_OFFERS_PER_SKU', 20), SUPPLIERS);
const PORT = 3917;
const DB = 'netdirect_bench_procurement';
const RUN = Date.now().toString(36);
const TIER_STARTS = [10, 100, 500, 1000, 5000];

const log = (msg) => console.log(`[bench] ${msg}`);

/** A small deterministic generator, so two runs bench the same data. */
function rng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

async function main() {
  const setup = await benchSetup({ db: DB });
  const { client, db } = setup;
  const OPS = setup.bearer('ops', 'bench-ops');
  const service = serviceProcess({
    service: 'procurement',
    port: PORT,
    setup,
    log,
    env: {
      KAFKA_GROUP_ID: `netdirect-bench-procurement-${RUN}`,
      KAFKA_FROM_BEGINNING: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    },
  });
  const stopService = service.stop;
  const results = { machine: machine(), skus: SKUS, suppliers: SUPPLIERS, offersPerSku: OFFERS_PER_SKU, tiers: TIER_STARTS.length };
  try {
    // ------------------------------------------------------------ data, as the service writes it
    const next = rng(20261201);
    const at = new Date();
    const suppliers = Array.from({ length: SUPPLIERS }, () => randomUUID());
    const lists = suppliers.map(() => randomUUID());
    const skuIds = Array.from({ length: SKUS }, (_, i) => `bench-${RUN}-sku-${String(i).padStart(6, '0')}`);
    const offerKey = (id) => id.replace(/[-.]/g, '');
    const item = (skuId, s) => {
      const base = 500 + next(4500);
      return {
        skuId,
        supplierSku: null,
        leadTimeDays: 1 + next(20),
        minimumOrderQuantity: 10,
        packSize: 10,
        tiers: TIER_STARTS.map((minQuantity, t) => ({ minQuantity, unitCost: Math.round(base * (1 - 0.04 * t)) - (s % 7) })),
      };
    };
    log(`seeding ${SUPPLIERS} suppliers, ${SKUS.toLocaleString('en')} SKUs × ${OFFERS_PER_SKU} offers × ${TIER_STARTS.length} tiers`);
    const t0 = performance.now();
    const itemsBySupplier = suppliers.map(() => []);
    const offerDocs = skuIds.map((skuId, i) => {
      const offers = {};
      for (let k = 0; k < OFFERS_PER_SKU; k++) {
        const s = (i * 7 + k * Math.floor(SUPPLIERS / OFFERS_PER_SKU)) % SUPPLIERS;
        const it = item(skuId, s);
        itemsBySupplier[s].push(it);
        // As the service's encodeOffer writes it (price-list.schema.ts).
        offers[offerKey(lists[s])] = JSON.stringify([
          suppliers[s],
          lists[s],
          it.leadTimeDays,
          it.minimumOrderQuantity,
          it.packSize,
          ...it.tiers.flatMap((t) => [t.minQuantity, t.unitCost]),
        ]);
      }
      return { _id: skuId, offers };
    });
    const outbox = { outbox: [], outboxSeq: 0, outboxLeaseUntil: null };
    await db.collection('suppliers').insertMany(
      suppliers.map((_id, s) => ({
        _id,
        name: `Bench supplier ${s}`,
        country: 'AT',
        orderEmail: `orders${s}@bench.example`,
        currency: 'EUR',
        paymentTermsDays: 30,
        status: 'active',
        registeredAt: at,
        seq: 0,
        ...outbox,
      })),
    );
    for (let s = 0; s < SUPPLIERS; s += 20)
      await db.collection('price_lists').insertMany(
        lists.slice(s, s + 20).map((_id, j) => ({
          _id,
          supplierId: suppliers[s + j],
          currency: 'EUR',
          validFrom: new Date(at.getTime() - 86_400_000),
          validUntil: null,
          items: itemsBySupplier[s + j],
          publishedAt: at,
          indexedAt: at,
          seq: 0,
          ...outbox,
        })),
      );
    for (let i = 0; i < SKUS; i += 1000) {
      const slice = skuIds.slice(i, i + 1000);
      await db.collection('sku_offers').insertMany(offerDocs.slice(i, i + 1000));
      await db.collection('catalog_skus').insertMany(slice.map((_id) => ({ _id, status: 'active' })));
      await db.collection('demand').insertMany(
        slice.map((_id) => {
          const key = `r${randomUUID().replace(/-/g, '')}`;
          return { _id, entries: { [key]: { kind: 'reorder', quantity: 50 + next(3000) } }, seen: { [key]: 1 } };
        }),
      );
    }
    results.seedSeconds = (performance.now() - t0) / 1000;
    log(`seeded in ${results.seedSeconds.toFixed(1)} s`);

    // ------------------------------------------------------------ the service, in its own process
    await service.start();
    results.peakMiBBeforeRun = vmHwmMiB(service.pid);
    const cpuBefore = cpuMs(service.pid);

    // ------------------------------------------------------------ the run
    log('POST /v1/procurement-runs');
    const t1 = performance.now();
    const res = await fetch(`http://127.0.0.1:${PORT}/v1/procurement-runs`, { method: 'POST', headers: { Authorization: OPS } });
    const runSeconds = (performance.now() - t1) / 1000;
    const run = await res.json();
    if (res.status !== 201) throw new Error(`the run answered ${res.status}: ${JSON.stringify(run)}`);
    results.runSeconds = runSeconds;
    results.serviceCpuSeconds = (cpuMs(service.pid) - cpuBefore) / 1000;
    results.peakMiB = vmHwmMiB(service.pid);
    results.summary = run.summary;
    results.orders = run.orders.length;
    results.orderLines = run.orders.reduce((n, o) => n + o.lineCount, 0);
    results.decisionPages = (await db.collection('run_chunks').countDocuments({ runId: run.id })) || 0;
    results.rejectedAlternatives = SKUS * OFFERS_PER_SKU - run.summary.bought;
    results.issuedOrders = await db.collection('purchase_orders').countDocuments({ runId: run.id });

    console.log('');
    console.log(`machine: ${results.machine}`);
    console.log(
      `data: ${SKUS.toLocaleString('en')} SKUs with demand, ${SUPPLIERS} suppliers, ${OFFERS_PER_SKU} offers per SKU (${(SKUS * OFFERS_PER_SKU).toLocaleString('en')} offers), ${TIER_STARTS.length} tiers each`,
    );
    console.log(
      `run: ${runSeconds.toFixed(2)} s (target ≤ 10 s), service CPU ${results.serviceCpuSeconds.toFixed(2)} s; ${run.summary.bought.toLocaleString('en')} SKUs bought, ${results.issuedOrders} purchase orders (${results.orderLines.toLocaleString('en')} lines), ${results.decisionPages} decision chunks`,
    );
    console.log(`service peak resident memory: ${results.peakMiBBeforeRun.toFixed(0)} MiB after boot, ${results.peakMiB.toFixed(0)} MiB after the run`);
    console.log(JSON.stringify(results));
  } finally {
    await stopService();
    if (process.env.BENCH_KEEP !== '1') await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
