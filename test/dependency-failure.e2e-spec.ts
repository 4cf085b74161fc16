/**
 * Readiness when a dependency stops, and refusal to start on bad
 * configuration. This file starts its own throwaway Kafka broker and FerretDB
 * (from the binaries `npm test` installed under .infra/) and kills them, so
 * the shared infrastructure other tests use is never touched.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
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

async function startFerretDB(dir: string, port: number, debugPort: number): Promise<ChildProcess> {
  fs.mkdirSync(path.join(dir, 'ferret'), { recursive: true });
  const proc = spawn(
    path.join(INFRA, 'ferretdb', 'bin', 'ferretdb'),
    [
      '--handler=sqlite',
      `--sqlite-url=file:${path.join(dir, 'ferret')}/?_txlock=immediate`,
      `--listen-addr=127.0.0.1:${port}`,
      `--debug-addr=127.0.0.1:${debugPort}`,
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--log-level=error',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(`throwaway FerretDB on ${port}`, () => portOpen(port), { timeoutMs: 20000 });
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
  let ferret: ChildProcess;
  let svc: TestService;

  beforeAll(async () => {
    const [kPort, cPort, mPort, dPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    [kafka, ferret] = await Promise.all([startKafka(dir, kPort, cPort), startFerretDB(dir, mPort, dPort)]);
    svc = await startTestService(AppModule, {
      KAFKA_BROKERS: `127.0.0.1:${kPort}`,
      MONGO_URL: `mongodb://127.0.0.1:${mPort}`,
    });
  }, 120000);

  afterAll(async () => {
    await Promise.all([kafka && stop(kafka), ferret && stop(ferret)]);
    await Promise.race([svc?.app.close().catch(() => undefined), new Promise((r) => setTimeout(r, 30000))]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60000);

  it('answers 200 while both run, then 503 naming the database, then also Kafka', async () => {
    await request(svc.url).get('/health/ready').expect(200);

    await stop(ferret);
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
