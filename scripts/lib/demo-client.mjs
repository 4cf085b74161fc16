/**
 * What `npm run demo` talks to the stack with: the six services' public HTTP
 * routes with bearer tokens of the right role, Standard Webhooks signatures
 * for the sandbox payment provider, a small worker pool and a poller. Only
 * what an outside caller may use: no database, no Kafka producer.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../infra.mjs';

const require = createRequire(import.meta.url);
const { signToken, DEV_JWT_SECRET } = require(path.join(ROOT, 'libs', 'runtime', 'dist', 'index.js'));
const { SERVICE_REGISTRY } = require(path.join(ROOT, 'libs', 'contracts', 'dist', 'index.js'));
const { Webhook } = require('standardwebhooks');

/** Base URL of each service by name, from the registry's ports (`<NAME>_URL` overrides, as pay.mjs reads ORDERS_URL). */
export const urls = Object.fromEntries(
  SERVICE_REGISTRY.map(({ name, port }) => [name, (process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${port}`).replace(/\/$/, '')]),
);

const tokens = new Map();
/** A bearer token for `role` and `subject`, signed as `npm run token` signs it. */
export function bearer(role, subject = `${role}-demo`) {
  const key = `${role}:${subject}`;
  if (!tokens.has(key)) {
    const auth = { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: process.env.JWT_ISSUER ?? 'netdirect' };
    tokens.set(key, `Bearer ${signToken(auth, role, subject, 8 * 3600)}`);
  }
  return tokens.get(key);
}

export class HttpError extends Error {
  constructor(method, url, status, body) {
    super(`${method} ${url} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 600));
    this.status = status;
    this.body = body;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One call: `service` names the target, `as` is [role, subject?] or a
 * ready header value. Answers the parsed body; a status outside `ok`
 * (default 2xx) throws HttpError. Connection failures and 5xx are retried
 * a few times (a busy 2-core machine), 409 (a concurrent change) too when
 * `retry409` is set.
 */
export async function call(service, method, url, { as, body, headers = {}, ok, retry409 = false, raw = false } = {}) {
  const auth = as === undefined ? undefined : typeof as === 'string' ? as : bearer(...as);
  for (let attempt = 1; ; attempt++) {
    let res;
    let text;
    try {
      res = await fetch(`${urls[service]}${url}`, {
        method,
        headers: { ...(auth ? { authorization: auth } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      text = await res.text();
    } catch (e) {
      if (attempt < 6) {
        await sleep(300 * attempt);
        continue;
      }
      throw new Error(`${method} ${urls[service]}${url}: ${e.cause?.message ?? e.message}`);
    }
    const parsed = raw ? text : text ? safeJson(text) : null;
    const good = ok ? ok.includes(res.status) : res.status >= 200 && res.status < 300;
    if (good) return raw ? parsed : (parsed ?? {});
    if ((res.status >= 500 || res.status === 429 || (retry409 && res.status === 409)) && attempt < 6) {
      await sleep(300 * attempt);
      continue;
    }
    throw new HttpError(method, url, res.status, parsed);
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Poll `check` until it answers something truthy; fail naming `what` after `timeoutMs`. */
export async function waitUntil(what, check, { timeoutMs = 60_000, intervalMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? ` (${last.message})` : ''}`);
}

/** Run `fn` over `items` with at most `concurrency` at a time; answers the results in order. */
export async function pool(items, concurrency, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** Whether every service answers /health/ready. */
export async function stackReady() {
  const answers = await Promise.all(
    Object.values(urls).map((u) => fetch(`${u}/health/ready`).then((r) => r.status === 200, () => false)),
  );
  return answers.every(Boolean);
}

/** Whether any service answers at all (a stack half up is not one to start beside). */
export async function anyAnswers() {
  const answers = await Promise.all(Object.values(urls).map((u) => fetch(`${u}/health/live`).then(() => true, () => false)));
  return answers.some(Boolean);
}

/**
 * The secret `service` holds for webhook caller `id` (channel `channel`):
 * the one saved in `stateFile` for this URL, else one registered now (a new
 * caller, or a fresh secret for a known one, keeping at most two). The
 * orders service's `sandbox` uses pay.mjs's file, so `npm run pay` and the
 * demo share a secret.
 */
export async function callerSecret(service, id, channel, stateFile, { forceNew = false, register } = {}) {
  const saved = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
  const key = id === 'sandbox' ? urls[service] : `${urls[service]}#${id}`;
  if (!forceNew && saved[key]) return saved[key];
  let secret;
  const created = register
    ? await register()
    : await call(service, 'POST', '/v1/webhook-callers', { as: ['ops'], body: { id, channel, name: id }, ok: [201, 409] });
  secret = created?.secret?.value ?? created?.webhookSecret?.value;
  if (!secret) {
    const caller = await call(service, 'GET', `/v1/webhook-callers/${id}`, { as: ['ops'] });
    const secrets = caller.secrets ?? [];
    for (const s of secrets.slice(0, Math.max(0, secrets.length - 1)))
      await call(service, 'DELETE', `/v1/webhook-callers/${id}/secrets/${s.id}`, { as: ['ops'], ok: [200, 204, 404] });
    const fresh = await call(service, 'POST', `/v1/webhook-callers/${id}/secrets`, { as: ['ops'] });
    secret = fresh.value ?? fresh.secret?.value;
  }
  if (!secret) throw new Error(`no webhook secret for ${id} at ${service}`);
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  const now = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
  fs.writeFileSync(stateFile, JSON.stringify({ ...now, [key]: secret }, null, 2), { mode: 0o600 });
  return secret;
}

/** Headers of a body signed the Standard Webhooks way. */
export function signed(secret, raw) {
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, raw),
  };
}

/** Money for people: 12345 EUR → "€123.45" (integer minor units in, text out; no float arithmetic on amounts). */
export function money(minor, currency = 'EUR') {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minor));
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  const symbol = currency === 'EUR' ? '€' : `${currency} `;
  return `${sign}${symbol}${units}.${cents}`;
}
