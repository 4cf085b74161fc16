/**
 * What every service benchmark does before and around its measurement, once:
 * install and build, start the local Kafka and database (or use KAFKA_BROKERS
 * and MONGO_URL), open a fresh database, sign tokens, and run the service
 * under test as its own process (`node services/<name>/dist/main.js`) that is
 * ready when its `/health/ready` says so and stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { localUrls, ROOT, up } from '../infra.mjs';
import { build, ensureNodePackages } from './setup.mjs';

const require = createRequire(import.meta.url);

/**
 * Build, start the infrastructure, connect to database `db` (dropped first
 * unless `keep`), and give a signer of bearer tokens for the dev secret.
 */
export async function benchSetup({ db: name, keep = false, poolSize = 16 }) {
  ensureNodePackages();
  build();
  const { MongoClient } = require(path.join(ROOT, 'node_modules', 'mongodb'));
  const runtime = require(path.join(ROOT, 'libs', 'runtime', 'dist', 'index.js'));
  const infra = await up();
  const mongoUrl = process.env.MONGO_URL ?? localUrls.mongoUrl;
  const kafkaBrokers = process.env.KAFKA_BROKERS ?? localUrls.kafkaBrokers;
  const client = await MongoClient.connect(mongoUrl, { maxPoolSize: poolSize });
  const db = client.db(name);
  if (!keep) await db.dropDatabase();
  const bearer = (role, subject) =>
    `Bearer ${runtime.signToken({ secret: runtime.DEV_JWT_SECRET, issuer: 'netdirect' }, role, subject)}`;
  return { infra, runtime, client, db, mongoUrl, kafkaBrokers, bearer };
}

/**
 * A service of this repository in its own process against the benchmark's
 * database: `start()` resolves once it is ready, `stop()` once it exited
 * (SIGTERM, its graceful stop). `env` adds to or overrides the defaults;
 * `nodeArgs` go before the script (e.g. `--cpu-prof`).
 */
export function serviceProcess({ service, port, setup, env = {}, nodeArgs = [], log = console.log }) {
  let child;
  const start = async () => {
    log(`starting the ${service} service on :${port} with database ${setup.db.databaseName}`);
    child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'services', service, 'dist', 'main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET: setup.runtime.DEV_JWT_SECRET,
        HTTP_PORT: String(port),
        MONGO_URL: setup.mongoUrl,
        MONGO_DB: setup.db.databaseName,
        KAFKA_BROKERS: setup.kafkaBrokers,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      if (i > 600 || child.exitCode !== null) throw new Error(`the ${service} service did not become ready`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const stop = () =>
    new Promise((resolve) =>
      !child || child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')),
    );
  return {
    start,
    stop,
    get pid() {
      return child?.pid;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
  };
}
