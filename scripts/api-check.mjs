#!/usr/bin/env node
/**
 * `npm run api-check`: check every service's HTTP API against its own
 * OpenAPI document with schemathesis (all checks: server errors, status codes,
 * content types, response schemas, negative and positive data, auth,
 * methods), the way an outside client would meet it. CI runs it after the
 * tests.
 *
 * It installs schemathesis (pinned in infra/schemathesis/requirements.txt)
 * into a Python virtual environment under .infra/, builds, starts the
 * embedded Kafka and database unless they run (or KAFKA_BROKERS and
 * MONGO_URL point elsewhere), boots each service on a free port with a
 * throwaway database, runs schemathesis against its /docs-json with an ops
 * token, and stops what it started.
 *
 * Settings: API_CHECK_EXAMPLES (test cases per operation, default 25),
 * API_CHECK_SEED (default fixed, so a failure reproduces), API_CHECK_SERVICES
 * (comma-separated subset).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { down, ROOT, up } from './infra.mjs';
import { build, ensureNodePackages } from './lib/setup.mjs';

const require = createRequire(import.meta.url);
const log = (msg) => console.log(`[api-check] ${msg}`);
const VENV = path.join(ROOT, '.infra', 'schemathesis');
const REQUIREMENTS = path.join(ROOT, 'infra', 'schemathesis', 'requirements.txt');
const EXAMPLES = process.env.API_CHECK_EXAMPLES ?? '25';
const SEED = process.env.API_CHECK_SEED ?? '20261201';

/** A virtual environment with exactly the pinned requirements (reinstalled when they change). */
function ensureSchemathesis() {
  const stamp = path.join(VENV, '.requirements-hash');
  const hash = createHash('sha256').update(fs.readFileSync(REQUIREMENTS)).digest('hex');
  const st = path.join(VENV, 'bin', 'st');
  if (fs.existsSync(st) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return st;
  log('installing schemathesis into .infra/schemathesis');
  fs.rmSync(VENV, { recursive: true, force: true });
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) throw new Error('Python 3 is needed for the API check (schemathesis); install python3 with venv');
  for (const [cmd, args] of [
    [python, ['-m', 'venv', VENV]],
    [path.join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]],
  ]) {
    const res = spawnSync(cmd, args, { stdio: 'inherit' });
    if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  }
  fs.writeFileSync(stamp, hash);
  return st;
}

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Boot one service from its build on a free port with a throwaway database; resolves once it is ready. */
async function startService(name) {
  const id = randomUUID().slice(0, 8);
  const port = await freePort();
  const database = `apicheck_${name}_${id}`;
  const logPath = path.join(ROOT, '.infra', 'logs', `api-check-${name}.log`);
  fs.mkdirSync(path.dirname(logPath), { recursive: true });
  const out = fs.openSync(logPath, 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'services', name, 'dist', 'main.js')], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      HTTP_PORT: String(port),
      MONGO_DB: database,
      KAFKA_GROUP_ID: `apicheck-${name}-${id}`,
      KAFKA_CLIENT_ID: `apicheck-${name}-${id}`,
      KAFKA_FROM_BEGINNING: 'false',
    },
  });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready; see ${logPath}`);
    const ok = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return { name, child, url, database };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready within 60 s; see ${logPath}`);
}

async function stopService(service) {
  if (service.child.exitCode !== null) return;
  await new Promise((resolve) => {
    const timer = setTimeout(() => service.child.kill('SIGKILL'), 15000);
    service.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    service.child.kill('SIGTERM');
  });
}

function runSchemathesis(st, service, token) {
  const args = [
    '--config-file', path.join(ROOT, 'infra', 'schemathesis', 'schemathesis.toml'),
    'run', `${service.url}/docs-json`,
    '--checks', 'all',
    '--header', `Authorization: Bearer ${token}`,
    '--max-examples', EXAMPLES,
    '--seed', SEED,
    '--workers', '1',
    '--generation-database', 'none',
    '--request-timeout', '20',
    '--no-color',
  ];
  log(`${service.name}: st ${args.join(' ').replace(token, '<ops token>')}`);
  return spawnSync(st, args, { stdio: 'inherit', cwd: VENV }).status;
}

async function main() {
  const t0 = Date.now();
  const st = ensureSchemathesis();
  ensureNodePackages();
  build();
  const { started } = await up();
  const { SERVICE_REGISTRY } = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js'));
  const { signToken, DEV_JWT_SECRET } = require(path.join(ROOT, 'libs', 'runtime', 'dist', 'index.js'));
  const only = process.env.API_CHECK_SERVICES?.split(',').filter(Boolean);
  const names = SERVICE_REGISTRY.map((s) => s.name).filter((n) => !only || only.includes(n));
  const token = signToken({ secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'netdirect' }, 'ops', 'ops-api-check', 3600);
  const results = [];
  try {
    for (const name of names) {
      const service = await startService(name);
      try {
        results.push({ name, code: runSchemathesis(st, service, token) });
      } finally {
        await stopService(service);
        await dropDatabase(service.database);
      }
    }
  } finally {
    if (started.length) await down(started);
  }
  const failed = results.filter((r) => r.code !== 0);
  console.log(`\napi-check: ${results.map((r) => `${r.name} ${r.code === 0 ? 'passed' : 'FAILED'}`).join(', ')} (${Math.round((Date.now() - t0) / 1000)} s)`);
  // The plain closing line CI reads: services whose API check passed and failed.
  console.log(`api-check: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

async function dropDatabase(name) {
  const { MongoClient } = require('mongodb');
  const client = await MongoClient.connect(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017').catch(() => null);
  await client?.db(name).dropDatabase().catch(() => undefined);
  await client?.close();
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[api-check] ${e.message}`);
    process.exit(1);
  },
);
