#!/usr/bin/env node
/**
 * A sandbox payment provider for local use:
 *   npm run pay -- <orderId> [amount in minor units]
 *   npm run pay -- --refunds
 * The first sends the orders service (ORDERS_URL, default http://127.0.0.1:3003) a
 * correctly signed Standard Webhooks `payment.succeeded` for the order's
 * total (or the amount given, to try a mismatch held for review), as the
 * provider `sandbox`. On first use it registers `sandbox` as a payments
 * webhook caller through the ops API and keeps its secret in
 * .infra/sandbox-payments.json (git-ignored); if the service no longer knows
 * that secret (a fresh database) it registers a new one. The second answers
 * every refund the service asked of `sandbox` with a signed refund.succeeded.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './infra.mjs';
import { build } from './lib/setup.mjs';

const require = createRequire(import.meta.url);
const dist = path.join(ROOT, 'libs', 'runtime', 'dist', 'index.js');
if (!fs.existsSync(dist)) build();
const { signToken, DEV_JWT_SECRET } = require(dist);
const { Webhook } = require('standardwebhooks');

const PROVIDER = 'sandbox';
const BASE = (process.env.ORDERS_URL ?? 'http://127.0.0.1:3003').replace(/\/$/, '');
const STATE = process.env.SANDBOX_PAY_STATE ?? path.join(ROOT, '.infra', 'sandbox-payments.json');

const [orderId, amountText] = process.argv.slice(2);
if (!orderId || (amountText !== undefined && !/^[0-9]+$/.test(amountText))) {
  console.error('usage: npm run pay -- <orderId> [amount in minor units]   or   npm run pay -- --refunds');
  process.exit(2);
}

const opsToken = signToken(
  { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: process.env.JWT_ISSUER ?? 'netdirect' },
  'ops',
  'ops-sandbox-pay',
  600,
);

async function call(method, url, body) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { authorization: `Bearer ${opsToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A secret the service holds for `sandbox`: the stored one, or a new one registered now. */
async function sandboxSecret(forceNew) {
  const saved = fs.existsSync(STATE) ? JSON.parse(fs.readFileSync(STATE, 'utf8')) : {};
  if (!forceNew && saved[BASE]) return saved[BASE];
  let res = await call('POST', '/v1/webhook-callers', { id: PROVIDER, channel: 'payments', name: 'Sandbox payments' });
  let secret = res.body?.secret?.value;
  if (res.status === 409) {
    // Registered before: make room for a new secret (at most two), then add one.
    const caller = await call('GET', `/v1/webhook-callers/${PROVIDER}`);
    for (const s of (caller.body?.secrets ?? []).slice(0, Math.max(0, (caller.body?.secrets?.length ?? 0) - 1)))
      await call('DELETE', `/v1/webhook-callers/${PROVIDER}/secrets/${s.id}`);
    res = await call('POST', `/v1/webhook-callers/${PROVIDER}/secrets`);
    secret = res.body?.value ?? res.body?.secret?.value;
  }
  if (!secret) throw new Error(`could not register the sandbox provider: ${res.status} ${JSON.stringify(res.body)}`);
  fs.mkdirSync(path.dirname(STATE), { recursive: true });
  fs.writeFileSync(STATE, JSON.stringify({ ...saved, [BASE]: secret }, null, 2), { mode: 0o600 });
  return secret;
}

async function deliver(secret, body) {
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  const raw = JSON.stringify(body);
  const res = await fetch(`${BASE}/v1/payments/webhook/${PROVIDER}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, raw),
    },
    body: raw,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Deliver, registering a new secret once if the stored one is refused. */
async function send(body) {
  const answer = await deliver(await sandboxSecret(false), body);
  return answer.status === 401 ? deliver(await sandboxSecret(true), body) : answer;
}

if (orderId === '--refunds') {
  const open = await call('GET', `/v1/payments/refunds?providerId=${PROVIDER}&status=requested`);
  if (open.status !== 200) {
    console.error(`refunds: ${open.status} ${JSON.stringify(open.body)}`);
    process.exit(1);
  }
  let failed = 0;
  for (const r of open.body.items) {
    const answer = await send({ type: 'refund.succeeded', orderId: r.orderId, paymentId: r.paymentId, refundId: r.refundId, amount: r.amount });
    console.log(`${r.refundId} (${r.amount.amount} ${r.amount.currency} of order ${r.orderId}): ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.status !== 200) failed++;
  }
  if (open.body.items.length === 0) console.log('no refunds requested of sandbox');
  process.exit(failed ? 1 : 0);
}

const order = await call('GET', `/v1/orders/${encodeURIComponent(orderId)}`);
if (order.status !== 200) {
  console.error(`order ${orderId}: ${order.status} ${JSON.stringify(order.body)}`);
  process.exit(1);
}
const total = order.body.totals.total;
const payment = {
  type: 'payment.succeeded',
  orderId,
  paymentId: `sandbox_${randomUUID()}`,
  amount: { amount: amountText !== undefined ? Number(amountText) : total.amount, currency: total.currency },
};
const answer = await send(payment);
console.log(`${answer.status} ${JSON.stringify(answer.body)}`);
process.exit(answer.status === 200 ? 0 : 1);
