/**
 * The fault run's own stack: a Kafka and a database of its own (other ports,
 * state under INFRA_STATE_DIR, so the shared stack others test on is never
 * touched), the six built services as separate processes on their own ports,
 * and SIGKILL + restart of any of them or of the broker.
 *
 * The INFRA_* variables must be set before this module is imported (infra.mjs
 * reads them when it loads): test-faults.mjs does so and imports this module
 * dynamically.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { alive, down, localUrls, paths, ROOT, up } from '../infra.mjs';

const require = createRequire(import.meta.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Settings that make recovery and the business's windows take seconds in this run. */
export function serviceEnv({ returnWindow }) {
  return {
    NODE_ENV: 'development',
    KAFKA_BROKERS: localUrls.kafkaBrokers,
    MONGO_URL: localUrls.mongoUrl,
    LOG_LEVEL: 'warn',
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
    OUTBOX_LEASE_MS: '3000',
    // A webhook delivery whose handler died with its process is taken over by the caller's retry after this.
    WEBHOOK_DELIVERY_LEASE_MS: '5000',
    OUTBOX_POLL_MS: '500',
    TIMERS_LEASE_MS: '3000',
    TIMERS_POLL_MS: '250',
    TIMERS_RETRY_BASE_MS: '200',
    TIMERS_RETRY_MAX_MS: '3000',
    TIMERS_MAX_ATTEMPTS: '50',
    CONSUMER_MAX_ATTEMPTS: '8',
    CONSUMER_DEFER_RETRY_BASE_MS: '200',
    CONSUMER_DEFER_POLL_MS: '250',
    CONSUMER_LAG_INTERVAL_MS: '60000',
    CATALOG_RESERVATION_TTL: '2h',
    CATALOG_RESERVATION_LEASE: '3s',
    CATALOG_RESERVATION_RESUME_INTERVAL: '2s',
    PROCUREMENT_RUN_LEASE: '5s',
    PROCUREMENT_RUN_RESUME_INTERVAL: '2s',
    ORDERS_PAYMENT_WINDOW: '2h',
    ORDERS_REFUND_RETRY_BACKOFF: '2s',
    ORDERS_MARKETS: JSON.stringify({
      DE: {
        shippingFee: 495,
        freeShippingFrom: 5000,
        vatBps: 1900,
        returnWindow,
        withdrawal: returnWindow,
        restockingFeeBps: 1000,
        buyBackBps: 9000,
      },
    }),
  };
}

export class FaultStack {
  constructor({ log, returnWindow, portOffset = 100 }) {
    this.log = log;
    this.env = serviceEnv({ returnWindow });
    this.registry = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js')).SERVICE_REGISTRY;
    this.services = new Map(this.registry.map((r) => [r.name, { name: r.name, port: r.port + portOffset, child: null, restarts: 0 }]));
    this.stopping = false;
    this.infraStarted = [];
  }

  url(name) {
    return `http://127.0.0.1:${this.services.get(name).port}`;
  }

  /** A fresh broker and database: the state of a previous run is removed first. */
  async startInfra() {
    await down(['kafka', 'mongo']);
    for (const dir of [path.join(paths.state, 'kafka'), path.join(paths.state, 'mongo'), paths.logs]) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(paths.logs, { recursive: true });
    const { started } = await up();
    this.infraStarted = started;
  }

  startService(name) {
    const s = this.services.get(name);
    const logPath = path.join(paths.logs, `${name}.log`);
    const out = fs.openSync(logPath, 'a');
    fs.writeSync(out, `\n==== [faults] start ${new Date().toISOString()} (restart ${s.restarts})\n`);
    s.child = spawn(process.execPath, [path.join(ROOT, 'services', name, 'dist', 'main.js')], {
      cwd: ROOT,
      stdio: ['ignore', out, out],
      env: { ...process.env, ...this.env, HTTP_PORT: String(s.port) },
    });
    fs.closeSync(out);
    const child = s.child;
    child.once('exit', (code, signal) => {
      if (s.child === child) s.child = null;
      if (!this.stopping && signal !== 'SIGKILL') this.log(`!! ${name} exited by itself (${signal ?? code}); restarting`);
      if (!this.stopping && signal !== 'SIGKILL') setTimeout(() => !this.stopping && !s.child && this.startService(name), 1000);
    });
  }

  async ready(name, timeoutMs = 120000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ok = await fetch(`${this.url(name)}/health/ready`, { signal: AbortSignal.timeout(3000) })
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return;
      await sleep(250);
    }
    throw new Error(`${name} not ready within ${timeoutMs / 1000} s (see ${path.relative(ROOT, paths.logs)}/${name}.log)`);
  }

  async startServices() {
    for (const name of this.services.keys()) this.startService(name);
    await Promise.all([...this.services.keys()].map((n) => this.ready(n)));
  }

  /** SIGKILL one service (or `kafka`), wait `downMs`, start it again and wait until it is ready. */
  async kill(target, downMs) {
    const t0 = Date.now();
    if (target === 'kafka') {
      const pid = Number(fs.readFileSync(path.join(paths.run, 'kafka.pid'), 'utf8'));
      process.kill(pid, 'SIGKILL');
      while (alive(pid)) await sleep(50);
      await sleep(downMs);
      await up();
    } else {
      const s = this.services.get(target);
      const child = s.child;
      s.child = null;
      child?.kill('SIGKILL');
      if (child && child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
      await sleep(downMs);
      s.restarts++;
      this.startService(target);
      await this.ready(target);
    }
    return Date.now() - t0;
  }

  /** Stop every process this run started: services (SIGTERM, then SIGKILL), then the broker and database. */
  async stop() {
    this.stopping = true;
    await Promise.all(
      [...this.services.values()].map(
        (s) =>
          new Promise((resolve) => {
            const child = s.child;
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await down(['kafka', 'mongo']);
  }

  /** Synchronous last resort (process exit): SIGKILL whatever still runs. */
  killAllNow() {
    for (const s of this.services.values()) s.child?.kill('SIGKILL');
    for (const name of ['kafka', 'mongo']) {
      try {
        process.kill(Number(fs.readFileSync(path.join(paths.run, `${name}.pid`), 'utf8')), 'SIGKILL');
      } catch {
        /* not running */
      }
    }
  }
}

