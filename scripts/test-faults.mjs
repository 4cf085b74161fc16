#!/usr/bin/env node
/**
 * `npm run test:faults`: orders through the whole loop while every service and
 * the Kafka broker are killed with SIGKILL and restarted, 10 % of the events
 * are delivered twice and 1 % of each consumed topic's messages are poison.
 * Then: every order reached the final state it was meant to, stock, order
 * totals, refunds and the commission ledger equal an independent
 * recomputation (scripts/lib/faults-expect.mjs), no ledger line is doubled,
 * and the dead-letter topics hold every poison message and nothing else.
 *
 * It runs on a Kafka and database of its own (ports 19092/19093 and 27117,
 * state in .infra/faults/, never the shared ones) and the six built services
 * on ports 31xx. Everything goes through the public routes, signed payment
 * webhooks and the logistics provider's real handoff topic and status webhook
 * (this script is the provider and the payment provider). The services' logs
 * stay in .infra/faults/logs/ when it fails; every process it started is
 * stopped, also on failure or Ctrl-C.
 *
 *   node scripts/test-faults.mjs [--orders=2000] [--kills=12] [--rate=10] [--return-window=30] [--deadline-min=16] [--no-build]
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const ORDERS = Number(args.orders ?? 2000);
const KILLS = Number(args.kills ?? 12);
const RATE = Number(args.rate ?? 10); // orders placed per second
const RETURN_WINDOW_S = Number(args['return-window'] ?? 30);
const BUILD = args['no-build'] !== 'true';
/** When the order scripts stop being waited for (from the start, build included), so the whole run ends within 20 minutes. */
const DEADLINE_MS = Number(args['deadline-min'] ?? 16) * 60000;

// The run's own stack: set before infra.mjs is loaded (it reads them once).
process.env.INFRA_STATE_DIR ??= '.infra/faults';
process.env.INFRA_KAFKA_PORT ??= '19092';
process.env.INFRA_KAFKA_CONTROLLER_PORT ??= '19093';
process.env.INFRA_MONGO_PORT ??= '27117';
process.env.INFRA_MONGO_HEAP ??= '2g';
delete process.env.KAFKA_BROKERS;
delete process.env.MONGO_URL;

const { ROOT, localUrls, paths } = await import('./infra.mjs');
const { build } = await import('./lib/setup.mjs');
const { FaultStack } = await import('./lib/faults-stack.mjs');
const { Chaos, handledTypes, readDeadLetters } = await import('./lib/faults-chaos.mjs');
const { expectedCommission, expectedStock, expectedTotals } = await import('./lib/faults-expect.mjs');

const require = createRequire(import.meta.url);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s`;
const log = (msg) => console.log(`[faults ${elapsed()}] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const MARKET = { shippingFee: 495, freeShippingFrom: 5000 };
const PAY = 'fault-pay';
const PROVIDER = 'fault-3pl';
const ADDRESS = { name: 'Fault Run Buyer', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };

if (BUILD) build();
const runtime = require(path.join(ROOT, 'libs', 'runtime', 'dist', 'index.js'));
const contracts = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js'));
const { Kafka, logLevel } = require(path.join(ROOT, 'node_modules', 'kafkajs'));
const { Webhook } = require(path.join(ROOT, 'node_modules', 'standardwebhooks'));
const bearer = (role, subject) => `Bearer ${runtime.signToken({ secret: runtime.DEV_JWT_SECRET, issuer: 'netdirect' }, role, subject, 7200)}`;
const OPS = bearer('ops', 'fault-ops');
const FINANCE = bearer('finance', 'fault-finance');

const stack = new FaultStack({ log, returnWindow: `${RETURN_WINDOW_S}s` });
let kafka;
const clients = [];
let failed = false;
let stopped = false;

async function cleanup(code) {
  if (stopped) return;
  stopped = true;
  for (const c of clients) await c.disconnect?.().catch(() => undefined);
  await stack.stop().catch((e) => log(`stop: ${e.message}`));
  log(code === 0 ? 'all processes stopped' : `all processes stopped; logs kept in ${path.relative(ROOT, paths.logs)}/`);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    log(`${sig}: stopping`);
    await cleanup(1);
    process.exit(130);
  });
}
process.on('exit', () => {
  if (!stopped) stack.killAllNow();
});

// ---------------------------------------------------------------- HTTP with retries through the kills

/**
 * One call, retried through outages (connection refused, 5xx, 409) until it
 * answers or `timeoutMs` passes; `retry422` also waits out a read model that
 * has not caught up yet. Returns { status, body }.
 */
async function call(service, method, url, { token = OPS, body, headers = {}, timeoutMs = 180000, retry422 = false, raw } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${stack.url(service)}${url}`, {
        method,
        headers: { ...(token ? { authorization: token } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
        signal: AbortSignal.timeout(15000),
      });
      const text = await res.text();
      last = { status: res.status, body: text ? safeJson(text) : null };
      if (res.status < 500 && res.status !== 409 && !(retry422 && res.status === 422) && res.status !== 429) return last;
    } catch (e) {
      last = { status: 0, body: e.message };
    }
    if (Date.now() > deadline) return last;
    await sleep(Math.min(2000, 100 * attempt));
  }
}
const safeJson = (t) => {
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
};
function must(res, what, ok = [200, 201]) {
  if (!ok.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res.body;
}

// ---------------------------------------------------------------- the business this run sets up

const catalog = new Map(); // skuId → { retail, member, bv }
const initialStock = new Map();
const members = new Map(); // id → { kind, upline (nearest first), code }
const orders = new Map(); // orderId → order as placed, with intent and progress
const problems = [];

async function setUp() {
  const payCaller = must(await call('orders', 'POST', '/v1/webhook-callers', { body: { id: PAY, channel: 'payments', name: 'Fault run payments' } }), 'payment provider');
  const paySigner = new Webhook(payCaller.secret.value);
  const provider = must(
    await call('logistics', 'POST', '/v1/providers', {
      body: {
        id: PROVIDER,
        name: 'Fault run 3PL',
        regions: [{ country: 'DE', postcodePrefixes: [] }],
        limits: { maxWeightGrams: 1_000_000, maxLengthMm: 10_000, maxVolumeCm3: 10_000_000 },
        serviceLevels: ['standard'],
        acceptanceDeadline: 'PT1H',
        priority: 1,
        dailyCapacity: 10_000_000,
      },
    }),
    'logistics provider',
  );
  const providerSigner = new Webhook(provider.webhookSecret.value);

  const category = must(await call('catalog', 'POST', '/v1/categories', { body: { name: 'Fault run' } }), 'category');
  const prices = [
    [1290, 990, 800],
    [2490, 1890, 1500],
    [890, 690, 500],
    [4590, 3490, 2900],
    [1990, 1490, 1200],
    [3290, 2590, 2100],
    [590, 450, 300],
    [7990, 6190, 5000],
  ];
  for (const [i, [retail, member, bv]] of prices.entries()) {
    const p = must(
      await call('catalog', 'POST', '/v1/products', {
        body: {
          name: `Fault product ${i}`,
          categoryId: category.id,
          skus: [{ name: 'one', weightGrams: 300 + 10 * i, dimensions: { lengthMm: 100, widthMm: 80, heightMm: 60 }, retailPrice: { amount: retail, currency: 'EUR' }, memberPrice: { amount: member, currency: 'EUR' }, bv }],
        },
      }),
      'product',
    );
    must(await call('catalog', 'POST', `/v1/products/${p.id}/publish`), 'publish');
    const skuId = p.skus[0].skuId;
    catalog.set(skuId, { retail, member, bv });
    // Far more than the orders can take (a SKU sells about half a unit per order): no order is short of stock.
    const units = Math.max(500, ORDERS * 2);
    must(
      await call('catalog', 'POST', `/v1/stock/${encodeURIComponent(skuId)}/adjustments`, {
        body: { kind: 'count-correction', quantity: units, reason: 'fault run opening stock' },
        headers: { 'idempotency-key': `open-${skuId}` },
        retry422: true,
      }),
      'opening stock',
    );
    initialStock.set(skuId, units);
  }

  // A small network: 2 roots, 3 operators under each, 2 under each of those, 3 consumers under each of these.
  const register = async (kind, sponsor, label) => {
    const m = must(
      await call('network', 'POST', '/v1/members', {
        body: { kind, market: 'DE', name: `Fault ${label}`, email: `${label}-${randomUUID().slice(0, 8)}@faults.example`, ...(sponsor ? { referralCode: members.get(sponsor).code } : {}) },
        retry422: Boolean(sponsor),
      }),
      `member ${label}`,
    );
    members.set(m.id, { kind, upline: m.uplinePath, code: m.referralCode ?? null });
    return m.id;
  };
  for (let r = 0; r < 2; r++) {
    const root = await register('operator', null, `root${r}`);
    for (let a = 0; a < 3; a++) {
      const op1 = await register('operator', root, `op${r}${a}`);
      for (let b = 0; b < 2; b++) {
        const op2 = await register('operator', op1, `op${r}${a}${b}`);
        for (let c = 0; c < 3; c++) await register('consumer', op2, `c${r}${a}${b}${c}`);
      }
    }
  }
  return { paySigner, providerSigner };
}

// ---------------------------------------------------------------- the order script

function planOrder(i) {
  const roll = Math.random();
  const intent = roll < 0.7 ? 'completed' : roll < 0.8 ? 'cancel-unpaid' : roll < 0.9 ? 'cancel-paid' : 'returned';
  const kindRoll = Math.random();
  const operators = [...members].filter(([, m]) => m.kind === 'operator').map(([id]) => id);
  const consumers = [...members].filter(([, m]) => m.kind === 'consumer').map(([id]) => id);
  const skus = [...catalog.keys()].sort(() => Math.random() - 0.5).slice(0, 1 + Math.floor(Math.random() * 3));
  const lines = skus.map((skuId) => ({ skuId, quantity: 1 + Math.floor(Math.random() * 3) }));
  const base = { key: `fault-order-${i}`, intent, lines };
  if (kindRoll < 0.35) return { ...base, buyerKind: 'guest', referrerId: pick(operators) };
  if (kindRoll < 0.75) return { ...base, buyerKind: 'consumer', buyerId: pick(consumers) };
  return { ...base, buyerKind: 'operator', buyerId: pick(operators) };
}

/** Retried (same Idempotency-Key) through a killed orders service until it answers: an order placed whose answer was lost is the same order. */
async function place(plan) {
  const body = { market: 'DE', lines: plan.lines, shippingAddress: ADDRESS };
  const headers = { 'idempotency-key': plan.key };
  const res =
    plan.buyerKind === 'guest'
      ? await call('orders', 'POST', '/v1/guest-orders', { token: null, body: { ...body, referralCode: members.get(plan.referrerId).code }, headers, retry422: true, timeoutMs: 600000 })
      : await call('orders', 'POST', '/v1/orders', { token: bearer('member', plan.buyerId), body, headers, retry422: true, timeoutMs: 600000 });
  if (res.status !== 201 && res.status !== 200) {
    problems.push(`order ${plan.key} could not be placed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return;
  }
  const o = { ...plan, orderId: res.body.orderId, buyerId: res.body.buyerId, accessToken: res.body.accessToken, placed: { totals: res.body.totals, lines: res.body.lines }, seen: new Set(), lastProgress: Date.now(), acted: new Set() };
  orders.set(o.orderId, o);
  // Events may have come first.
  for (const type of early.get(o.orderId) ?? []) onOrderEvent(o, type);
  early.delete(o.orderId);
}

// ---------------------------------------------------------------- reacting to the order's events, as a shop front would

const early = new Map();
let signers;
const slots = { busy: 0, max: 24 };
async function limited(fn) {
  while (slots.busy >= slots.max) await sleep(20);
  slots.busy++;
  try {
    return await fn();
  } finally {
    slots.busy--;
  }
}

function act(o, what, fn) {
  if (o.acted.has(what)) return;
  o.acted.add(what);
  limited(fn).catch((e) => problems.push(`order ${o.orderId} ${what}: ${e.message}`));
}

async function pay(o) {
  const total = o.placed.totals?.total ?? must(await call('orders', 'GET', `/v1/orders/${o.orderId}`), `order ${o.orderId}`, [200]).totals.total;
  const id = `pay-${o.orderId}`;
  const raw = JSON.stringify({ type: 'payment.succeeded', orderId: o.orderId, paymentId: id, amount: total });
  for (;;) {
    const at = new Date();
    const r = await call('orders', 'POST', `/v1/payments/webhook/${PAY}`, {
      token: null,
      raw,
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signers.paySigner.sign(id, at, raw) },
      timeoutMs: 60000,
    });
    if (r.status === 200 || r.status === 201 || r.status === 202) return;
    if (r.status !== 0 && r.status < 500 && r.status !== 401) throw new Error(`payment answered ${r.status} ${JSON.stringify(r.body)}`);
  }
}

async function cancel(o) {
  const r = await call('orders', 'POST', `/v1/orders/${o.orderId}/cancel`, { body: {} });
  if (r.status !== 200 && r.status !== 201 && r.status !== 422) throw new Error(`cancel answered ${r.status} ${JSON.stringify(r.body)}`);
}

async function requestReturn(o) {
  const view = o.placed.lines?.[0]?.lineId ? o.placed : must(await call('orders', 'GET', `/v1/orders/${o.orderId}`), 'order', [200]);
  const body = { lines: view.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), reason: 'fault run return' };
  const headers = { 'idempotency-key': `return-${o.orderId}` };
  const r =
    o.buyerKind === 'guest'
      ? await call('orders', 'POST', `/v1/guest-orders/${o.orderId}/returns`, { token: null, body, headers: { ...headers, 'order-access-token': o.accessToken } })
      : await call('orders', 'POST', `/v1/orders/${o.orderId}/returns`, { token: bearer('member', o.buyerId), body, headers });
  if (r.status !== 200 && r.status !== 201) throw new Error(`return answered ${r.status} ${JSON.stringify(r.body)}`);
}

function onOrderEvent(o, type) {
  o.seen.add(type);
  o.lastProgress = Date.now();
  if (type === 'OrderConfirmed') {
    if (o.intent === 'cancel-unpaid') act(o, 'cancel', () => cancel(o));
    else act(o, 'pay', () => pay(o));
  } else if (type === 'OrderPaid' && o.intent === 'cancel-paid') act(o, 'cancel', () => cancel(o));
  else if (type === 'OrderDelivered' && o.intent === 'returned') act(o, 'return', () => requestReturn(o));
}

function done(o) {
  if (o.seen.has('OrderRejected')) return true; // ended, in a state nobody intended: the verification says so
  if (o.intent === 'completed') return o.seen.has('OrderCompleted');
  if (o.intent === 'cancel-unpaid') return o.seen.has('OrderCancelled');
  return o.seen.has('OrderRefunded');
}

/** An order that made no progress for a while: look at it and do what its state asks (an event may have been missed). */
async function nudge(o) {
  const r = await call('orders', 'GET', `/v1/orders/${o.orderId}`, { timeoutMs: 10000 });
  if (r.status !== 200) return;
  const typeOf = { confirmed: 'OrderConfirmed', paid: 'OrderPaid', delivered: 'OrderDelivered', completed: 'OrderCompleted', cancelled: 'OrderCancelled', rejected: 'OrderRejected' }[r.body.status];
  if ((r.body.refunds ?? []).some((f) => f.status === 'confirmed')) o.seen.add('OrderRefunded');
  if (typeOf) {
    for (const k of ['pay', 'cancel', 'return']) o.acted.delete(k);
    onOrderEvent(o, typeOf);
  }
}

// ---------------------------------------------------------------- the logistics provider (handoff topic + signed status webhook)

async function report(shipmentId, status, extra = {}) {
  const id = `st-${shipmentId}-${status}`;
  const raw = JSON.stringify({ shipmentId, status, occurredAt: new Date().toISOString(), providerReference: `F-${shipmentId.slice(0, 8)}`, ...extra });
  for (let i = 0; i < 200; i++) {
    const at = new Date();
    const r = await call('logistics', 'POST', `/v1/providers/${PROVIDER}/updates`, {
      token: null,
      raw,
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signers.providerSigner.sign(id, at, raw) },
      timeoutMs: 60000,
    });
    if (r.status >= 200 && r.status < 300) return true;
    if (r.status !== 0 && r.status < 500 && r.status !== 401) {
      problems.push(`shipment ${shipmentId} ${status}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      return false;
    }
  }
  return false;
}

const shipments = new Map();
async function carry(s) {
  const order = orders.get(s.orderId);
  // A shipment of an order the buyer will cancel after paying is never picked up (the cancellation comes first).
  if (s.direction !== 'return' && order?.intent === 'cancel-paid') return;
  for (const status of ['accepted', 'picked-up', 'in-transit', 'out-for-delivery']) {
    await sleep(150);
    if (!(await report(s.shipmentId, status))) return;
  }
  if (!(await report(s.shipmentId, 'delivered', { proofReference: `POD-${s.shipmentId.slice(0, 8)}` }))) return;
  if (s.direction === 'return') {
    const lines = new Map();
    for (const p of s.parcels ?? []) for (const it of p.items ?? p.lines ?? []) lines.set(it.skuId, (lines.get(it.skuId) ?? 0) + it.quantity);
    const o = orders.get(s.orderId);
    const inspected = lines.size ? [...lines].map(([skuId, quantity]) => ({ skuId, quantity, resellable: true })) : o.lines.map((l) => ({ ...l, resellable: true }));
    const r = await call('logistics', 'POST', `/v1/returns/${s.returnId}/receipt`, { body: { lines: inspected }, retry422: false });
    if (r.status !== 200 && !(r.status === 422 && /once|already/i.test(JSON.stringify(r.body)))) problems.push(`return ${s.returnId} receipt: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}

// ---------------------------------------------------------------- refunds, answered as the payment provider

async function answerRefunds(stop) {
  const answered = new Set();
  while (!stop.done) {
    const r = await call('orders', 'GET', `/v1/payments/refunds?providerId=${PAY}&status=requested`, { timeoutMs: 10000 });
    if (r.status === 200) {
      for (const f of r.body.items) {
        if (answered.has(f.refundId)) continue;
        const id = `refund-${f.refundId}`;
        const raw = JSON.stringify({ type: 'refund.succeeded', orderId: f.orderId, paymentId: f.paymentId, refundId: f.refundId, amount: f.amount });
        const at = new Date();
        const a = await call('orders', 'POST', `/v1/payments/webhook/${PAY}`, {
          token: null,
          raw,
          headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signers.paySigner.sign(id, at, raw) },
          timeoutMs: 60000,
        });
        if (a.status >= 200 && a.status < 300) answered.add(f.refundId);
      }
    }
    await sleep(1000);
  }
}

// ---------------------------------------------------------------- kills

async function killer(stop, expectedSeconds) {
  const targets = ['kafka', ...stack.services.keys()];
  const plan = [];
  while (plan.length < KILLS) plan.push(...[...targets].sort(() => Math.random() - 0.5));
  plan.length = Math.max(KILLS, 0);
  // Spread over the time orders are placed and flowing; a kill does not wait for the previous restart (two may be down at once).
  const gap = Math.max(3000, (expectedSeconds * 1000) / (KILLS + 1));
  const kills = [];
  const down = new Set();
  const running = [];
  for (let target of plan) {
    await sleep(gap * (0.6 + Math.random() * 0.8));
    if (stop.done && kills.length + running.length >= KILLS) break;
    if (down.has(target)) target = targets.find((t) => !down.has(t)) ?? target;
    while (down.has(target)) await sleep(200);
    const downMs = 500 + Math.floor(Math.random() * 2500);
    log(`SIGKILL ${target} (down ${downMs} ms)`);
    down.add(target);
    running.push(
      stack
        .kill(target, downMs)
        .then((ms) => {
          kills.push({ target, ms });
          log(`${target} back after ${(ms / 1000).toFixed(1)} s`);
        })
        .catch((e) => {
          problems.push(`restarting ${target}: ${e.message}`);
          kills.push({ target, ms: NaN });
        })
        .finally(() => down.delete(target)),
    );
  }
  await Promise.all(running);
  return kills;
}

/** `fn` over `items`, `n` at a time. */
async function eachLimited(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

// ---------------------------------------------------------------- verification

async function verify(chaos, handled) {
  const diffs = [];
  const list = [...orders.values()];
  // Orders: state, totals, refunds.
  const statusCount = {};
  await eachLimited(list, 8, async (o) => {
    const r = await call('orders', 'GET', `/v1/orders/${o.orderId}`, { timeoutMs: 30000 });
    if (r.status !== 200) {
      diffs.push(`order ${o.orderId}: GET ${r.status}`);
      return;
    }
    const v = r.body;
    o.view = v;
    statusCount[`${o.intent}→${v.status}`] = (statusCount[`${o.intent}→${v.status}`] ?? 0) + 1;
    const exp = expectedTotals(o, catalog, MARKET);
    const got = v.totals;
    if (got.subtotal.amount !== exp.subtotal || got.shipping.amount !== exp.shipping || got.total.amount !== exp.total) {
      diffs.push(`order ${o.orderId}: totals ${got.subtotal.amount}+${got.shipping.amount}=${got.total.amount}, expected ${exp.subtotal}+${exp.shipping}=${exp.total}`);
    }
    const wantStatus = { completed: ['completed'], 'cancel-unpaid': ['cancelled'], 'cancel-paid': ['cancelled'], returned: ['completed', 'returned'] }[o.intent];
    if (!wantStatus.includes(v.status)) diffs.push(`order ${o.orderId} (${o.intent}): status ${v.status}`);
    const refunded = (v.refunds ?? []).filter((f) => f.status === 'confirmed').reduce((s, f) => s + f.amount.amount, 0);
    const wantRefund = o.intent === 'cancel-paid' || o.intent === 'returned' ? exp.total : 0;
    if (refunded !== wantRefund) diffs.push(`order ${o.orderId} (${o.intent}): refunded ${refunded}, expected ${wantRefund}`);
    const open = (v.refunds ?? []).filter((f) => f.status !== 'confirmed');
    if (open.length) diffs.push(`order ${o.orderId}: refunds not settled: ${JSON.stringify(open)}`);
  });

  // Stock.
  const wantStock = expectedStock(list, initialStock);
  for (const [skuId, want] of wantStock) {
    const s = must(await call('catalog', 'GET', `/v1/stock/${encodeURIComponent(skuId)}`), `stock ${skuId}`, [200]);
    if (s.onHand !== want || s.reserved !== 0 || s.available !== want) diffs.push(`stock ${skuId}: onHand ${s.onHand} reserved ${s.reserved} available ${s.available}, expected onHand ${want}, reserved 0`);
  }

  // The commission ledger, member by member.
  const { net, lineCount } = expectedCommission(list, catalog, members, MARKET);
  const gotNet = new Map();
  const gotLines = new Map();
  const entryIds = new Set();
  const perLineKind = new Map();
  let entries = 0;
  const ours = new Set(list.map((o) => o.orderId));
  const statements = new Map();
  await eachLimited([...members.keys()], 8, async (id) => {
    statements.set(id, must(await call('commission', 'GET', `/v1/members/${id}/commissions`, { token: FINANCE }), `statement ${id}`, [200]));
  });
  for (const [id, st] of statements) {
    for (const e of st.entries) {
      if (!ours.has(e.orderId)) continue;
      entries++;
      if (entryIds.has(e.entryId)) diffs.push(`ledger: entry ${e.entryId} listed twice`);
      entryIds.add(e.entryId);
      const k = `${e.orderId}|${id}|${e.rule}|${e.level}`;
      gotNet.set(k, (gotNet.get(k) ?? 0) + e.amountMinor);
      if (e.kind === 'estimate') gotLines.set(k, (gotLines.get(k) ?? 0) + 1);
      const lk = `${e.lineId}|${e.kind}`;
      perLineKind.set(lk, (perLineKind.get(lk) ?? 0) + 1);
    }
  }
  for (const [lk, n] of perLineKind) if (n > 1) diffs.push(`ledger: line ${lk} has ${n} entries of that kind (a duplicate)`);
  for (const k of new Set([...net.keys(), ...gotNet.keys()])) {
    if ((net.get(k) ?? 0) !== (gotNet.get(k) ?? 0)) diffs.push(`ledger ${k}: ${gotNet.get(k) ?? 'none'}, expected ${net.get(k) ?? 'none'}`);
    if ((lineCount.get(k) ?? 0) !== (gotLines.get(k) ?? 0)) diffs.push(`ledger ${k}: ${gotLines.get(k) ?? 0} estimate lines, expected ${lineCount.get(k) ?? 0}`);
  }
  const expectedPayout = [...net.values()].reduce((s, v) => s + v, 0);
  const ledgerTotal = [...gotNet.values()].reduce((s, v) => s + v, 0);

  // Dead letters: exactly the poison, in each service that handles its type.
  const dlq = await readDeadLetters(kafka, [...stack.services.keys()], (s) => contracts.deadLetterTopic(s).name);
  const found = new Map();
  for (const [service, items] of dlq) {
    for (const it of items) {
      if (!it.poison) diffs.push(`dead letter in ${service} that was no poison: ${it.type} on ${it.topic}: ${it.reason}`);
      else if (!chaos.poisons.has(it.poison)) diffs.push(`dead letter in ${service}: unknown poison ${it.poison}`);
      else found.set(it.poison, new Set([...(found.get(it.poison) ?? []), service]));
    }
  }
  for (const p of chaos.poisons.values()) {
    const where = found.get(p.id) ?? new Set();
    const missing = p.expected.filter((s) => !where.has(s));
    const extra = [...where].filter((s) => !p.expected.includes(s));
    if (missing.length) diffs.push(`poison ${p.id} (${p.kind}, ${p.type} on ${p.topic}) missing from the dead letters of ${missing.join(', ')}`);
    if (extra.length) diffs.push(`poison ${p.id} (${p.kind}, ${p.type} on ${p.topic}) dead-lettered by ${extra.join(', ')}, which do not handle it`);
  }
  const dlqCount = [...dlq.values()].reduce((s, items) => s + items.length, 0);
  return { diffs, statusCount, entries, expectedPayout, ledgerTotal, dlqCount, handledServices: [...handled.keys()].length };
}

// ---------------------------------------------------------------- the run

async function main() {
  log(`${ORDERS} orders, ${KILLS} kills, ${RATE} orders/s, return window ${RETURN_WINDOW_S} s; own stack: Kafka ${localUrls.kafkaBrokers}, database ${localUrls.mongoUrl}, state ${path.relative(ROOT, paths.state)}/`);
  await stack.startInfra();
  await stack.startServices();
  log('six services ready');
  kafka = new Kafka({ clientId: 'faults', brokers: [localUrls.kafkaBrokers], logLevel: logLevel.NOTHING, retry: { retries: 1000, maxRetryTime: 2000 } });
  signers = await setUp();
  log(`set up: ${catalog.size} SKUs, ${members.size} members, provider ${PROVIDER}, payments ${PAY}`);

  // The shop front's view of the order events, and the provider's handoff topic.
  const observer = kafka.consumer({ groupId: `faults-observer-${randomUUID()}`, sessionTimeout: 10000, heartbeatInterval: 1000, retry: { retries: 1000, maxRetryTime: 2000 } });
  clients.push(observer);
  await observer.connect();
  await observer.subscribe({ topics: [contracts.Topics.ordersOrders.name, contracts.providerHandoffTopic(PROVIDER).name], fromBeginning: true });
  await observer.run({
    eachMessage: async ({ topic, message }) => {
      let env;
      try {
        env = JSON.parse(message.value.toString());
      } catch {
        return;
      }
      if (!env?.data || message.headers?.['fault-poison']) return;
      if (topic === contracts.Topics.ordersOrders.name) {
        const o = orders.get(env.data.orderId);
        if (o) onOrderEvent(o, env.type);
        else early.set(env.data.orderId, [...(early.get(env.data.orderId) ?? []), env.type]);
      } else if (env.type === 'ShipmentRequested' && !shipments.has(env.data.shipmentId)) {
        shipments.set(env.data.shipmentId, env.data);
        limited(() => carry(env.data)).catch((e) => problems.push(`shipment ${env.data.shipmentId}: ${e.message}`));
      }
    },
  });

  const handled = handledTypes(ROOT);
  const consumed = contracts.allStaticTopics().map((t) => t.name).filter((t) => !t.includes('dead-letters') && !t.startsWith('commission.'));
  const chaos = new Chaos({ kafka, topics: consumed, handled, log });
  await chaos.start();

  const stop = { done: false };
  const refunds = answerRefunds(stop);
  const expectedSeconds = ORDERS / RATE + RETURN_WINDOW_S;
  const kills = killer(stop, expectedSeconds);

  // Place the orders at the rate, each with its script.
  const t1 = Date.now();
  const placing = [];
  for (let i = 0; i < ORDERS; i++) {
    const due = t1 + (i * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    placing.push(limited(() => place(planOrder(i))));
    if ((i + 1) % 200 === 0) log(`placed ${i + 1}/${ORDERS}; done ${[...orders.values()].filter(done).length}`);
  }
  await Promise.all(placing);
  log(`all ${orders.size} orders placed in ${((Date.now() - t1) / 1000).toFixed(0)} s`);

  // Wait for every order's script to end, nudging any that made no progress (an event missed while we were down).
  const deadline = t0 + DEADLINE_MS;
  let lastLog = 0;
  for (;;) {
    const pending = [...orders.values()].filter((o) => !done(o));
    if (!pending.length || Date.now() > deadline) break;
    if (Date.now() - lastLog > 10000) {
      lastLog = Date.now();
      const by = {};
      for (const o of pending) by[o.intent] = (by[o.intent] ?? 0) + 1;
      log(`waiting for ${pending.length} orders: ${JSON.stringify(by)}`);
    }
    // A few at a time, the longest quiet first: a GET per waiting order would load the service the run measures.
    const quiet = pending.filter((x) => Date.now() - x.lastProgress > 90000).sort((a, b) => a.lastProgress - b.lastProgress);
    for (const o of quiet.slice(0, 2)) {
      o.lastProgress = Date.now();
      act(o, `nudge-${Date.now()}`, () => nudge(o));
    }
    await sleep(1000);
  }
  stop.done = true;
  const killList = await kills;
  await refunds;
  await chaos.stop();
  const notDone = [...orders.values()].filter((o) => !done(o));
  log(`order scripts ended: ${orders.size - notDone.length}/${orders.size} reached their end${notDone.length ? `; ${notDone.length} did not` : ''}`);

  // Let the last events settle (ledger, stock), then compare; a few tries while consumers catch up.
  let result;
  for (let attempt = 1; attempt <= 3; attempt++) {
    await sleep(attempt === 1 ? 5000 : 10000);
    result = await verify(chaos, handled);
    if (!result.diffs.length) break;
    log(`verification ${attempt}: ${result.diffs.length} differences${attempt < 3 ? '; looking again' : ''}`);
  }
  const figures = chaos.figures();
  const seconds = (Date.now() - t0) / 1000;
  const intents = {};
  for (const o of orders.values()) intents[o.intent] = (intents[o.intent] ?? 0) + 1;
  console.log('');
  console.log('fault run');
  console.log(`  orders placed            ${orders.size} of ${ORDERS}: ${JSON.stringify(intents)}`);
  console.log(`  final states             ${JSON.stringify(result.statusCount)}`);
  console.log(`  kills (SIGKILL)          ${killList.length}: ${killList.map((k) => `${k.target} ${(k.ms / 1000).toFixed(1)} s`).join(', ')}`);
  console.log(`  events seen / twice      ${figures.real} / ${figures.duplicated} (${((100 * figures.duplicated) / Math.max(1, figures.real)).toFixed(1)} %)`);
  console.log(`  poison messages          ${figures.poisons} ${JSON.stringify(figures.byKind)}; dead letters read ${result.dlqCount}`);
  console.log(`  ledger entries           ${result.entries}; net ${result.ledgerTotal} minor, recomputed ${result.expectedPayout}`);
  console.log(`  shipments carried        ${shipments.size}`);
  console.log(`  time                     ${seconds.toFixed(0)} s`);
  const all = [...problems, ...result.diffs];
  if (all.length) {
    failed = true;
    console.log(`\nFAILED: ${all.length} differences:`);
    for (const d of all.slice(0, 200)) console.log(`  - ${d}`);
    if (all.length > 200) console.log(`  … and ${all.length - 200} more`);
  }
  console.log(`\nfaults: ${all.length ? 0 : 1} passed, ${all.length ? 1 : 0} failed`);
}

try {
  await main();
} catch (e) {
  failed = true;
  console.error(`[faults] ${e.stack ?? e.message}`);
} finally {
  await cleanup(failed ? 1 : 0);
}
process.exit(failed ? 1 : 0);
