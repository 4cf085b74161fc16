#!/usr/bin/env node
/**
 * Store benchmark (`npm run bench:store`): what one operation on member-shaped
 * documents costs the MongoDB-wire database, measured with the driver alone
 * (no service), so the network benchmark's figures can be read against it.
 *
 * In a scratch database it creates a collection with the network service's
 * own member indexes (read from its compiled schema) and times, one at a
 * time: insertOne, insertMany (batches of 100), findOne by _id, updateOne by
 * _id, and a find on the indexed upline path, whose cost per stored document
 * shows whether the database used the index or read every document. For the
 * embedded database it also reads the CPU time the database process spent per
 * operation from /proc, which bounds the operations per second that two cores
 * can give whatever the caller does.
 *
 * Uses MONGO_URL when set, else starts the embedded infrastructure. Knobs:
 * STORE_DOCS (5000 documents before the reads), STORE_PATH (50 ids in each
 * document's upline path), STORE_OPS (1000 operations per figure).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { down, localUrls, paths, ROOT, up } from './infra.mjs';
import { cpuMs, machine, ms, summary } from './lib/bench.mjs';
import { build, ensureNodePackages } from './lib/setup.mjs';

const require = createRequire(import.meta.url);
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const DOCS = num('STORE_DOCS', 5000);
const PATH = num('STORE_PATH', 50);
const OPS = num('STORE_OPS', 1000);
const DB = 'netdirect_bench_store';
const log = (msg) => console.log(`[bench:store] ${msg}`);

function memberDoc(uplinePath) {
  const at = new Date();
  const _id = randomUUID();
  return {
    _id,
    kind: 'consumer',
    status: 'active',
    sponsorId: uplinePath[0],
    depth: uplinePath.length,
    uplinePath,
    market: 'DE',
    joinedAt: at,
    owner: { partyId: randomUUID(), name: 'A Member' },
    fingerprints: { email: 'f'.repeat(64) },
    history: [{ at, action: 'registered', by: 'bench' }],
    // As written by a registration: the pending MemberRegistered carries the path again.
    outbox: [{ id: randomUUID(), type: 'MemberRegistered', data: { memberId: _id, uplinePath } }],
    outboxSeq: 1,
    outboxPendingId: randomUUID(),
    outboxLeaseUntil: null,
  };
}

async function main() {
  ensureNodePackages();
  build();
  const { MongoClient } = require(path.join(ROOT, 'node_modules', 'mongodb'));
  const { MemberSchema } = require(path.join(ROOT, 'services', 'network', 'dist', 'members', 'member.schema.js'));
  const infra = process.env.MONGO_URL ? { started: [], external: true } : await up();
  const client = await MongoClient.connect(process.env.MONGO_URL ?? localUrls.mongoUrl, { maxPoolSize: 4 });
  const dbPid = infra.external ? NaN : Number(fs.readFileSync(path.join(paths.run, 'mongo.pid'), 'utf8'));
  const results = { machine: machine(), documents: DOCS, pathLength: PATH, operations: {} };
  try {
    const db = client.db(DB);
    await db.dropDatabase();
    const members = db.collection('members');
    for (const [keys, options] of MemberSchema.indexes()) await members.createIndex(keys, options);
    const uplinePath = Array.from({ length: PATH }, () => randomUUID());
    const bytes = JSON.stringify(memberDoc(uplinePath)).length;
    log(`${machine()}; documents of about ${bytes} bytes as JSON, upline paths of ${PATH} ids`);

    const ids = [];
    /** Time `count` calls of `op` one after another; `per` operations happen in each call. */
    const measure = async (name, count, op, per = 1) => {
      const samples = [];
      const cpu0 = cpuMs(dbPid);
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        const t = performance.now();
        await op(i);
        samples.push((performance.now() - t) / per);
      }
      const wall = performance.now() - t0;
      const s = summary(samples);
      const figure = {
        perSecond: (count * per * 1000) / wall,
        p50: s.p50,
        p99: s.p99,
        databaseCpuMsPerOp: (cpuMs(dbPid) - cpu0) / (count * per),
      };
      results.operations[name] = figure;
      log(
        `${name.padEnd(32)} ${figure.perSecond.toFixed(figure.perSecond < 10 ? 2 : 0).padStart(7)}/s  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}` +
          (Number.isNaN(figure.databaseCpuMsPerOp) ? '' : `  database CPU ${ms(figure.databaseCpuMsPerOp)} per operation`),
      );
      return figure;
    };

    await measure('insertOne', OPS, async () => {
      const doc = memberDoc(uplinePath);
      ids.push(doc._id);
      await members.insertOne(doc);
    });
    const batches = Math.max(1, Math.ceil((DOCS - ids.length) / 100));
    await measure(
      'insertMany (per document)',
      batches,
      async () => {
        const docs = Array.from({ length: 100 }, () => memberDoc(uplinePath));
        docs.forEach((d) => ids.push(d._id));
        await members.insertMany(docs, { ordered: false });
      },
      100,
    );
    const pick = (i) => ids[(i * 7919) % ids.length];
    await measure('findOne by _id', OPS, (i) => members.findOne({ _id: pick(i) }));
    await measure('updateOne by _id (outbox clear)', OPS, (i) =>
      members.updateOne({ _id: pick(i) }, { $set: { outbox: [] }, $unset: { outboxPendingId: 1 } }),
    );
    // Nothing matches, so an indexed read touches no document and a scan reads all of them.
    const scans = Math.max(3, Math.min(20, Math.round(OPS / 100)));
    const scan = await measure('find by uplinePath (none)', scans, () =>
      members.find({ uplinePath: randomUUID() }).limit(1).toArray(),
    );
    results.operations['find by uplinePath (none)'].msPerStoredDocument = scan.p50 / ids.length;
    log(`  that find costs ${ms(scan.p50 / ids.length)} per stored document (${ids.length} stored)`);

    const file = path.join(ROOT, '.infra', 'bench-store.json');
    fs.writeFileSync(file, JSON.stringify(results, null, 2));
    log(`figures written to ${path.relative(ROOT, file)}`);
    await db.dropDatabase();
  } finally {
    await client.close();
    if (infra.started.length) await down(infra.started);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench:store] failed: ${e.stack ?? e}`);
    process.exit(1);
  },
);
