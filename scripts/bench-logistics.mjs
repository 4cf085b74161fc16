#!/usr/bin/env node
/**
 * Logistics benchmark (`npm run bench:logistics`), against the real logistics
 * service in its own process on the local (or external) Kafka and database:
 *
 *   - latency: BENCH_LATENCY_ORDERS (500) StockCommitted events produced one
 *     every BENCH_LATENCY_GAP_MS (20) to catalog.reservations.v1, each timed
 *     until its ShipmentRequested is read from the chosen provider's handoff
 *     topic (consume, route, write the shipment with its events, the outbox
 *     relay's publish, the broker); p50/p99 beside the raw kafkajs hop
 *     measured in the same run the same way (produce one message to a
 *     topic of this run, consume it), the floor any event-driven step pays;
 *   - throughput: BENCH_SHIPMENTS (3000) StockCommitted produced at once,
 *     shipments routed per second from the first send to the last
 *     ShipmentRequested on a handoff topic.
 *
 * Three providers serve the destination (priorities 1-3, the first with a
 * daily capacity of a third of the shipments, so routing moves on to the
 * next as it fills). The read models a shipment needs (the paid order's
 * address, the SKUs' sizes) are seeded with insertMany straight into the
 * service's collections, shaped exactly as the service writes them, so the
 * measured path is StockCommitted → shipment → handoff topic alone.
 *
 * Knobs (environment): BENCH_SHIPMENTS (3000), BENCH_LATENCY_ORDERS (500),
 * BENCH_LATENCY_GAP_MS (20), BENCH_CONCURRENCY (6: partitions consumed at
 * once), BENCH_KEEP=1 keeps the database, BENCH_PROFILE=1 writes a CPU
 * profile of the service to .infra/profiles/.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { paths, ROOT } from './infra.mjs';
import { cpuMs, machine, ms, opcounters, summary, vmHwmMiB } from './lib/bench.mjs';
import { benchSetup, serviceProcess } from './lib/bench-service.mjs';

const require = createRequire(import.meta.url);
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const SHIPMENTS = num('BENCH_SHIPMENTS', 3000);
const LATENCY_ORDERS = num('BENCH_LATENCY_ORDERS', 500);
const GAP_MS = num('BENCH_LATENCY_GAP_MS', 20);
const CONCURRENCY = num('BENCH_CONCURRENCY', 6);
const PROFILE = process.env.BENCH_PROFILE === '1';
const PORT = 3918;
const DB = 'netdirect_bench_logistics';
const RUN = Date.now().toString(36);
const SKUS = 50;
const WARM_UP = 50;
const FIRST_CAPACITY = Math.ceil((SHIPMENTS + LATENCY_ORDERS + WARM_UP) / 3);

const log = (msg) => console.log(`[bench] ${msg}`);
const sleep = (m) => new Promise((r) => setTimeout(r, m));

async function main() {
  const setup = await benchSetup({ db: DB });
  const { client, db, kafkaBrokers, infra } = setup;
  const dbPid = infra.external ? NaN : Number(fs.readFileSync(path.join(paths.run, 'mongo.pid'), 'utf8'));
  const { Kafka, logLevel } = require(path.join(ROOT, 'node_modules', 'kafkajs'));
  const contracts = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js'));
  const OPS = setup.bearer('ops', 'bench-ops');
  const profileDir = path.join(ROOT, '.infra', 'profiles');
  if (PROFILE) fs.mkdirSync(profileDir, { recursive: true });
  const service = serviceProcess({
    service: 'logistics',
    port: PORT,
    setup,
    log,
    nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    env: {
      // A group of its own, from the end of each topic: older events on the shared topics are not this run's.
      KAFKA_GROUP_ID: `netdirect-bench-logistics-${RUN}`,
      KAFKA_FROM_BEGINNING: 'false',
      KAFKA_PARTITIONS_CONCURRENCY: String(CONCURRENCY),
      // Production mode wants a key for the providers' webhook secrets: a random one for this run.
      WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
    },
  });

  const kafka = new Kafka({ clientId: `bench-logistics-${RUN}`, brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  const admin = kafka.admin();
  const hopTopic = `bench.logistics-hop.${RUN}`;
  const consumers = [];
  const results = { machine: machine(), shipments: SHIPMENTS, latencyOrders: LATENCY_ORDERS, gapMs: GAP_MS };
  try {
    await producer.connect();
    await admin.connect();
    await service.start();

    // ------------------------------------------------------------ providers, through the API
    const providers = [1, 2, 3].map((priority) => `bench-${RUN}-${priority}`);
    for (const [i, id] of providers.entries()) {
      const res = await fetch(`${service.url}/v1/providers`, {
        method: 'POST',
        headers: { authorization: OPS, 'content-type': 'application/json' },
        body: JSON.stringify({
          id,
          name: `Bench provider ${i + 1}`,
          regions: [{ country: 'DE', postcodePrefixes: [] }],
          limits: { maxWeightGrams: 31_500, maxLengthMm: 1200, maxVolumeCm3: 200_000 },
          serviceLevels: ['standard'],
          acceptanceDeadline: 'PT4H',
          priority: i + 1,
          dailyCapacity: i === 0 ? FIRST_CAPACITY : 1_000_000,
        }),
      });
      if (res.status !== 201) throw new Error(`registering ${id} answered ${res.status}: ${await res.text()}`);
    }

    // ------------------------------------------------------------ read models, as the service writes them
    const skuIds = Array.from({ length: SKUS }, (_, i) => `bench-${RUN}-sku-${i}`);
    await db.collection('sku_sizes').insertMany(skuIds.map((_id, i) => ({ _id, weightGrams: 200 + 50 * (i % 20), lengthMm: 200, widthMm: 150, heightMm: 100 })));
    const orderIds = (label, n) => Array.from({ length: n }, (_, i) => `bench-${RUN}-${label}-${i}`);
    const latencyOrders = orderIds('lat', LATENCY_ORDERS);
    const burstOrders = orderIds('burst', SHIPMENTS);
    const address = { name: 'Bench Buyer', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };
    const paidAt = new Date();
    const all = [...latencyOrders, ...burstOrders];
    for (let i = 0; i < all.length; i += 1000)
      await db.collection('order_facts').insertMany(all.slice(i, i + 1000).map((_id) => ({ _id, shippingAddress: address, paidAt })));

    const committed = (orderId, n) => {
      const lines = [0, 1, 2].map((k) => ({ skuId: skuIds[(n * 3 + k) % SKUS], quantity: 1 + (k % 2) }));
      const { envelope } = contracts.createEnvelope(
        contracts.StockCommitted,
        { orderId, reservationId: randomUUID(), lines, committedAt: new Date().toISOString() },
        { producer: 'catalog', correlationId: randomUUID(), causationId: randomUUID() },
      );
      return { key: orderId, value: JSON.stringify(envelope), headers: contracts.headersFor(envelope) };
    };

    // ------------------------------------------------------------ readers: the handoff topics and the raw hop
    await admin.createTopics({ topics: [{ topic: hopTopic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const arrived = new Map(); // orderId -> performance.now() of its ShipmentRequested on a handoff topic
    const byProvider = new Map();
    const decidedAt = new Map();
    const sentWall = new Map();
    const hopArrived = new Map();
    const reader = async (topics, eachMessage) => {
      const consumer = kafka.consumer({ groupId: `bench-logistics-read-${RUN}-${consumers.length}`, maxWaitTimeInMs: 50 });
      consumers.push(consumer);
      const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ eachMessage });
      await joined;
    };
    await reader(
      providers.map((p) => contracts.providerHandoffTopic(p).name),
      async ({ topic, message }) => {
        if (message.headers?.['event-type']?.toString() !== 'ShipmentRequested') return;
        const { occurredAt, data } = JSON.parse(message.value.toString());
        const { orderId } = data;
        if (!arrived.has(orderId)) {
          arrived.set(orderId, performance.now());
          // Where the time goes: until the service decided (the envelope's occurredAt), and from there to the handoff topic.
          decidedAt.set(orderId, { decided: Date.parse(occurredAt), arrived: Date.now() });
          byProvider.set(topic, (byProvider.get(topic) ?? 0) + 1);
        }
      },
    );
    await reader([hopTopic], async ({ message }) => {
      const id = message.key.toString();
      if (!hopArrived.has(id)) hopArrived.set(id, performance.now());
    });
    const waitAll = async (map, keys, label, limitMs = 600_000) => {
      const t0 = performance.now();
      while (keys.some((k) => !map.has(k))) {
        if (performance.now() - t0 > limitMs) throw new Error(`${label}: ${keys.filter((k) => map.has(k)).length}/${keys.length} after ${limitMs / 1000} s`);
        await sleep(20);
      }
    };

    // ------------------------------------------------------------ warm-up: the service's consumer has joined and is compiled
    const warmOrders = orderIds('warm', WARM_UP);
    await db.collection('order_facts').insertMany(warmOrders.map((_id) => ({ _id, shippingAddress: address, paidAt })));
    const warmT0 = performance.now();
    await producer.send({ topic: contracts.Topics.catalogReservations.name, acks: -1, messages: warmOrders.map((o, n) => committed(o, n)) });
    await waitAll(arrived, warmOrders, 'warm-up shipments');
    log(`warm-up: ${WARM_UP} shipments through in ${((performance.now() - warmT0) / 1000).toFixed(1)} s (the consumer group's join included)`);

    // ------------------------------------------------------------ latency, paced, beside the raw hop
    log(`latency: ${LATENCY_ORDERS} StockCommitted one every ${GAP_MS} ms, and as many raw messages on ${hopTopic}, interleaved`);
    const sent = new Map();
    const hopSent = new Map();
    for (const [n, orderId] of latencyOrders.entries()) {
      const message = committed(orderId, n);
      sent.set(orderId, performance.now());
      sentWall.set(orderId, Date.now());
      await producer.send({ topic: contracts.Topics.catalogReservations.name, acks: -1, messages: [message] });
      // The raw hop: the same kind of message, same producer settings, read back by a plain kafkajs consumer.
      const hopKey = `hop-${n}`;
      hopSent.set(hopKey, performance.now());
      await producer.send({ topic: hopTopic, acks: -1, messages: [{ key: hopKey, value: message.value, headers: message.headers }] });
      await sleep(GAP_MS);
    }
    await waitAll(arrived, latencyOrders, 'latency shipments');
    await waitAll(hopArrived, [...hopSent.keys()], 'raw hop');
    const latency = summary(latencyOrders.map((o) => arrived.get(o) - sent.get(o)));
    const hop = summary([...hopSent].map(([k, t]) => hopArrived.get(k) - t));
    const toDecision = summary(latencyOrders.map((o) => decidedAt.get(o).decided - sentWall.get(o)));
    const toHandoff = summary(latencyOrders.map((o) => decidedAt.get(o).arrived - decidedAt.get(o).decided));
    results.latency = { ...latency, untilDecided: toDecision, decidedToHandoff: toHandoff };
    results.rawHop = hop;
    log(`StockCommitted → ShipmentRequested on the handoff topic: p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}`);
    log(`  of which until the routing decision (clock ms): p50 ${ms(toDecision.p50)}, p99 ${ms(toDecision.p99)}; decision → handoff topic: p50 ${ms(toHandoff.p50)}, p99 ${ms(toHandoff.p99)}`);
    log(`raw kafkajs produce → consume hop:                  p50 ${ms(hop.p50)}, p99 ${ms(hop.p99)}, max ${ms(hop.max)}`);

    // ------------------------------------------------------------ throughput, all at once
    log(`throughput: ${SHIPMENTS} StockCommitted at once`);
    const cpu0 = cpuMs(service.pid);
    const dbCpu0 = cpuMs(dbPid);
    const ops0 = await opcounters(client);
    const t0 = performance.now();
    const burst = burstOrders.map((o, n) => committed(o, n));
    for (let i = 0; i < burst.length; i += 500)
      await producer.send({ topic: contracts.Topics.catalogReservations.name, acks: -1, messages: burst.slice(i, i + 500) });
    const producedMs = performance.now() - t0;
    await waitAll(arrived, burstOrders, 'burst shipments');
    const seconds = (Math.max(...burstOrders.map((o) => arrived.get(o))) - t0) / 1000;
    const ops1 = await opcounters(client);
    const storeOps = Object.fromEntries(Object.keys(ops1).map((k) => [k, Number(((ops1[k] - ops0[k]) / SHIPMENTS).toFixed(1))]));
    results.throughput = {
      shipments: SHIPMENTS,
      seconds,
      perSecond: SHIPMENTS / seconds,
      producedMs,
      serviceCpuMsPerShipment: (cpuMs(service.pid) - cpu0) / SHIPMENTS,
      databaseCpuMsPerShipment: (cpuMs(dbPid) - dbCpu0) / SHIPMENTS,
      storeOpsPerShipment: storeOps,
      perProvider: Object.fromEntries(providers.map((p) => [p, byProvider.get(contracts.providerHandoffTopic(p).name) ?? 0])),
    };
    results.peakMiB = vmHwmMiB(service.pid);
    const stored = await db.collection('shipments').countDocuments({ status: 'requested' });
    const load = await db.collection('provider_loads').findOne({ _id: `${providers[0]}:${new Date().toISOString().slice(0, 10)}` });
    results.firstProviderLoad = load?.count;
    log(
      `routed ${SHIPMENTS} in ${seconds.toFixed(2)} s = ${results.throughput.perSecond.toFixed(0)} shipments/s (producing took ${producedMs.toFixed(0)} ms); ` +
        `CPU per shipment: service ${ms(results.throughput.serviceCpuMsPerShipment)}, database ${ms(results.throughput.databaseCpuMsPerShipment)}; ` +
        `store operations per shipment ${JSON.stringify(storeOps)}; ${stored} shipments requested in the database; ` +
        `first provider at ${load?.count} of its capacity ${FIRST_CAPACITY}`,
    );

    console.log('');
    console.log(`machine: ${results.machine}`);
    console.log(`StockCommitted → ShipmentRequested on the handoff topic (${LATENCY_ORDERS}, one every ${GAP_MS} ms): p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}`);
    console.log(`raw kafkajs produce → consume hop, same run:                p50 ${ms(hop.p50)}, p99 ${ms(hop.p99)}`);
    console.log(`shipments routed per second (${SHIPMENTS} at once, ${CONCURRENCY} partitions at a time): ${results.throughput.perSecond.toFixed(0)}`);
    console.log(`per provider: ${JSON.stringify(results.throughput.perProvider)}; service peak resident memory ${results.peakMiB.toFixed(0)} MiB`);
    console.log(JSON.stringify(results));
  } finally {
    for (const c of consumers) await c.disconnect().catch(() => undefined);
    // This run's topics: the raw hop's and its providers' handoff topics.
    await admin.deleteTopics({ topics: [hopTopic, ...[1, 2, 3].map((p) => contracts.providerHandoffTopic(`bench-${RUN}-${p}`).name)] }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await service.stop();
    if (process.env.BENCH_KEEP !== '1') await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
