/**
 * The store contract: what NetDirect's code relies on from its database, run
 * against whatever MONGO_URL points at (the embedded mongo-java-server by
 * default; a MongoDB replica set in production). Each test's name is the
 * property: a database that fails one is not fit to run the services.
 *
 *   MONGO_URL=mongodb://… npx jest test/store-contract
 */
import fs from 'node:fs';
import path from 'node:path';
import { Collection, Db, MongoClient } from 'mongodb';
import { isDuplicateKeyError, PENDING_OUTBOX } from '@netdirect/runtime';
import { TEST_MONGO_URL, uniqueId } from '@netdirect/runtime/testing';

type Doc = { _id: string; [field: string]: unknown };

describe(`store contract (${TEST_MONGO_URL.replace(/\/\/[^@]*@/, '//')})`, () => {
  let client: MongoClient;
  let db: Db;
  let n = 0;
  const fresh = (): Collection<Doc> => db.collection<Doc>(`c${n++}`);

  beforeAll(async () => {
    client = await MongoClient.connect(TEST_MONGO_URL, { maxPoolSize: 64 });
    db = client.db(`test_${uniqueId('contract')}`);
  });

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('applies 200 concurrent $inc of one document atomically (200, none lost)', async () => {
    const c = fresh();
    await c.insertOne({ _id: 'x', n: 0 });
    await Promise.all(Array.from({ length: 200 }, () => c.updateOne({ _id: 'x' }, { $inc: { n: 1 } })));
    expect((await c.findOne({ _id: 'x' }))?.n).toBe(200);
  });

  it('lets exactly 10 of 50 concurrent conditional takes of 10 units succeed (no overselling)', async () => {
    const c = fresh();
    await c.insertOne({ _id: 'sku', available: 10 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        c.updateOne({ _id: 'sku', available: { $gte: 1 } }, { $inc: { available: -1 } }),
      ),
    );
    expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(10);
    expect((await c.findOne({ _id: 'sku' }))?.available).toBe(0);
  });

  it('answers a compare-and-set on _id plus a version only while the version matches', async () => {
    const c = fresh();
    await c.insertOne({ _id: 'agg', version: 1, state: 'a' });
    const racers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        c.updateOne({ _id: 'agg', version: 1 }, { $set: { state: `b${i}` }, $inc: { version: 1 } }),
      ),
    );
    expect(racers.filter((r) => r.matchedCount === 1)).toHaveLength(1);
    expect((await c.findOne({ _id: 'agg' }))?.version).toBe(2);
  });

  it('reports a duplicate key as code 11000, on insert and on update', async () => {
    const c = fresh();
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertMany([
      { _id: 'a', code: 'A' },
      { _id: 'b', code: 'B' },
    ]);
    const onInsert = await c.insertOne({ _id: 'a', code: 'Z' }).catch((e: unknown) => e);
    expect(isDuplicateKeyError(onInsert)).toBe(true);
    expect((onInsert as { code: number }).code).toBe(11000);
    const onUpdate = await c.updateOne({ _id: 'b' }, { $set: { code: 'A' } }).catch((e: unknown) => e);
    expect((onUpdate as { code: number }).code).toBe(11000);
    expect((await c.findOne({ _id: 'b' }))?.code).toBe('B');
  });

  it('lets a unique index refuse all but one of 50 concurrent inserts of one key', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => c.insertOne({ _id: `m${i}`, email: 'same@example.com' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(49);
    expect(refused.every((r) => isDuplicateKeyError(r.reason))).toBe(true);
    expect(await c.countDocuments({ email: 'same@example.com' })).toBe(1);
  });

  it('lets a sparse unique index hold any number of documents without the field', async () => {
    const c = fresh();
    await c.createIndex({ referralCode: 1 }, { unique: true, sparse: true });
    await c.insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: `c${i}` })));
    await c.insertOne({ _id: 'op', referralCode: 'ABCD2345' });
    const again = await c.insertOne({ _id: 'op2', referralCode: 'ABCD2345' }).catch((e: unknown) => e);
    expect(isDuplicateKeyError(again)).toBe(true);
  });

  it('returns the new document, projected, from findOneAndUpdate (the relay claim)', async () => {
    const c = fresh();
    const now = new Date();
    await c.insertOne({ _id: 'doc', outbox: [{ id: 'e1' }], outboxSeq: 1, outboxPendingId: 'p1', outboxLeaseUntil: null, big: 'x'.repeat(100) });
    const claim = () =>
      c.findOneAndUpdate(
        { _id: 'doc', outboxPendingId: { $exists: true }, $or: [{ outboxLeaseUntil: null }, { outboxLeaseUntil: { $lte: now } }] },
        { $set: { outboxLeaseUntil: new Date(now.getTime() + 30000) } },
        { returnDocument: 'after', projection: { outbox: 1, outboxSeq: 1 } },
      );
    const first = await claim();
    expect(first).toEqual({ _id: 'doc', outbox: [{ id: 'e1' }], outboxSeq: 1 });
    // The lease is taken: a second claim finds nothing.
    expect(await claim()).toBeNull();
  });

  it('removes exactly the matching array elements with a conditional $pull', async () => {
    const c = fresh();
    await c.insertOne({ _id: 'doc', outbox: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }] });
    await c.updateOne({ _id: 'doc' }, { $pull: { outbox: { id: { $in: ['e1', 'e3'] } } } });
    expect((await c.findOne({ _id: 'doc' }))?.outbox).toEqual([{ id: 'e2' }]);
  });

  it('finds pending outboxes by a prefix match on the sparse unique marker, and only those', async () => {
    const c = fresh();
    await c.createIndex({ outboxPendingId: 1 }, { unique: true, sparse: true });
    await c.insertMany([
      { _id: 'a', outboxPendingId: 'p-a' },
      { _id: 'b' },
      { _id: 'c', outboxPendingId: 'p-c' },
      { _id: 'd', outboxPendingId: null },
    ]);
    const pending = await c.find(PENDING_OUTBOX as never, { projection: { _id: 1 } }).toArray();
    expect(pending.map((d) => d._id).sort()).toEqual(['a', 'c']);
  });

  it('keeps partial and TTL index options out of the code (the embedded store accepts but ignores them)', async () => {
    // What the store does with them, recorded for the reader of the test output.
    const c = fresh();
    await c.createIndex({ key: 1 }, { unique: true, partialFilterExpression: { live: true } });
    await c.insertOne({ _id: 'one', key: 'k', live: false });
    // Outside the partial filter, a second document with the same key is allowed on MongoDB.
    const partialHonoured = await c
      .insertOne({ _id: 'two', key: 'k', live: false })
      .then(() => true)
      .catch(() => false);
    const ttl = fresh();
    const ttlAccepted = await ttl
      .createIndex({ at: 1 }, { expireAfterSeconds: 1 })
      .then(() => true)
      .catch(() => false);
    console.info(
      `store contract: partial unique index ${partialHonoured ? 'honoured' : 'accepted but not honoured (enforced on every document)'}; ` +
        `TTL index ${ttlAccepted ? 'accepted (the embedded store never expires documents)' : 'refused'}`,
    );
    // So no schema may depend on them: expiry is a durable timer, uniqueness a sparse index.
    const offenders = sourceFiles(['libs', 'services']).filter((file) =>
      /partialFilterExpression|expireAfterSeconds|\bexpires\s*:/.test(fs.readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

function sourceFiles(roots: string[]): string[] {
  const root = path.resolve(__dirname, '..');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', 'test'].includes(entry.name)) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) out.push(p);
    }
  };
  for (const r of roots) walk(path.join(root, r));
  return out;
}
