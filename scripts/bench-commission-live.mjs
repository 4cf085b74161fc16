#!/usr/bin/env node
/**
 * Commission live benchmark (`npm run bench:commission:live`), against the
 * real commission service in its own process on the local (or external)
 * Kafka and database:
 *
 *   - BENCH_ORDERS (500) OrderPaid events produced at BENCH_RATE (50) per
 *     second to orders.orders.v1, each timed until its first
 *     CommissionAccrued is read from commission.ledger.v1 (consume, read the
 *     order and the upline, estimate, insert the lines with their events,
 *     the outbox relay's publish, the broker). The seller sits BENCH_DEPTH
 *     (20) levels deep, so every order pays the retail margin and walks an
 *     upline of 20 for its overrides;
 *   - beside it, in the same run and at the same pace: the raw kafkajs hop
 *     (produce one message to a topic of this run, consume it) and the
 *     store's write (one insertOne of a ledger-entry-sized document by the
 *     driver), the two floors one accrual pays at least once each.
 *
 * Target: accrual p99 ≤ 3 × (raw hop p99 + store write p99).
 *
 * The read models an accrual needs (the network members, the placed orders)
 * are seeded with insertMany straight into the service's collections,
 * shaped exactly as the service writes them, so the measured path is
 * OrderPaid → CommissionAccrued alone.
 *
 * Knobs (environment): BENCH_ORDERS (500), BENCH_RATE (50 per second),
 * BENCH_DEPTH (20), BENCH_CONCURRENCY (6: partitions consumed at once),
 * BENCH_KEEP=1 keeps the database, BENCH_PROFILE=1 writes a CPU profile of
 * the service to .infra/profiles/.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './infra.mjs';
import { machine, ms, summary, vmHwmMiB } from './lib/bench.mjs';
import { benchSetup, serviceProcess } from './lib/bench-service.mjs';

const require = createRequire(import.meta.url);
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const ORDERS = num('BENCH_ORDERS', 500);
const RATE = num('BENCH_RATE', 50);
const DEPTH = num('BENCH_DEPTH', 20);
const CONCURRENCY = num('BENCH_CONCURRENCY', 6);
const PROFILE = process.env.BENCH_PROFILE === '1';
const PORT = 3919;
const DB = 'netdirect_bench_commission_live';
const RUN = Date.now().toString(36);
const MARKET = 'US';

const log = (msg) => console.log(`[bench] ${msg}`);
/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
const cpuSeconds = (pid) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
};
const sleep = (m) => new Promise((r) => setTimeout(r, m));

async function main() {
  const setup = await benchSetup({ db: DB });
  const { client, db, kafkaBrokers } = setup;
  const { Kafka, logLevel } = require(path.join(ROOT, 'node_modules', 'kafkajs'));
  const contracts = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js'));
  const profileDir = path.join(ROOT, '.infra', 'profiles');
  if (PROFILE) fs.mkdirSync(profileDir, { recursive: true });
  const service = serviceProcess({
    service: 'commission',
    port: PORT,
    setup,
    log,
    nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    env: {
      KAFKA_GROUP_ID: `netdirect-bench-commission-${RUN}`,
      KAFKA_PARTITIONS_CONCURRENCY: String(CONCURRENCY),
      KAFKA_FROM_BEGINNING: 'false',
      COMMISSION_PAYEE_KEY: randomBytes(32).toString('base64'),
    },
  });

  const kafka = new Kafka({ clientId: `bench-commission-${RUN}`, brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  const admin = kafka.admin();
  const hopTopic = `bench.commission-hop.${RUN}`;
  const consumers = [];
  const results = { machine: machine(), orders: ORDERS, ratePerSecond: RATE, depth: DEPTH };
  try {
    await producer.connect();
    await admin.connect();
    await service.start();

    // ------------------------------------------------------------ read models, as the service writes them
    const chain = Array.from({ length: DEPTH + 1 }, (_, i) => `bench-${RUN}-m${i}`); // chain[0] is the root
    const now = new Date();
    await db.collection('network_members').insertMany(
      chain.map((_id, i) => ({
        _id,
        kind: 'operator',
        status: 'active',
        sponsorId: i === 0 ? null : chain[i - 1],
        depth: i,
        uplinePath: chain.slice(0, i).reverse(),
        market: MARKET,
        joinedAt: now,
        registeredBy: randomUUID(),
        owners: [{ partyId: `party-${_id}`, name: null, from: '2020-01-01T00:00:00.000Z', transferId: null }],
        updatedAt: now,
      })),
    );
    const seller = chain[DEPTH];
    const orderIds = Array.from({ length: ORDERS }, (_, i) => `bench-${RUN}-o${i}`);
    for (let i = 0; i < orderIds.length; i += 1000)
      await db.collection('commission_orders').insertMany(
        orderIds.slice(i, i + 1000).map((_id) => ({
          _id,
          buyerId: `${_id}-guest`,
          buyerKind: 'guest',
          sellerId: seller,
          market: MARKET,
          currency: 'USD',
          lines: [
            { lineId: 'l1', quantity: 2, priceKind: 'retail', bvPerUnit: 2500, unitPriceMinor: 4000, memberUnitPriceMinor: 3000 },
            { lineId: 'l2', quantity: 1, priceKind: 'retail', bvPerUnit: 1200, unitPriceMinor: 2000, memberUnitPriceMinor: 1500 },
          ],
          placedAt: now.toISOString(),
          refunds: [],
        })),
      );
    const paid = (orderId) => {
      const { envelope } = contracts.createEnvelope(
        contracts.OrderPaid,
        { orderId, paymentId: `pm_${orderId}`, paymentProvider: 'bench', amount: { amount: 10000, currency: 'USD' }, paidAt: new Date().toISOString() },
        { producer: 'orders', correlationId: randomUUID(), causationId: randomUUID() },
      );
      return { key: orderId, value: JSON.stringify(envelope), headers: contracts.headersFor(envelope) };
    };

    // ------------------------------------------------------------ readers: the ledger topic and the raw hop
    await admin.createTopics({ topics: [{ topic: hopTopic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const arrived = new Map();
    const hopArrived = new Map();
    const reader = async (topics, fromBeginning, eachMessage) => {
      const consumer = kafka.consumer({ groupId: `bench-commission-read-${RUN}-${consumers.length}`, maxWaitTimeInMs: 50 });
      consumers.push(consumer);
      const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning });
      await consumer.run({ eachMessage });
      await joined;
    };
    await reader([contracts.Topics.commissionLedger.name], false, async ({ message }) => {
      if (message.headers?.['event-type']?.toString() !== 'CommissionAccrued') return;
      const { orderId } = JSON.parse(message.value.toString()).data;
      if (!arrived.has(orderId)) arrived.set(orderId, performance.now());
    });
    await reader([hopTopic], true, async ({ message }) => {
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

    // ------------------------------------------------------------ paced: OrderPaid, the raw hop and one store write each tick
    const gap = 1000 / RATE;
    log(`${ORDERS} OrderPaid at ${RATE}/s (seller ${DEPTH} deep), with as many raw hops on ${hopTopic} and store writes, interleaved`);
    const sent = new Map();
    const hopSent = new Map();
    const writes = [];
    const probe = db.collection(`bench_write_probe_${RUN}`);
    // What the service burns without our orders (timers, and other engineers' events on the shared topics), to net out below.
    const idle0 = cpuSeconds(service.pid);
    await sleep(5000);
    const idleCpuPerSecond = (cpuSeconds(service.pid) - idle0) / 5;
    const cpu0 = cpuSeconds(service.pid);
    const t0 = performance.now();
    for (const [n, orderId] of orderIds.entries()) {
      const due = t0 + n * gap;
      if (performance.now() < due) await sleep(due - performance.now());
      const message = paid(orderId);
      sent.set(orderId, performance.now());
      await producer.send({ topic: contracts.Topics.ordersOrders.name, acks: -1, messages: [message] });
      const hopKey = `hop-${n}`;
      hopSent.set(hopKey, performance.now());
      await producer.send({ topic: hopTopic, acks: -1, messages: [{ key: hopKey, value: message.value, headers: message.headers }] });
      const w0 = performance.now();
      await probe.insertOne({ _id: `${RUN}-${n}`, lineId: `cl_${n}`, kind: 'estimate', orderId, beneficiaryId: seller, amountMinor: 2000, explanation: 'x'.repeat(300), outbox: [{ id: randomUUID(), value: message.value }] });
      writes.push(performance.now() - w0);
    }
    await waitAll(arrived, orderIds, 'CommissionAccrued');
    // The service's own CPU per order (consume, read, estimate, write, relay): above 1000 / RATE ms it cannot keep up on one core.
    results.serviceCpuMsPerOrder = ((cpuSeconds(service.pid) - cpu0) * 1000) / ORDERS;
    results.serviceIdleCpuPercent = idleCpuPerSecond * 100;
    results.serviceNetCpuMsPerOrder = ((cpuSeconds(service.pid) - cpu0 - idleCpuPerSecond * ((performance.now() - t0) / 1000)) * 1000) / ORDERS;
    await waitAll(hopArrived, [...hopSent.keys()], 'raw hop');
    const latency = summary(orderIds.map((o) => arrived.get(o) - sent.get(o)));
    const hop = summary([...hopSent].map(([k, t]) => hopArrived.get(k) - t));
    const write = summary(writes);
    const target = 3 * (hop.p99 + write.p99);
    Object.assign(results, { latency, rawHop: hop, storeWrite: write, targetP99: target, peakMiB: vmHwmMiB(service.pid) });
    // The handler's own time (consume → lines and events written), from the service's metrics.
    const metrics = await fetch(`${service.url}/metrics`).then((r) => r.text());
    const metric = (suffix) => Number(new RegExp(`netdirect_consumer_handler_seconds_${suffix}\\{[^}]*type="OrderPaid"[^}]*\\} ([0-9.e+-]+)`).exec(metrics)?.[1] ?? NaN);
    results.handlerMeanMs = (metric('sum') / metric('count')) * 1000;
    const entries = await db.collection('commission_entries').countDocuments({});
    results.entriesWritten = entries;

    console.log('');
    console.log(`machine: ${results.machine}`);
    console.log(`OrderPaid → CommissionAccrued (${ORDERS} at ${RATE}/s, upline ${DEPTH} deep): p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}`);
    console.log(`raw kafkajs produce → consume hop, same run:             p50 ${ms(hop.p50)}, p99 ${ms(hop.p99)}`);
    console.log(`store write (insertOne), same run:                       p50 ${ms(write.p50)}, p99 ${ms(write.p99)}`);
    console.log(`OrderPaid handler mean (consume → lines and events written), from the service's metrics: ${ms(results.handlerMeanMs)}`);
    console.log(`the service's CPU per order (user + system, while the run lasted): ${ms(results.serviceCpuMsPerOrder)} (one core takes ${ms(1000 / RATE)} per order at ${RATE}/s); net of its idle rate (${results.serviceIdleCpuPercent.toFixed(1)} % of a core in 5 s before the run): ${ms(results.serviceNetCpuMsPerOrder)}`);
    console.log(`target p99 ≤ 3 × (hop p99 + write p99) = ${ms(target)}: ${latency.p99 <= target ? 'met' : 'NOT met'}`);
    console.log(`${entries} ledger entries written; service peak resident memory ${results.peakMiB.toFixed(0)} MiB`);
    console.log(JSON.stringify(results));
  } finally {
    for (const c of consumers) await c.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [hopTopic] }).catch(() => undefined);
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
