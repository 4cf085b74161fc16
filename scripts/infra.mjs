#!/usr/bin/env node
/**
 * The embedded infrastructure: a single-node Apache Kafka (KRaft) and
 * mongo-java-server (a MongoDB wire-protocol server on an H2 MVStore file), both
 * run with `java -cp` from jars that Maven fetches from Maven Central.
 * Everything lives under .infra/ (git-ignored) and listens on loopback only.
 *
 *   node scripts/infra.mjs install   fetch the jars and compile the database launcher if missing
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
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INFRA = path.join(ROOT, '.infra');

export const KAFKA_VERSION = '3.9.1';
export const MONGO_SERVER_VERSION = '1.47.0';

const env = process.env;
export const ports = {
  kafka: Number(env.INFRA_KAFKA_PORT ?? 9092),
  kafkaController: Number(env.INFRA_KAFKA_CONTROLLER_PORT ?? 9093),
  mongo: Number(env.INFRA_MONGO_PORT ?? 27017),
};

/**
 * INFRA_STATE_DIR: where a second, separate stack keeps its data, pid files and
 * logs (the fault run uses one of its own beside the shared stack, with other
 * INFRA_*_PORT values). The jars stay shared in .infra/. Default: .infra/ itself.
 */
const STATE = env.INFRA_STATE_DIR ? path.resolve(ROOT, env.INFRA_STATE_DIR) : INFRA;

export const paths = {
  infra: INFRA,
  state: STATE,
  logs: path.join(STATE, 'logs'),
  run: path.join(STATE, 'run'),
  kafkaLibs: path.join(INFRA, 'kafka', 'libs'),
  kafkaData: path.join(STATE, 'kafka', 'data'),
  kafkaConfig: path.join(STATE, 'kafka', 'server.properties'),
  mongoLibs: path.join(INFRA, 'mongo', 'libs'),
  mongoClasses: path.join(INFRA, 'mongo', 'classes'),
  mongoStore: path.join(STATE, 'mongo', 'data', 'netdirect.mv.db'),
  mongoSource: path.join(ROOT, 'infra', 'mongo', 'src'),
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

/** Fetch a pom's runtime dependencies from Maven Central into a folder. */
function mavenCopy(pom, outputDirectory) {
  requireTool('java', ['-version'], 'install Java 17 or newer');
  requireTool('mvn', ['-v'], 'install Apache Maven');
  fs.mkdirSync(outputDirectory, { recursive: true });
  run('mvn', [
    '-q',
    '-B',
    '-f',
    pom,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${outputDirectory}`,
    '-DincludeScope=runtime',
  ]);
}

function kafkaInstalled() {
  return fs.existsSync(path.join(paths.kafkaLibs, `kafka_2.13-${KAFKA_VERSION}.jar`));
}

function installKafka() {
  if (kafkaInstalled()) return;
  log(`fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central`);
  mavenCopy(path.join(ROOT, 'infra', 'kafka', 'pom.xml'), paths.kafkaLibs);
}

function launcherSources() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.java')) out.push(p);
    }
  };
  walk(paths.mongoSource);
  return out.sort();
}

/** Changes when the launcher's source or the server version does: then it is compiled again. */
function launcherStamp(sources) {
  const hash = createHash('sha256').update(MONGO_SERVER_VERSION);
  for (const file of sources) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex');
}

function mongoInstalled() {
  const stamp = path.join(paths.mongoClasses, '.stamp');
  return (
    fs.existsSync(path.join(paths.mongoLibs, `mongo-java-server-h2-backend-${MONGO_SERVER_VERSION}.jar`)) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === launcherStamp(launcherSources())
  );
}

/**
 * mongo-java-server and its H2 backend come from Maven Central like Kafka; our
 * launcher (infra/mongo/src: durability settings, index use for compare-and-set
 * filters, a race fix) is compiled against them with javac.
 */
function installMongo() {
  if (mongoInstalled()) return;
  if (!fs.existsSync(path.join(paths.mongoLibs, `mongo-java-server-h2-backend-${MONGO_SERVER_VERSION}.jar`))) {
    log(`fetching mongo-java-server ${MONGO_SERVER_VERSION} jars from Maven Central`);
    fs.rmSync(paths.mongoLibs, { recursive: true, force: true });
    mavenCopy(path.join(ROOT, 'infra', 'mongo', 'pom.xml'), paths.mongoLibs);
  }
  requireTool('javac', ['-version'], 'install a Java 17 JDK (javac)');
  const sources = launcherSources();
  fs.rmSync(paths.mongoClasses, { recursive: true, force: true });
  run('javac', ['-nowarn', '-d', paths.mongoClasses, '-cp', `${paths.mongoLibs}/*`, ...sources]);
  fs.writeFileSync(path.join(paths.mongoClasses, '.stamp'), launcherStamp(sources));
  log('compiled the database launcher');
}

/** The folders .infra/ may hold; another folder was left by an older layout. */
const KNOWN_FOLDERS = new Set(['kafka', 'mongo', 'logs', 'run', 'profiles', 'schemathesis', 'faults']);

/**
 * An .infra/ from an older layout (the first embedded store was another
 * database, whose files cannot be read by this one) is explained, never mixed
 * with the new one: what is there, whether it still runs, what to delete.
 */
function refuseForeignEntries() {
  if (!fs.existsSync(INFRA)) return;
  const foreign = fs
    .readdirSync(INFRA, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !KNOWN_FOLDERS.has(entry.name) && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  if (!foreign.length) return;
  const running = fs.existsSync(paths.run)
    ? fs
        .readdirSync(paths.run)
        .map((f) => f.replace(/\.pid$/, ''))
        .filter((name) => !['kafka', 'mongo'].includes(name) && runningPid(name))
        .map((name) => `${name} (pid ${runningPid(name)})`)
    : [];
  throw new Error(
    [
      `.infra/ holds ${foreign.map((f) => `${f}/`).join(', ')}, which this version does not use: it was left by an older`,
      'embedded setup whose data cannot be read by the current database (docs/infrastructure.md, "Upgrading").',
      running.length ? `Stop ${running.join(', ')} first, then delete` : 'Delete',
      `${foreign.map((f) => `.infra/${f}`).join(' ')} to go on, or delete .infra/ to start from scratch.`,
    ].join(' '),
  );
}

export function install() {
  if (usesExternalInfra()) {
    log('KAFKA_BROKERS and MONGO_URL are set: nothing to install');
    return;
  }
  fs.mkdirSync(INFRA, { recursive: true });
  refuseForeignEntries();
  installKafka();
  installMongo();
}

// ---------------------------------------------------------------- processes

const pidFile = (name) => path.join(paths.run, `${name}.pid`);

/** Whether a process of this pid runs. */
export function alive(pid) {
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
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], cwd: STATE });
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

/** JVM heap of the database; its page cache (INFRA_MONGO_CACHE_MB) lives inside it. */
const MONGO_HEAP = env.INFRA_MONGO_HEAP ?? '3g';
const MONGO_CACHE_MB = Number(env.INFRA_MONGO_CACHE_MB ?? 1024);
/**
 * `answer` (default): a write is in the store file before it is acknowledged, so a killed
 * database loses nothing it acknowledged. `background`: the store commits within 1 ms on its
 * own thread; writes are about a third faster, but a kill right after an answer can lose it.
 */
const MONGO_COMMIT = env.INFRA_MONGO_COMMIT ?? 'answer';
/** Below this share of live data (percent) the store rewrites a chunk; 0 never compacts. */
const MONGO_COMPACT_FILL_RATE = env.INFRA_MONGO_COMPACT_FILL_RATE ?? '40';

async function startMongo() {
  if (runningPid('mongo')) return false;
  if (!['answer', 'background'].includes(MONGO_COMMIT)) {
    throw new Error(`INFRA_MONGO_COMMIT="${MONGO_COMMIT}": INFRA_MONGO_COMMIT must be answer or background`);
  }
  if (!/^(\d|[1-9]\d|100)$/.test(MONGO_COMPACT_FILL_RATE)) {
    throw new Error(
      `INFRA_MONGO_COMPACT_FILL_RATE="${MONGO_COMPACT_FILL_RATE}": INFRA_MONGO_COMPACT_FILL_RATE must be a whole number from 0 to 100`,
    );
  }
  if (await portOpen(ports.mongo)) {
    throw new Error(`port ${ports.mongo} is taken by another process; set INFRA_MONGO_PORT or stop it`);
  }
  fs.mkdirSync(path.dirname(paths.mongoStore), { recursive: true });
  startDetached('mongo', 'java', [
    `-Xmx${MONGO_HEAP}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    `-Dnetdirect.commit=${MONGO_COMMIT}`,
    `-Dnetdirect.compactFillRate=${MONGO_COMPACT_FILL_RATE}`,
    '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
    '-Dorg.slf4j.simpleLogger.showDateTime=true',
    '-cp',
    `${paths.mongoClasses}${path.delimiter}${paths.mongoLibs}/*`,
    'io.netdirect.infra.mongo.EmbeddedMongo',
    paths.mongoStore,
    '127.0.0.1',
    String(ports.mongo),
    String(MONGO_CACHE_MB),
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
      throw new Error(`${name} exited during start; see ${path.relative(ROOT, paths.logs)}/${pidName}.log`);
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

/**
 * Join one throwaway consumer group and leave. On a fresh broker the first
 * group request creates the offsets topic and its coordinators load for a
 * while ("the coordinator is loading"); a service or test joining then
 * resolves its start late and can miss what is published right after it came
 * up. After this, every group's coordinator answers at once.
 */
async function warmUpGroupCoordinator(brokers) {
  const { allStaticTopics } = loadContracts();
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({ clientId: 'netdirect-infra', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const groupId = 'netdirect-infra-warm-up';
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  try {
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.connect();
    await consumer.subscribe({ topics: [allStaticTopics()[0].name], fromBeginning: false });
    await consumer.run({ eachMessage: async () => undefined });
    let timer;
    await Promise.race([
      joined,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no consumer group could be joined in 60 s')), 60000))),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
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
    if (await startMongo()) started.push('mongo');
    else log(`mongo already running (pid ${runningPid('mongo')})`);
    await Promise.all([
      waitFor('Kafka', () => kafkaHealthy(localUrls.kafkaBrokers), 'kafka', 120000),
      waitFor('the database', () => mongoHealthy(localUrls.mongoUrl), 'mongo', 60000),
    ]);
    await ensureTopics(localUrls.kafkaBrokers);
    await warmUpGroupCoordinator(localUrls.kafkaBrokers);
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
export async function down(names = ['kafka', 'mongo']) {
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
    ['mongo', runningPid('mongo'), localUrls.mongoUrl, () => mongoHealthy(localUrls.mongoUrl)],
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
