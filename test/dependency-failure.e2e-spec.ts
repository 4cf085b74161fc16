/**
 * Readiness when a dependency stops, and refusal to start on bad
 * configuration, and the embedded database keeping what it acknowledged when
 * it is killed. This file starts its own throwaway Kafka broker and database
 * (from the jars `npm test` installed under .infra/) and kills them, so the
 * shared infrastructure other tests use is never touched.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { startTestService, TestService, waitFor } from '@netdirect/runtime/testing';
import { AppModule } from '../services/network/src/app.module';

const ROOT = path.resolve(__dirname, '..');
const INFRA = path.join(ROOT, '.infra');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startKafka(dir: string, port: number, controllerPort: number): Promise<ChildProcess> {
  const config = path.join(dir, 'server.properties');
  fs.writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${path.join(dir, 'data')}`,
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
    ].join('\n'),
  );
  const cp = `${path.join(INFRA, 'kafka', 'libs')}/*`;
  const log4j = `-Dlog4j.configuration=file:${path.join(ROOT, 'infra', 'kafka', 'log4j.properties')}`;
  const format = spawnSync(
    'java',
    [log4j, '-cp', cp, 'kafka.tools.StorageTool', 'format', '-t', 'MkU3OEVBNTcwNTJENDM2Qg', '-c', config],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) throw new Error(`format failed: ${format.stderr}`);
  const proc = spawn('java', ['-Xmx384m', log4j, '-cp', cp, 'kafka.Kafka', config], { stdio: 'ignore' });
  await waitFor(`throwaway Kafka on ${port}`, () => portOpen(port), { timeoutMs: 60000, intervalMs: 250 });
  return proc;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** The embedded database exactly as `npm run infra` starts it, on a store file of its own. */
async function startEmbeddedMongo(file: string, port: number): Promise<ChildProcess> {
  const cp = [path.join(INFRA, 'mongo', 'classes'), `${path.join(INFRA, 'mongo', 'libs')}/*`].join(path.delimiter);
  const proc = spawn(
    'java',
    ['-Xmx512m', '-Dorg.slf4j.simpleLogger.defaultLogLevel=error', '-cp', cp, 'io.netdirect.infra.mongo.EmbeddedMongo', file, '127.0.0.1', String(port), '64'],
    { stdio: 'ignore' },
  );
  await waitFor(`throwaway database on ${port}`, () => portOpen(port), { timeoutMs: 30000, intervalMs: 200 });
  return proc;
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    // Killed by a signal, a process has signalCode set and exitCode still null.
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

describe('readiness when a dependency stops', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netdirect-failure-'));
  let kafka: ChildProcess;
  let db: ChildProcess;
  let svc: TestService;

  beforeAll(async () => {
    const [kPort, cPort, mPort] = [await freePort(), await freePort(), await freePort()];
    [kafka, db] = await Promise.all([startKafka(dir, kPort, cPort), startEmbeddedMongo(path.join(dir, 'store.mv.db'), mPort)]);
    svc = await startTestService(AppModule, {
      KAFKA_BROKERS: `127.0.0.1:${kPort}`,
      MONGO_URL: `mongodb://127.0.0.1:${mPort}`,
    });
  }, 120000);

  afterAll(async () => {
    await Promise.all([kafka && stop(kafka), db && stop(db)]);
    await Promise.race([svc?.app.close().catch(() => undefined), new Promise((r) => setTimeout(r, 30000))]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60000);

  it('answers 200 while both run, then 503 naming the database, then also Kafka', async () => {
    await request(svc.url).get('/health/ready').expect(200);

    await stop(db);
    const noDb = await waitFor('503 without the database', async () => {
      const res = await request(svc.url).get('/health/ready');
      return res.status === 503 && res;
    });
    expect(noDb.body.error.database.status).toBe('down');
    expect(noDb.body.details.kafka.status).toBe('up');

    await stop(kafka);
    const neither = await waitFor('503 without Kafka', async () => {
      const res = await request(svc.url).get('/health/ready');
      return res.status === 503 && res.body.error?.kafka && res;
    });
    expect(neither.body.error.kafka.status).toBe('down');
    expect(neither.body.error.kafka.message).toBeTruthy();
    // Liveness does not depend on either.
    await request(svc.url).get('/health/live').expect(200);
  });
});

describe('the embedded database killed with SIGKILL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netdirect-durability-'));
  const file = path.join(dir, 'store.mv.db');
  let db: ChildProcess | undefined;
  afterAll(async () => {
    if (db) await stop(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every write it acknowledged', async () => {
    const port = await freePort();
    db = await startEmbeddedMongo(file, port);
    let client = await MongoClient.connect(`mongodb://127.0.0.1:${port}`);
    const docs = Array.from({ length: 2000 }, (_, i) => ({ _id: `d${i}`, n: i }));
    // One acknowledged write at a time, the way services write, then kill at once.
    for (const doc of docs) await client.db('durability').collection<{ _id: string; n: number }>('docs').insertOne(doc);
    await client.db('durability').collection<{ _id: string; n: number }>('docs').updateOne({ _id: 'd0' }, { $set: { n: -1 } });
    db.kill('SIGKILL');
    await stop(db);
    await client.close(true);

    db = await startEmbeddedMongo(file, port);
    client = await MongoClient.connect(`mongodb://127.0.0.1:${port}`);
    const docsAfter = client.db('durability').collection<{ _id: string; n: number }>('docs');
    expect(await docsAfter.countDocuments()).toBe(2000);
    expect((await docsAfter.findOne({ _id: 'd0' }))?.n).toBe(-1);
    await client.close();
  }, 120000);
});

describe('refusing to start on bad configuration', () => {
  const main = path.join(ROOT, 'services', 'network', 'dist', 'main.js');

  it.each([
    ['KAFKA_BROKERS', 'nonsense', /KAFKA_BROKERS="nonsense": KAFKA_BROKERS must be a comma-separated list of host:port/],
    ['MONGO_URL', 'http://db', /MONGO_URL="http:\/\/db": MONGO_URL must be a mongodb:\/\/ or mongodb\+srv:\/\/ URL/],
    ['HTTP_PORT', 'eighty', /HTTP_PORT/],
  ])('exits non-zero with a message naming %s', (name, value, message) => {
    const res = spawnSync(process.execPath, [main], { env: { ...process.env, [name]: value }, encoding: 'utf8', timeout: 30000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/at .*\.js:\d+/); // a message, not a stack trace
  });
});
