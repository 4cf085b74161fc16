#!/usr/bin/env node
/**
 * Network benchmark (`npm run bench:network`): a network of BENCH_MEMBERS
 * (default 1,000,000) members with depth up to 100, then, against the real
 * network service on the local (or external) Kafka and database:
 *
 *   - registrations per second through POST /v1/members (the service's own write path),
 *     the store operations one registration makes (counted by the database), and the
 *     rate the store alone sustains for that mix in the same run: the ceiling;
 *   - upline read p50/p99 (GET /v1/members/:id/upline);
 *   - downline page p50/p99 (GET /v1/members/:id/downline?level=1);
 *   - subtree stats of a 10,000-member subtree (GET /v1/members/:id/subtree/stats);
 *   - peak memory (VmHWM) of the service, the database and this script.
 *
 * The network itself is bulk-loaded with insertMany straight into the
 * service's collections (documents shaped exactly as the service writes them),
 * because a million HTTP registrations would measure the same path for hours.
 * Each measurement also times the bare database query beneath it, so where
 * the time goes is visible.
 *
 * Knobs (environment): BENCH_MEMBERS, BENCH_SUBTREE (10000), BENCH_REGISTRATIONS
 * (20000), BENCH_CONCURRENCY (32), BENCH_UPLINE_READS (2000), BENCH_DOWNLINE_READS (20),
 * BENCH_STATS_RUNS (3), BENCH_SWEEP_MS (250: the service's outbox sweep interval, so reads
 * are measured while sweeps run), BENCH_STORE_OPS (20000 operations for the store's own rate),
 * BENCH_KEEP=1 keeps the database afterwards, BENCH_PROFILE=1 writes a CPU profile of the service
 * to .infra/profiles/.
 */
import http from 'node:http';
import { randomUUID, randomInt } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { down, paths, ROOT } from './infra.mjs';
import { cpuMs, machine, ms, opcounters, storeMix, summary, vmHwmMiB } from './lib/bench.mjs';
import { benchSetup, serviceProcess } from './lib/bench-service.mjs';

const require = createRequire(import.meta.url);
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const MEMBERS = num('BENCH_MEMBERS', 1_000_000);
const SUBTREE = Math.min(num('BENCH_SUBTREE', 10_000), MEMBERS - 200);
const REGISTRATIONS = num('BENCH_REGISTRATIONS', 20_000);
const CONCURRENCY = num('BENCH_CONCURRENCY', 32);
const UPLINE_READS = num('BENCH_UPLINE_READS', 2000);
const DOWNLINE_READS = num('BENCH_DOWNLINE_READS', 20);
const STATS_RUNS = num('BENCH_STATS_RUNS', 3);
const SWEEP_MS = num('BENCH_SWEEP_MS', 250);
const STORE_OPS = num('BENCH_STORE_OPS', 20_000);
// Also time the bare database query under each HTTP read (each one more full scan on the embedded store).
const BARE = process.env.BENCH_BARE !== '0';
const REUSE = process.env.BENCH_REUSE === '1';
const REUSE_SAMPLE = 30_000;
const MAX_DEPTH = 100;
const SPINE = 100; // a chain 0..99 so the tree reaches depth 99 below the root
const PORT = 3914;
const DB = 'netdirect_bench_network';
const OPERATOR_SHARE = 0.3;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const log = (msg) => console.log(`[bench] ${msg}`);
const code = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** GET and parse JSON without a client timeout: a scan of a big network on the embedded store may outlast fetch's. */
function getJsonSlow(url, authorization) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(JSON.parse(body))
          : reject(new Error(`${url}: ${res.statusCode} ${body}`)),
      );
    });
    req.on('error', reject);
  });
}

/**
 * The tree: a spine of 100 (depth 0..99); a subtree of SUBTREE members below
 * spine member 10, grown as a random recursive tree (each new member under a
 * uniformly chosen earlier one of the same subtree, never deeper than 100);
 * the rest grown the same way over the spine and each other.
 */
function generateTree() {
  const parent = new Int32Array(MEMBERS);
  const depth = new Uint8Array(MEMBERS);
  parent[0] = -1;
  for (let i = 1; i < SPINE; i++) {
    parent[i] = i - 1;
    depth[i] = i;
  }
  const subtreeRoot = SPINE;
  parent[subtreeRoot] = 10;
  depth[subtreeRoot] = 11;
  const subtreeEnd = subtreeRoot + SUBTREE; // exclusive
  const pick = (from, to) => {
    for (;;) {
      const p = from + randomInt(to - from);
      if (depth[p] < MAX_DEPTH) return p;
    }
  };
  for (let i = subtreeRoot + 1; i < subtreeEnd; i++) {
    parent[i] = pick(subtreeRoot, i);
    depth[i] = depth[parent[i]] + 1;
  }
  for (let i = subtreeEnd; i < MEMBERS; i++) {
    // Outside the measured subtree: under the spine or the other members grown so far.
    const p = randomInt(SPINE + (i - subtreeEnd));
    const candidate = p < SPINE ? p : subtreeEnd + (p - SPINE);
    parent[i] = depth[candidate] < MAX_DEPTH ? candidate : 0;
    depth[i] = depth[parent[i]] + 1;
  }
  return { parent, depth, subtreeRoot };
}

async function main() {
  // BENCH_REUSE=1 measures again on the network a previous run kept (BENCH_KEEP=1).
  const setup = await benchSetup({ db: DB, keep: REUSE, poolSize: 8 });
  const { infra, client, db, kafkaBrokers, runtime } = setup;
  const token = setup.bearer;
  const OPS = token('ops', 'bench-ops');
  const SIGNUP = token('member', 'bench-signup');

  // The service first, on the empty database, so its own schema creates the indexes.
  const service = serviceProcess({
    service: 'network',
    port: PORT,
    setup,
    log,
    // BENCH_PROFILE=1: a V8 CPU profile of the service, written to .infra/profiles/ when it stops.
    nodeArgs: process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.infra', 'profiles')}`] : [],
    env: {
      KAFKA_GROUP_ID: 'netdirect-bench-network',
      // Sweep often, so every read below is measured while sweeps run (they read only pending documents).
      OUTBOX_POLL_MS: String(SWEEP_MS),
    },
  });
  const stopService = service.stop;
  const base = service.url;
  try {
    await service.start();
    // Wait until mongoose has created the schema's indexes.
    for (let i = 0; ; i++) {
      const names = await db
        .collection('members')
        .indexes()
        .then((ix) => ix.map((x) => x.name))
        .catch(() => []);
      if (names.some((n) => n.startsWith('uplinePath_1_depth_1'))) break;
      if (i > 100) throw new Error(`indexes not created: ${names.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    let tree, ids, codes, maxDepth, loadSeconds;
    if (REUSE) {
      ({ tree, ids, codes } = await reuseNetwork(db));
      maxDepth = NaN;
      loadSeconds = NaN;
    } else {
      // ------------------------------------------------------------ bulk set-up
      log(
        `generating a tree of ${MEMBERS.toLocaleString('en')} members (a ${SUBTREE.toLocaleString('en')}-member subtree, depth ≤ ${MAX_DEPTH})`,
      );
      tree = generateTree();
      ids = Array.from({ length: MEMBERS }, () => randomUUID());
      const operator = new Uint8Array(MEMBERS);
      codes = new Map(); // member index -> code
      for (let i = 0; i < MEMBERS; i++) {
        // Anyone with a downline is an operator; leaves are operators at OPERATOR_SHARE.
        operator[i] = i < SPINE + 1 || Math.random() < OPERATOR_SHARE ? 1 : 0;
      }
      for (let i = 1; i < MEMBERS; i++) operator[tree.parent[i]] = 1;
      const pathOf = (i) => {
        const out = [];
        for (let p = tree.parent[i]; p >= 0; p = tree.parent[p]) out.push(ids[p]);
        return out;
      };
      const joinedAt = new Date(Date.now() - 90 * 86400_000);
      const loadStart = performance.now();
      const BATCH = 2000;
      maxDepth = 0;
      for (let from = 0; from < MEMBERS; from += BATCH) {
        const members = [];
        for (let i = from; i < Math.min(MEMBERS, from + BATCH); i++) {
          const uplinePath = pathOf(i);
          maxDepth = Math.max(maxDepth, uplinePath.length);
          const doc = {
            _id: ids[i],
            kind: operator[i] ? 'operator' : 'consumer',
            status: 'active',
            sponsorId: uplinePath[0] ?? null,
            depth: uplinePath.length,
            uplinePath,
            market: 'DE',
            joinedAt,
            owner: { partyId: randomUUID(), name: `Member ${i}` },
            fingerprints: {},
            history: [{ at: joinedAt, action: 'registered', by: 'bench' }],
            outbox: [],
            outboxSeq: 0,
            outboxLeaseUntil: null,
          };
          if (operator[i]) {
            const c = code();
            doc.referralCode = c;
            codes.set(i, c);
          }
          members.push(doc);
        }
        await db.collection('members').insertMany(members, { ordered: false });
        if ((from / BATCH) % 50 === 0) {
          const done = Math.min(MEMBERS, from + BATCH);
          log(
            `  loaded ${done.toLocaleString('en')} (${Math.round(done / ((performance.now() - loadStart) / 1000))} members/s)`,
          );
        }
      }
      loadSeconds = (performance.now() - loadStart) / 1000;
      log(
        `bulk load: ${MEMBERS.toLocaleString('en')} members in ${loadSeconds.toFixed(1)} s (${Math.round(MEMBERS / loadSeconds)} members/s), max depth ${maxDepth}`,
      );
    }

    const results = { machine: machine(), members: MEMBERS, maxDepth, bulkLoadSeconds: loadSeconds };
    // CPU time each process spends per operation shows which one bounds the rate.
    const dbPid = infra.external ? NaN : Number(fs.readFileSync(path.join(paths.run, 'mongo.pid'), 'utf8'));
    const cpuMark = () => ({ service: cpuMs(service.pid), database: cpuMs(dbPid) });
    const cpuPerOp = (mark, count) => ({
      service: (cpuMs(service.pid) - mark.service) / count,
      database: (cpuMs(dbPid) - mark.database) / count,
    });
    const cpuText = (c) => `CPU per operation: service ${ms(c.service)}, database ${ms(c.database)}`;

    // ------------------------------------------------------------ registrations (service write path)
    // Count the MemberRegistered events that reach Kafka, to time the outbox too.
    const { Kafka, logLevel } = require(path.join(ROOT, 'node_modules', 'kafkajs'));
    const kafka = new Kafka({
      clientId: 'netdirect-bench',
      brokers: kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `netdirect-bench-${randomUUID()}` });
    const registered = new Set();
    const seen = new Set();
    await consumer.connect();
    const { Topics } = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js'));
    const admin = kafka.admin();
    await admin.connect();
    const startOffsets = new Map(
      (await admin.fetchTopicOffsets(Topics.networkMembers.name)).map((p) => [p.partition, BigInt(p.high)]),
    );
    await admin.disconnect();
    await consumer.subscribe({ topic: Topics.networkMembers.name, fromBeginning: true });
    let joined;
    const hasJoined = new Promise((r) => (joined = r));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (BigInt(message.offset) < (startOffsets.get(partition) ?? 0n)) return;
        // An event may arrive before its registration's response: remember every key.
        seen.add(message.key?.toString());
      },
    });
    await hasJoined;
    const sponsors = [...codes.entries()];
    const opsBefore = await opcounters(client);
    const latencies = [];
    let failures = 0;
    let next = 0;
    const regStart = performance.now();
    const regCpu = cpuMark();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REGISTRATIONS) {
          const n = next++;
          const [, sponsorCode] = sponsors[randomInt(sponsors.length)];
          const body = JSON.stringify({
            kind: n % 3 === 0 ? 'operator' : 'consumer',
            referralCode: sponsorCode,
            market: 'DE',
            name: `New ${n}`,
            email: `new${n}@bench.example`,
          });
          const t0 = performance.now();
          const res = await fetch(`${base}/v1/members`, {
            method: 'POST',
            headers: { authorization: SIGNUP, 'content-type': 'application/json' },
            body,
          });
          const body201 = await res.json();
          latencies.push(performance.now() - t0);
          if (res.status !== 201) failures++;
          else registered.add(body201.id);
        }
      }),
    );
    const regSeconds = (performance.now() - regStart) / 1000;
    const regCpuPerOp = cpuPerOp(regCpu, REGISTRATIONS);
    const reg = summary(latencies);
    results.registrations = {
      count: REGISTRATIONS,
      concurrency: CONCURRENCY,
      perSecond: REGISTRATIONS / regSeconds,
      p50: reg.p50,
      p99: reg.p99,
      failures,
      cpuMsPerRegistration: regCpuPerOp,
    };
    log(
      `registrations: ${REGISTRATIONS} in ${regSeconds.toFixed(1)} s = ${(REGISTRATIONS / regSeconds).toFixed(0)}/s at concurrency ${CONCURRENCY} (latency p50 ${ms(reg.p50)}, p99 ${ms(reg.p99)}), ${failures} failed; ${cpuText(regCpuPerOp)} (the outbox relay's work included)`,
    );

    const drainStart = performance.now();
    const unpublished = () => [...registered].filter((id) => !seen.has(id)).length;
    while (unpublished() > 0) {
      if (performance.now() - drainStart > 600_000)
        throw new Error(`${unpublished()} events still unpublished after 10 min`);
      await new Promise((r) => setTimeout(r, 100));
    }
    results.outboxDrainSeconds = (performance.now() - drainStart) / 1000;
    await consumer.disconnect();
    log(
      `outbox: every MemberRegistered published ${results.outboxDrainSeconds.toFixed(1)} s after the last registration returned`,
    );

    // ------------------------------------------------------------ the store's own ceiling
    // The operations one registration made (the relay's claim and clear included), counted by the
    // database itself, then the rate the store alone sustains for the same mix at the same concurrency.
    const opsAfter = await opcounters(client);
    const perRegistration = {};
    for (const k of Object.keys(opsAfter)) perRegistration[k] = (opsAfter[k] - opsBefore[k]) / REGISTRATIONS;
    const opsPerRegistration = Object.values(perRegistration).reduce((x, y) => x + y, 0);
    const store = await storeAlone(db, perRegistration);
    const ceiling = store.perSecond / opsPerRegistration;
    results.store = { operationsPerRegistration: perRegistration, opsPerRegistration, ...store, registrationCeiling: ceiling };
    results.registrations.ofCeiling = results.registrations.perSecond / ceiling;
    log(
      `store operations per registration: ${opsPerRegistration.toFixed(2)} (${Object.entries(perRegistration)
        .filter(([, v]) => v > 0.005)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}); the store alone: ${store.perSecond.toFixed(0)} operations/s of that mix at concurrency ${CONCURRENCY} (p50 ${ms(store.p50)}, p99 ${ms(store.p99)}) → at most ${ceiling.toFixed(0)} registrations/s; measured ${results.registrations.perSecond.toFixed(0)}/s = ${(100 * results.registrations.ofCeiling).toFixed(0)} % of that ceiling (target ≥ 50 %)`,
    );

    fs.writeFileSync(path.join(ROOT, '.infra', 'bench-network.json'), JSON.stringify(results, null, 2));

    // ------------------------------------------------------------ upline reads
    const sample = () => randomInt(ids.length);
    const uplineIds = Array.from({ length: UPLINE_READS }, () => ids[sample()]);
    // HTTP reads first and alone, so the CPU per read is theirs; then the bare findOne of the same ids.
    const uplineHttp = [];
    const uplineCpu = cpuMark();
    for (const id of uplineIds) {
      const t0 = performance.now();
      const res = await fetch(`${base}/v1/members/${id}/upline`, { headers: { authorization: OPS } });
      await res.json();
      uplineHttp.push(performance.now() - t0);
    }
    const uplineCpuPerOp = cpuPerOp(uplineCpu, UPLINE_READS);
    const uplineDb = [];
    for (const id of uplineIds) {
      const t0 = performance.now();
      await db.collection('members').findOne({ _id: id });
      uplineDb.push(performance.now() - t0);
    }
    results.upline = { http: summary(uplineHttp), database: summary(uplineDb), cpuMsPerRead: uplineCpuPerOp };
    log(
      `upline read (HTTP): p50 ${ms(results.upline.http.p50)}, p99 ${ms(results.upline.http.p99)} over ${UPLINE_READS}; the findOne by _id beneath: p50 ${ms(results.upline.database.p50)}, p99 ${ms(results.upline.database.p99)}; ${cpuText(uplineCpuPerOp)} over HTTP`,
    );

    // The outbox sweep that ran every BENCH_SWEEP_MS during those reads, bare: it reads only pending documents.
    const sweepBare = [];
    for (let k = 0; k < 50; k++) {
      const t0 = performance.now();
      await db.collection('members').find(runtime.PENDING_OUTBOX, { projection: { _id: 1 } }).limit(500).toArray();
      sweepBare.push(performance.now() - t0);
    }
    results.sweep = { intervalMs: SWEEP_MS, bare: summary(sweepBare) };
    log(`the outbox sweep (every ${SWEEP_MS} ms during the reads above), bare: p50 ${ms(results.sweep.bare.p50)}, p99 ${ms(results.sweep.bare.p99)}`);

    // ------------------------------------------------------------ subtree stats
    const statsRuns = [];
    let stats;
    for (let k = 0; k < STATS_RUNS; k++) {
      const t0 = performance.now();
      stats = await getJsonSlow(`${base}/v1/members/${ids[tree.subtreeRoot]}/subtree/stats`, OPS);
      statsRuns.push(performance.now() - t0);
    }
    const scanStart = performance.now();
    const scanned = BARE
      ? (
          await db
            .collection('members')
            .find({ uplinePath: ids[tree.subtreeRoot] }, { projection: { _id: 0, kind: 1, depth: 1 } })
            .toArray()
        ).length
      : NaN;
    const countMs = BARE ? performance.now() - scanStart : NaN;
    results.subtreeStats = { runs: statsRuns, result: stats, bareCountMs: countMs };
    log(
      `subtree stats of ${stats.size?.toLocaleString('en')} members (operators ${stats.operators}, consumers ${stats.consumers}, depth ${stats.depth}): ${statsRuns.map(ms).join(', ')}; the bare find({uplinePath}) of the same ${scanned.toLocaleString('en')}: ${ms(countMs)}`,
    );

    // ------------------------------------------------------------ downline pages
    const downHttp = [];
    const downDb = [];
    for (let k = 0; k < DOWNLINE_READS; k++) {
      const i = k % 2 === 0 ? tree.subtreeRoot : randomInt(SPINE);
      let t0 = performance.now();
      await getJsonSlow(`${base}/v1/members/${ids[i]}/downline?level=1&limit=100`, OPS);
      downHttp.push(performance.now() - t0);
      if (!BARE) continue;
      t0 = performance.now();
      await db
        .collection('members')
        .find({ uplinePath: ids[i], depth: tree.depth[i] + 1 })
        .sort({ _id: 1 })
        .limit(101)
        .toArray();
      downDb.push(performance.now() - t0);
    }
    results.downline = { http: summary(downHttp), database: summary(downDb) };
    if (DOWNLINE_READS)
      log(
        `downline page (HTTP, level 1, 100 per page): p50 ${ms(results.downline.http.p50)}, p99 ${ms(results.downline.http.p99)} over ${DOWNLINE_READS}; the find beneath: p50 ${ms(results.downline.database.p50)}, p99 ${ms(results.downline.database.p99)}`,
      );

    // ------------------------------------------------------------ memory
    results.peakMemoryMiB = {
      service: vmHwmMiB(service.pid),
      database: infra.external ? NaN : vmHwmMiB(dbPid),
      benchScript: vmHwmMiB(process.pid),
    };
    log(
      `peak memory (VmHWM): service ${results.peakMemoryMiB.service.toFixed(0)} MiB, database ${results.peakMemoryMiB.database.toFixed(0)} MiB, this script ${results.peakMemoryMiB.benchScript.toFixed(0)} MiB`,
    );

    const file = path.join(ROOT, '.infra', 'bench-network.json');
    fs.writeFileSync(file, JSON.stringify(results, null, 2));
    log(`figures written to ${path.relative(ROOT, file)}; machine: ${results.machine}`);
  } finally {
    await stopService();
    if (process.env.BENCH_KEEP !== '1' && !REUSE) await db.dropDatabase().catch(() => undefined);
    await client.close();
    if (infra.started.length) await down(infra.started);
  }
}

/**
 * The store alone, driven with the driver at the registrations' concurrency, in
 * the proportions one registration makes: inserts of member-shaped documents,
 * finds and updates by _id, findOneAndUpdate by _id (the relay's claim) for the
 * other commands. On the members collection itself, so index and file sizes
 * are the same; the probe documents are deleted afterwards.
 */
async function storeAlone(db, mix) {
  const members = db.collection('members');
  const existing = await members.find({}, { projection: { _id: 1 } }).limit(5000).toArray();
  const inserted = [];
  const pickInserted = () => (inserted.length ? inserted[randomInt(inserted.length)] : existing[0]._id);
  const probePath = Array.from({ length: 20 }, () => randomUUID());
  const result = await storeMix({
    mix,
    operations: STORE_OPS,
    concurrency: CONCURRENCY,
    run: async (kind) => {
      if (kind === 'insert') {
        const _id = `probe-${randomUUID()}`;
        await members.insertOne({
          _id,
          kind: 'consumer',
          status: 'active',
          sponsorId: probePath[0],
          depth: probePath.length,
          uplinePath: probePath,
          market: 'DE',
          joinedAt: new Date(),
          owner: { partyId: randomUUID(), name: 'Probe' },
          fingerprints: {},
          history: [{ at: new Date(), action: 'registered', by: 'bench' }],
          outbox: [{ id: randomUUID(), type: 'MemberRegistered', value: 'x'.repeat(1200) }],
          outboxSeq: 1,
          outboxLeaseUntil: null,
        });
        inserted.push(_id);
      } else if (kind === 'query') {
        await members.findOne({ _id: existing[randomInt(existing.length)]._id });
      } else if (kind === 'update') {
        await members.updateOne({ _id: pickInserted(), outboxSeq: 1 }, { $set: { outbox: [], outboxLeaseUntil: null } });
      } else {
        await members.findOneAndUpdate(
          { _id: pickInserted() },
          { $set: { outboxLeaseUntil: new Date() } },
          { projection: { outbox: 1, outboxSeq: 1 } },
        );
      }
    },
  });
  for (let i = 0; i < inserted.length; i += 500) await members.deleteMany({ _id: { $in: inserted.slice(i, i + 500) } });
  return result;
}

/**
 * The network a kept run loaded, read back in insertion order (a find without
 * filter or sort reads only the first rows): the spine, then the measured
 * subtree's root at position 100 and its members.
 */
async function reuseNetwork(db) {
  log(`reusing the kept network in ${DB} (first ${REUSE_SAMPLE.toLocaleString('en')} members as the sample)`);
  const head = await db
    .collection('members')
    .find({}, { projection: { _id: 1, depth: 1, sponsorId: 1, referralCode: 1 } })
    .limit(REUSE_SAMPLE)
    .toArray();
  const root = head[SPINE];
  if (!root || root.depth !== 11 || root.sponsorId !== head[10]._id)
    throw new Error('the kept database is not a bench network');
  const codes = new Map();
  head.forEach((d, i) => d.referralCode && codes.set(i, d.referralCode));
  return {
    tree: { subtreeRoot: SPINE, depth: Uint8Array.from(head.map((d) => d.depth)) },
    ids: head.map((d) => d._id),
    codes,
  };
}

// Exit explicitly: a client's sockets may keep the event loop alive after cleanup.
main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench] failed: ${e.stack ?? e}`);
    process.exit(1);
  },
);
