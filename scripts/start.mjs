#!/usr/bin/env node
/**
 * `npm start`: install what is missing, build, start the embedded Kafka and
 * database (unless KAFKA_BROKERS and MONGO_URL point elsewhere), then all six
 * services; print their URLs once each is ready. Ctrl-C stops every process
 * this command started. Service logs go to .infra/logs/<service>.log.
 *
 * `npm start -- --demo` starts the services with DEMO_SETTINGS (minutes-long
 * return and withdrawal windows, the demo's market, commission periods that
 * may close before their month ends), which `npm run demo`
 * also uses when it starts the stack itself through startStack().
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { down, paths, ROOT, up } from './infra.mjs';
import { build, ensureNodePackages } from './lib/setup.mjs';

const require = createRequire(import.meta.url);
/** The service registry of @netdirect/contracts (read after the build): names, ports, databases. */
const registry = () => require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js')).SERVICE_REGISTRY;

const children = new Map();
let infraStarted = [];
let stopping = false;
let log = (msg) => console.log(`[start] ${msg}`);

/**
 * Settings for a demo stack, given to the services as environment (each
 * validates its own): return windows of minutes instead of 30 days, so a demo
 * sees orders completed and commissions released. CH is a market of the
 * us-ftc profile, whose commission lines are releasable on completion (an EU
 * market's wait a 14-day withdrawal period). Variables set by the caller win.
 */
export const DEMO_SETTINGS = {
  ORDERS_MARKETS: JSON.stringify({
    DE: { shippingFee: 495, freeShippingFrom: 5000, vatBps: 1900, returnWindow: '3m', withdrawal: '2m', restockingFeeBps: 1000, buyBackBps: 9000 },
    AT: { shippingFee: 590, freeShippingFrom: 6000, vatBps: 2000, returnWindow: '3m', withdrawal: '2m', restockingFeeBps: 1500, buyBackBps: 9000 },
    CH: { shippingFee: 690, freeShippingFrom: 6000, vatBps: 810, returnWindow: '3m', withdrawal: '2m', restockingFeeBps: 1000, buyBackBps: 9000 },
  }),
  // The demo closes this month's commission period early, to pay what its completed orders earned.
  COMMISSION_CLOSE_BEFORE_PERIOD_END: 'allow',
};

async function stopAll(code = 0, exit = true) {
  if (stopping) return;
  stopping = true;
  log('stopping services');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (infraStarted.length) await down(infraStarted);
  if (exit) process.exit(code);
}

/** Stop whatever startStack() started so far (also while it is still waiting for readiness). */
export const stopStack = () => stopAll(0, false);

async function ready(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Start (what is missing of) the whole stack: packages, build, infrastructure,
 * the six services with `env` added to their environment (an object, or a
 * function of the service's name giving one). Resolves once every
 * service is ready; `stop()` stops what this call started, never shared
 * infrastructure it found running.
 */
export async function startStack({ env = {}, logger } = {}) {
  if (logger) log = logger;
  const t0 = Date.now();
  ensureNodePackages();
  build();
  ({ started: infraStarted } = await up());
  fs.mkdirSync(paths.logs, { recursive: true });
  const services = registry();
  for (const { name, port } of services) {
    const logPath = path.join(paths.logs, `${name}.log`);
    const out = fs.openSync(logPath, 'a');
    const child = spawn(process.execPath, [path.join(ROOT, 'services', name, 'dist', 'main.js')], {
      cwd: ROOT,
      stdio: ['ignore', out, out],
      env: { HTTP_PORT: String(port), ...(typeof env === 'function' ? env(name) : env), ...process.env },
    });
    fs.closeSync(out);
    children.set(name, child);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const tail = fs.readFileSync(logPath, 'utf8').trim().split('\n').slice(-15).join('\n');
      console.error(`[start] ${name} exited (${signal ?? code}); last lines of ${path.relative(ROOT, logPath)}:\n${tail}`);
      stopAll(1);
    });
  }
  const deadline = Date.now() + 120000;
  const pending = new Set(services.map((s) => s.name));
  while (pending.size && Date.now() < deadline && !stopping) {
    for (const { name, port } of services) if (pending.has(name) && (await ready(port))) pending.delete(name);
    if (pending.size) await new Promise((r) => setTimeout(r, 300));
  }
  if (pending.size) {
    console.error(`[start] not ready after 120 s: ${[...pending].join(', ')} (see .infra/logs/)`);
    await stopAll(1);
    throw new Error(`services not ready: ${[...pending].join(', ')}`);
  }
  log(`all services ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { services, stop: () => stopAll(0, false) };
}

async function main() {
  const demo = process.argv.includes('--demo');
  const { services } = await startStack({ env: demo ? DEMO_SETTINGS : {} });
  if (demo) log('demo settings: return windows of 3 minutes, markets DE, AT, CH (see DEMO_SETTINGS)');
  for (const { name, port } of services) {
    console.log(`  ${name.padEnd(12)} http://127.0.0.1:${port}   docs: http://127.0.0.1:${port}/docs`);
  }
  log('logs: .infra/logs/   ops token: npm run token -- ops   press Ctrl-C to stop');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  main().catch((e) => {
    console.error(`[start] ${e.message}`);
    stopAll(1);
  });
}
