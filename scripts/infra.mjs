#!/usr/bin/env node
/**
 * The embedded infrastructure: a single-node Apache Kafka (KRaft) run from the
 * release jars that Maven fetches, and FerretDB (MongoDB wire protocol) on
 * SQLite, built from its Go module. Everything lives under .infra/ (git-ignored)
 * and listens on loopback only.
 *
 *   node scripts/infra.mjs install   fetch Kafka jars and build FerretDB if missing
 *   node scripts/infra.mjs up        install if needed, start both, wait for health, create topics
 *   node scripts/infra.mjs down      stop both (SIGTERM, then SIGKILL after a grace period)
 *   node scripts/infra.mjs status    what runs, on which port, healthy or not
 *   node scripts/infra.mjs run       up, then stay in the foreground until Ctrl-C, then down
 *   node scripts/infra.mjs topics    create the contracts' topics on KAFKA_BROKERS (any cluster)
 *
 * With KAFKA_BROKERS and MONGO_URL both set, nothing is installed or started:
 * that is how ops point the project at real infrastructure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INFRA = path.join(ROOT, '.infra');

export const KAFKA_VERSION = '3.9.1';
export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

const env = process.env;
export const ports = {
  kafka: Number(env.INFRA_KAFKA_PORT ?? 9092),
  kafkaController: Number(env.INFRA_KAFKA_CONTROLLER_PORT ?? 9093),
  mongo: Number(env.INFRA_MONGO_PORT ?? 27017),
  ferretDebug: Number(env.INFRA_FERRETDB_DEBUG_PORT ?? 8089),
};

export const paths = {
  infra: INFRA,
  logs: path.join(INFRA, 'logs'),
  run: path.join(INFRA, 'run'),
  kafkaLibs: path.join(INFRA, 'kafka', 'libs'),
  kafkaData: path.join(INFRA, 'kafka', 'data'),
  kafkaConfig: path.join(INFRA, 'kafka', 'server.properties'),
  ferretBin: path.join(INFRA, 'ferretdb', 'bin', 'ferretdb'),
  ferretSrc: path.join(INFRA, 'ferretdb', 'src'),
  ferretData: path.join(INFRA, 'ferretdb', 'data'),
};

/** The addresses the services use when nothing external is configured. */
export const localUrls = {
  kafkaBrokers: `127.0.0.1:${ports.kafka}`,
  mongoUrl: `mongodb://127.0.0.1:${ports.mongo}`,
};

export function usesExternalInfra() {
  return Boolean(env.KAFKA_BROKERS && env.MONGO_URL);
}

const log = (msg) => console.log(`[infra] ${msg}`);

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.error) throw new Error(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
  return res;
}

function requireTool(cmd, args, hint) {
  const res = spawnSync(cmd, args, { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new Error(`${cmd} is required but was not found (${hint})`);
  }
}

// ---------------------------------------------------------------- install

function kafkaInstalled() {
  return fs.existsSync(path.join(paths.kafkaLibs, `kafka_2.13-${KAFKA_VERSION}.jar`));
}

/**
 * Source changes applied before building FerretDB, each a one-line fix of an
 * upstream defect we measured.
 *
 * sqlite-id-index: the SQLite backend indexes `_id` as `_ferretdb_sjson->"_id"`
 * but looks documents up with `_ferretdb_sjson->'$._id'`. The two mean the
 * same, yet SQLite matches index expressions by their text, so every find,
 * update and delete by `_id` read the whole table (EXPLAIN QUERY PLAN: `SCAN`;
 * an update by `_id` of a 20,000-document collection took 14 s under load).
 * Spelling the lookup like the index makes it `SEARCH … USING INDEX`.
 */
const FERRET_PATCHES = [
  {
    id: 'sqlite-id-index',
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: 'IDColumn = DefaultColumn + `->"_id"`',
  },
];
const ferretStamp = () => `${FERRETDB_VERSION}+${FERRET_PATCHES.map((p) => p.id).join('+')}`;

function ferretInstalled() {
  if (!fs.existsSync(paths.ferretBin)) return false;
  const stamp = `${paths.ferretBin}.build`;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8').trim() !== ferretStamp()) return false;
  const res = spawnSync(paths.ferretBin, ['--version'], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.includes(`version: ${FERRETDB_VERSION}`);
}

function patchFerretSource() {
  for (const patch of FERRET_PATCHES) {
    const file = path.join(paths.ferretSrc, patch.file);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(patch.from)) throw new Error(`FerretDB patch ${patch.id}: ${patch.file} no longer contains ${patch.from}`);
    fs.writeFileSync(file, text.replace(patch.from, patch.to));
    log(`applied FerretDB patch ${patch.id}`);
  }
}

function installKafka() {
  if (kafkaInstalled()) return;
  requireTool('java', ['-version'], 'install Java 17 or newer');
  requireTool('mvn', ['-v'], 'install Apache Maven');
  log(`fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central`);
  fs.mkdirSync(paths.kafkaLibs, { recursive: true });
  run('mvn', [
    '-q',
    '-B',
    '-f',
    path.join(ROOT, 'infra', 'kafka', 'pom.xml'),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${paths.kafkaLibs}`,
    '-DincludeScope=runtime',
  ]);
}

/**
 * FerretDB is built from the checksum-verified module source. `go install
 * …@version` is not used because it asks the proxy for the module's version
 * list (for deprecation notices), which the proxy here refuses; and a module
 * build outside FerretDB's own repository needs build/version/version.txt,
 * which its release process generates.
 */
function installFerretDB() {
  if (ferretInstalled()) return;
  requireTool('go', ['version'], 'install Go 1.22 or newer');
  log(`building FerretDB ${FERRETDB_VERSION} (a few minutes the first time)`);
  const dl = spawnSync('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    encoding: 'utf8',
    cwd: INFRA,
  });
  if (dl.status !== 0) throw new Error(`go mod download failed: ${dl.stderr || dl.stdout}`);
  const { Dir, Error: err } = JSON.parse(dl.stdout);
  if (err || !Dir) throw new Error(`go mod download failed: ${err}`);
  fs.rmSync(paths.ferretSrc, { recursive: true, force: true });
  fs.cpSync(Dir, paths.ferretSrc, { recursive: true });
  run('chmod', ['-R', 'u+w', paths.ferretSrc]);
  fs.writeFileSync(path.join(paths.ferretSrc, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  patchFerretSource();
  fs.mkdirSync(path.dirname(paths.ferretBin), { recursive: true });
  run('go', ['build', '-trimpath', '-o', paths.ferretBin, './cmd/ferretdb'], {
    cwd: paths.ferretSrc,
    env: { ...env, CGO_ENABLED: '0' },
  });
  fs.rmSync(paths.ferretSrc, { recursive: true, force: true });
  fs.writeFileSync(`${paths.ferretBin}.build`, `${ferretStamp()}\n`);
}

export function install() {
  if (usesExternalInfra()) {
    log('KAFKA_BROKERS and MONGO_URL are set: nothing to install');
    return;
  }
  fs.mkdirSync(INFRA, { recursive: true });
  installKafka();
  installFerretDB();
}

// ---------------------------------------------------------------- processes

const pidFile = (name) => path.join(paths.run, `${name}.pid`);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningPid(name) {
  try {
    const pid = Number(fs.readFileSync(pidFile(name), 'utf8'));
    return pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function startDetached(name, cmd, args) {
  fs.mkdirSync(paths.logs, { recursive: true });
  fs.mkdirSync(paths.run, { recursive: true });
  const logPath = path.join(paths.logs, `${name}.log`);
  const out = fs.openSync(logPath, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], cwd: INFRA });
  child.unref();
  fs.closeSync(out);
  fs.writeFileSync(pidFile(name), String(child.pid));
  log(`${name} started (pid ${child.pid}), log: ${path.relative(ROOT, logPath)}`);
  return child.pid;
}

function writeKafkaConfig() {
  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${ports.kafkaController}`,
    listeners: `PLAINTEXT://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${ports.kafka}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': paths.kafkaData,
    'num.partitions': 1,
    // Topics come from the contracts; a typo must fail, not create a topic.
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 12,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'min.insync.replicas': 1,
    'group.initial.rebalance.delay.ms': 0,
    'num.network.threads': 2,
    'num.io.threads': 4,
    'log.segment.bytes': 64 * 1024 * 1024,
    'log.retention.check.interval.ms': 60000,
  };
  fs.mkdirSync(path.dirname(paths.kafkaConfig), { recursive: true });
  fs.writeFileSync(
    paths.kafkaConfig,
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
  );
}

function kafkaJava(mainClass, args, extraJvm = []) {
  return [
    ...extraJvm,
    `-Dlog4j.configuration=file:${path.join(ROOT, 'infra', 'kafka', 'log4j.properties')}`,
    '-cp',
    `${paths.kafkaLibs}/*`,
    mainClass,
    ...args,
  ];
}

function formatKafkaStorage() {
  if (fs.existsSync(path.join(paths.kafkaData, 'meta.properties'))) return;
  fs.mkdirSync(paths.kafkaData, { recursive: true });
  const uuid = spawnSync('java', kafkaJava('kafka.tools.StorageTool', ['random-uuid']), { encoding: 'utf8' });
  const clusterId = uuid.stdout.trim().split('\n').pop();
  if (uuid.status !== 0 || !clusterId) throw new Error(`Kafka storage tool failed: ${uuid.stderr}`);
  const res = spawnSync(
    'java',
    kafkaJava('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', paths.kafkaConfig, '--ignore-formatted']),
    { encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`Kafka storage format failed: ${res.stderr || res.stdout}`);
  log(`formatted Kafka storage (cluster ${clusterId})`);
}

async function startKafka() {
  if (runningPid('kafka')) return false;
  if (await portOpen(ports.kafka)) {
    throw new Error(`port ${ports.kafka} is taken by another process; set INFRA_KAFKA_PORT or stop it`);
  }
  writeKafkaConfig();
  formatKafkaStorage();
  startDetached(
    'kafka',
    'java',
    kafkaJava(
      'kafka.Kafka',
      [paths.kafkaConfig],
      ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true'],
    ),
  );
  return true;
}

async function startFerretDB() {
  if (runningPid('ferretdb')) return false;
  if (await portOpen(ports.mongo)) {
    throw new Error(`port ${ports.mongo} is taken by another process; set INFRA_MONGO_PORT or stop it`);
  }
  fs.mkdirSync(paths.ferretData, { recursive: true });
  startDetached('ferretdb', paths.ferretBin, [
    '--handler=sqlite',
    // _txlock=immediate: FerretDB updates read and then write in one transaction; deferred
    // transactions of concurrent writers fail at once with SQLITE_BUSY instead of waiting.
    // synchronous(normal): in WAL mode a commit no longer waits for an fsync (the WAL is
    // synced at checkpoints). Committed writes survive a crash of FerretDB or of a
    // service, not a power cut of the machine; with FULL every commit cost an fsync and
    // capped all writers together at a few hundred commits a second here.
    `--sqlite-url=file:${paths.ferretData}/?_txlock=immediate&_pragma=synchronous(normal)`,
    `--listen-addr=127.0.0.1:${ports.mongo}`,
    `--debug-addr=127.0.0.1:${ports.ferretDebug}`,
    `--state-dir=${path.join(INFRA, 'ferretdb')}`,
    '--telemetry=disable',
    '--log-level=warn',
    '--log-format=json',
  ]);
  return true;
}

// ---------------------------------------------------------------- health

async function kafkaHealthy(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({
    clientId: 'netdirect-infra',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function mongoHealthy(url) {
  const { MongoClient } = require('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await client.connect();
    const res = await client.db('admin').command({ ping: 1 });
    return res.ok === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function waitFor(name, check, pidName, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (pidName && !runningPid(pidName)) {
      throw new Error(`${name} exited during start; see .infra/logs/${pidName}.log`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} did not become healthy within ${timeoutMs / 1000}s; see .infra/logs/`);
}

// ---------------------------------------------------------------- topics

function loadContracts() {
  const dist = path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js');
  if (!fs.existsSync(dist)) {
    run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'libs/contracts/tsconfig.lib.json'], {
      cwd: ROOT,
    });
  }
  return require(dist);
}

/** Create every topic the contracts define that does not exist yet. */
export async function ensureTopics(brokers = env.KAFKA_BROKERS ?? localUrls.kafkaBrokers) {
  const { allStaticTopics } = loadContracts();
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ clientId: 'netdirect-infra', brokers: brokers.split(','), logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const replication = Number(env.KAFKA_REPLICATION_FACTOR ?? 1);
    const missing = allStaticTopics().filter((t) => !existing.has(t.name));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: replication,
          configEntries:
            t.retention.kind === 'compact'
              ? [{ name: 'cleanup.policy', value: 'compact' }]
              : [{ name: 'retention.ms', value: String(t.retention.ms) }],
        })),
      });
      log(`created ${missing.length} topics`);
    }
  } finally {
    await admin.disconnect();
  }
}

// ---------------------------------------------------------------- commands

/**
 * Start what is not running, wait for health, create topics.
 * Returns which components this call started, so a caller can stop only those.
 */
export async function up() {
  if (usesExternalInfra()) {
    log(`using external infrastructure: KAFKA_BROKERS=${env.KAFKA_BROKERS} MONGO_URL=<set>`);
    return { started: [], external: true };
  }
  install();
  const started = [];
  try {
    if (await startKafka()) started.push('kafka');
    else log(`kafka already running (pid ${runningPid('kafka')})`);
    if (await startFerretDB()) started.push('ferretdb');
    else log(`ferretdb already running (pid ${runningPid('ferretdb')})`);
    await Promise.all([
      waitFor('Kafka', () => kafkaHealthy(localUrls.kafkaBrokers), 'kafka', 120000),
      waitFor('FerretDB', () => mongoHealthy(localUrls.mongoUrl), 'ferretdb', 60000),
    ]);
    await ensureTopics(localUrls.kafkaBrokers);
  } catch (e) {
    // Leave nothing half-started behind.
    await down(started);
    throw e;
  }
  log(`ready: Kafka ${localUrls.kafkaBrokers}, MongoDB wire ${localUrls.mongoUrl}`);
  return { started, external: false };
}

async function stopOne(name, graceMs = 20000) {
  const pid = runningPid(name);
  if (!pid) {
    fs.rmSync(pidFile(name), { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) {
    log(`${name} did not stop in ${graceMs / 1000}s; killing`);
    process.kill(pid, 'SIGKILL');
  }
  fs.rmSync(pidFile(name), { force: true });
  log(`${name} stopped`);
  return true;
}

/** Stop the named components (default: both). Idempotent. */
export async function down(names = ['kafka', 'ferretdb']) {
  const stopped = await Promise.all(names.map((n) => stopOne(n)));
  if (!stopped.some(Boolean)) log('nothing was running');
}

export async function status() {
  if (usesExternalInfra()) {
    const [k, m] = await Promise.all([kafkaHealthy(env.KAFKA_BROKERS), mongoHealthy(env.MONGO_URL)]);
    console.log(`kafka     external ${env.KAFKA_BROKERS} ${k ? 'healthy' : 'UNREACHABLE'}`);
    console.log(`mongodb   external ${m ? 'healthy' : 'UNREACHABLE'}`);
    return k && m;
  }
  const rows = [
    ['kafka', runningPid('kafka'), localUrls.kafkaBrokers, () => kafkaHealthy(localUrls.kafkaBrokers)],
    ['ferretdb', runningPid('ferretdb'), localUrls.mongoUrl, () => mongoHealthy(localUrls.mongoUrl)],
  ];
  let ok = true;
  for (const [name, pid, url, check] of rows) {
    const healthy = pid ? await check() : false;
    ok &&= healthy;
    console.log(`${name.padEnd(9)} ${pid ? `pid ${pid}` : 'stopped'} ${url} ${pid ? (healthy ? 'healthy' : 'UNHEALTHY') : ''}`);
  }
  return ok;
}

async function main(cmd) {
  switch (cmd) {
    case 'install':
      install();
      return;
    case 'up':
      await up();
      return;
    case 'down':
      await down();
      return;
    case 'status':
      process.exitCode = (await status()) ? 0 : 1;
      return;
    case 'topics':
      await ensureTopics();
      return;
    case 'run': {
      const { started } = await up();
      log('running; press Ctrl-C to stop');
      const stop = async () => {
        await down(started);
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      setInterval(() => undefined, 1 << 30);
      return;
    }
    default:
      console.error('usage: node scripts/infra.mjs install|up|down|status|run|topics');
      process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((e) => {
    console.error(`[infra] ${e.message}`);
    process.exit(1);
  });
}
