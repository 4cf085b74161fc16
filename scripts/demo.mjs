#!/usr/bin/env node
/**
 * `npm run demo`: the whole business, end to end, through the public HTTP
 * routes, the signed payment webhooks and the sample logistics provider —
 * never by writing a database or producing to a topic.
 *
 *   1. suppliers with tiered price lists, a pricing policy, products whose
 *      prices the policy derives from their cost, reorder points;
 *   2. a network of a few thousand members under a handful of roots,
 *      consumers and operators, some consumers upgraded;
 *   3. a procurement run from the reorder points, purchase orders confirmed
 *      and received in part and in full, invoices matched and paid; a second
 *      price list with a lower tier and a second run, so the cost drop flows
 *      into retail prices and operator margins;
 *   4. orders by members and guests, paid by signed sandbox webhooks, shipped
 *      and delivered by the sample provider (scripts/provider-sim.mjs), some
 *      cancelled, some returned and refunded;
 *   5. the return windows ended (a stack started with `npm start -- --demo`,
 *      or by this script, has windows of 3 minutes), the commission periods
 *      closed, a payout batch drafted, approved by a second finance user and
 *      issued; then a summary for the business owner.
 *
 * Uses the running stack on the registry's ports, or starts one with the
 * demo settings (scripts/start.mjs) and stops it at the end (`--keep` leaves
 * it running). Run again on the same stack, it adds to the business.
 * Flags: see `npm run demo -- --help`.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { paths, ROOT } from './infra.mjs';
import { anyAnswers, call, callerSecret, HttpError, money, pool, signed, stackReady, urls, waitUntil } from './lib/demo-client.mjs';
import { address, MARKETS, personName, POLICY, PRODUCTS, random, SECOND_LIST_TIERS, share, SUPPLIERS } from './lib/demo-world.mjs';

const HELP = `usage: npm run demo -- [flags]
  --members N        members to register under the roots (default 3000)
  --roots N          company-sponsored root operators (default 5)
  --products N       products, 1..${PRODUCTS.length} (default 12)
  --orders N         orders to place (default 400)
  --guest-share P    share of orders placed by guests, 0..1 (default 0.3)
  --cancel-share P   share of orders cancelled, half before and half after payment (default 0.06)
  --return-share P   share of delivered orders with a return (default 0.08)
  --concurrency N    requests / orders in flight at once (default 8)
  --wait-minutes N   longest wait for return windows to end (default 8)
  --seed N           seed of the demo's choices (default: the run's time)
  --keep             leave a stack this command started running
  --help`;

const { values: flags } = parseArgs({
  options: {
    members: { type: 'string', default: '3000' },
    roots: { type: 'string', default: '5' },
    products: { type: 'string', default: '12' },
    orders: { type: 'string', default: '400' },
    'guest-share': { type: 'string', default: '0.3' },
    'cancel-share': { type: 'string', default: '0.06' },
    'return-share': { type: 'string', default: '0.08' },
    concurrency: { type: 'string', default: '8' },
    'wait-minutes': { type: 'string', default: '8' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(HELP);
  process.exit(0);
}
function num(name, min, max, integer = true) {
  const v = Number(flags[name]);
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    console.error(`--${name}=${flags[name]}: must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}\n${HELP}`);
    process.exit(2);
  }
  return v;
}
const MEMBERS = num('members', 0, 100_000);
const ROOTS = num('roots', 1, 50);
const PRODUCT_COUNT = num('products', 1, PRODUCTS.length);
const ORDERS = num('orders', 0, 20_000);
const GUEST_SHARE = num('guest-share', 0, 1, false);
const CANCEL_SHARE = num('cancel-share', 0, 1, false);
const RETURN_SHARE = num('return-share', 0, 1, false);
const CONCURRENCY = num('concurrency', 1, 64);
const WAIT_MINUTES = num('wait-minutes', 0, 120);
const t0 = Date.now();
const RUN = new Date().toISOString().replace(/[-:T]/g, '').slice(2, 14) + Math.random().toString(36).slice(2, 5);
const rng = random(flags.seed !== undefined ? Number(flags.seed) : t0);
const CURRENCY = 'EUR';
const eur = (amount) => ({ amount, currency: CURRENCY });
const OPS = ['ops', 'ops-demo'];
const FINANCE_1 = ['finance', 'finance-demo-anna'];
const FINANCE_2 = ['finance', 'finance-demo-ben'];
const SANDBOX_STATE = process.env.SANDBOX_PAY_STATE ?? path.join(ROOT, '.infra', 'sandbox-payments.json');
const PROVIDER_STATE = path.join(ROOT, '.infra', 'demo-providers.json');
const PROVIDERS = [
  { id: 'swift-parcel', name: 'Swift Parcel', countries: ['DE'], priority: 1, dailyCapacity: 150 },
  { id: 'alpine-post', name: 'Alpine Post', countries: ['DE', 'AT', 'CH'], priority: 2, dailyCapacity: 5000 },
];

const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s`;
const say = (msg) => console.log(`[demo ${elapsed()}] ${msg}`);
const step = (n, title) => console.log(`\n[demo ${elapsed()}] ── ${n}. ${title}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const month = (d = new Date()) => d.toISOString().slice(0, 7);
/** A counter that prints every `every` ticks and at the end. */
function progress(label, total, every = Math.max(1, Math.ceil(total / 10))) {
  let done = 0;
  return {
    tick() {
      done++;
      if (done % every === 0 || done === total) say(`${label}: ${done}/${total}`);
    },
  };
}

let stack = null;
const sims = [];

async function main() {
  say(`run ${RUN}: ${MEMBERS} members under ${ROOTS} roots, ${PRODUCT_COUNT} products, ${ORDERS} orders, ${CONCURRENCY} at a time`);
  await ensureStack();

  step(1, 'suppliers, price lists, the pricing policy and products');
  const shop = await setUpShop();

  step(2, 'the network');
  const network = await buildNetwork();

  step(3, 'central buying');
  const firstRun = await procure('first run, from the reorder points', shop, { reorder: { point: 60, quantity: 240 }, partial: true });
  const before = await prices(shop);
  await publishSecondList(shop);
  const secondRun = await procure('second run, after the supplier added a 500-unit tier', shop, { reorder: { point: null, quantity: 500 }, partial: false });
  const after = await waitForRepricing(shop, before);

  step(4, 'orders, payments, shipments, cancellations and returns');
  const logistics = await startProviders();
  const sales = await sell(shop, network, logistics);

  step(5, 'return windows, the commission periods, the payout');
  const completion = await waitForCompletion(sales);
  const commission = await closeAndPay(sales, network);

  await summary({ shop, network, firstRun, secondRun, before, after, sales, completion, commission });
}

// ---------------------------------------------------------------------------------------- the stack

async function ensureStack() {
  if (await stackReady()) {
    say(`using the running stack (${urls.catalog} … ${urls.logistics})`);
    return;
  }
  if (await anyAnswers()) throw new Error('some services answer and others do not: wait for `npm start` to finish, or stop it');
  say('no stack is running: starting one with the demo settings (as `npm start -- --demo`)');
  const { startStack, stopStack, DEMO_SETTINGS } = await import('./start.mjs');
  stack = { stop: stopStack };
  await startStack({ env: DEMO_SETTINGS, logger: (m) => say(`[start] ${m}`) });
}

// ---------------------------------------------------------------------------------------- 1. the shop

async function setUpShop() {
  const policy = await call('catalog', 'PUT', '/v1/pricing-policy', { as: OPS, body: POLICY });
  say(`pricing policy v${policy.version}: member = cost + 40 %, retail = member + 30 %; a cost change passes 40 % to retail prices and 30 % to operator margins`);

  const suppliers = [];
  for (const s of SUPPLIERS) {
    const created = await call('procurement', 'POST', '/v1/suppliers', {
      as: OPS,
      body: { name: `${s.name} (${RUN})`, country: s.country, orderEmail: `orders+${s.key}-${RUN}@example.com`, currency: CURRENCY, paymentTermsDays: 30 },
    });
    suppliers.push({ ...s, id: created.id });
  }
  say(`suppliers: ${suppliers.map((s) => `${s.name} (${s.leadTimeDays} days)`).join(', ')}`);

  const category = await call('catalog', 'POST', '/v1/categories', { as: OPS, body: { name: `Wellness ${RUN}` } });
  const products = await pool(PRODUCTS.slice(0, PRODUCT_COUNT), CONCURRENCY, async ([name, skuName, grams, baseCost]) => {
    const p = await call('catalog', 'POST', '/v1/products', {
      as: OPS,
      body: {
        name,
        description: `${name}, ${skuName}`,
        categoryId: category.id,
        tags: ['wellness', 'demo'],
        // Placeholder prices: the pricing policy gives the first real price from the cost below.
        skus: [{ name: skuName, weightGrams: grams, dimensions: { lengthMm: 150, widthMm: 100, heightMm: 80 }, retailPrice: eur(100), memberPrice: eur(100), bv: 0 }],
      },
    });
    return { productId: p.id ?? p.productId, skuId: p.skus[0].skuId ?? p.skus[0].id, name, baseCost, grams };
  });

  const lists = [];
  for (const s of suppliers) {
    const items = products
      .filter((_, i) => s.key !== 'nordic' || i % 2 === 0)
      .map((p) => ({
        skuId: p.skuId,
        supplierSku: `${s.key.toUpperCase()}-${p.skuId.slice(-6)}`,
        leadTimeDays: s.leadTimeDays,
        minimumOrderQuantity: s.tiers[0][0],
        packSize: 10,
        tiers: s.tiers.map(([minQuantity, bps]) => ({ minQuantity, unitCost: eur(share(p.baseCost, bps)) })),
      }));
    const list = await call('procurement', 'POST', `/v1/suppliers/${s.id}/price-lists`, {
      as: ['supplier', s.id],
      body: { currency: CURRENCY, validFrom: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'), items },
    });
    lists.push(list.id);
  }
  say(`price lists: ${lists.length}, tiers from 50, 200 and 1,000 units`);

  // The first price: the standard cost (the first tier of the nearest supplier), priced by the policy.
  await pool(products, CONCURRENCY, (p) => call('catalog', 'PUT', `/v1/skus/${p.skuId}/standard-cost`, { as: OPS, body: { standardCost: eur(p.baseCost) } }));
  await call('catalog', 'POST', '/v1/pricing-policy/apply', { as: OPS, body: { skuIds: products.map((p) => p.skuId) }, ok: [200, 201] });
  await pool(products, CONCURRENCY, async (p) => {
    await waitUntil(`the policy price of ${p.skuId}`, async () => {
      const product = await call('catalog', 'GET', `/v1/products/${p.productId}`, { as: OPS });
      return product.skus[0].memberPrice.amount > 100 && product;
    });
    await call('catalog', 'POST', `/v1/products/${p.productId}/publish`, { as: OPS, ok: [200, 201] });
  });
  const priced = await prices({ products });
  for (const p of products.slice(0, 3))
    say(`  ${p.name}: cost ${money(p.baseCost)} → member ${money(priced.get(p.skuId).member)}, retail ${money(priced.get(p.skuId).retail)}`);
  say(`${products.length} products published in "Wellness ${RUN}"`);
  return { suppliers, products, lists };
}

/** Current member and retail price per SKU, read from the catalog. */
async function prices(shop) {
  const out = new Map();
  await pool(shop.products, CONCURRENCY, async (p) => {
    const product = await call('catalog', 'GET', `/v1/products/${p.productId}`, { as: OPS });
    const sku = product.skus[0];
    out.set(p.skuId, { retail: sku.retailPrice.amount, member: sku.memberPrice.amount, bv: sku.bv });
  });
  return out;
}

// ---------------------------------------------------------------------------------------- 2. the network

async function buildNetwork() {
  const markets = Object.keys(MARKETS);
  const operators = [];
  const consumers = [];
  for (let i = 0; i < ROOTS; i++) {
    const market = markets[i % markets.length];
    const m = await call('network', 'POST', '/v1/members', {
      as: OPS,
      body: { kind: 'operator', market, name: personName(rng), email: `root-${i}-${RUN}@example.org` },
    });
    operators.push({ id: m.id, code: m.referralCode, market, root: true });
  }
  say(`${ROOTS} roots in ${markets.slice(0, ROOTS).join(', ')}`);
  const tick = progress('members registered', MEMBERS);
  // Sponsors come mostly from the newest operators, so the tree grows deep as well as wide.
  await pool(Array.from({ length: MEMBERS }, (_, i) => i), CONCURRENCY, async (i) => {
    const sponsor = rng.chance(0.7) && operators.length > 20 ? operators[operators.length - 1 - rng.int(20)] : rng.pick(operators);
    const kind = rng.chance(0.25) ? 'operator' : 'consumer';
    const m = await call('network', 'POST', '/v1/members', {
      as: ['member', `applicant-${RUN}-${i}`],
      body: { kind, market: sponsor.market, name: personName(rng), email: `m${i}-${RUN}@example.org`, referralCode: sponsor.code },
      retry409: true,
    });
    (kind === 'operator' ? operators : consumers).push({ id: m.id, code: m.referralCode, market: sponsor.market, sponsorId: sponsor.id });
    tick.tick();
  });
  const upgrading = consumers.filter(() => rng.chance(0.1));
  await pool(upgrading, CONCURRENCY, async (c) => {
    const m = await call('network', 'POST', `/v1/members/${c.id}/upgrade`, { as: ['member', c.id], body: { termsVersion: '2026-01' }, ok: [200, 201] });
    c.code = m.referralCode;
    c.upgraded = true;
  });
  for (const c of upgrading) operators.push(c);
  const stillConsumers = consumers.filter((c) => !c.upgraded);
  const stats = await pool(operators.filter((o) => o.root), CONCURRENCY, (o) => call('network', 'GET', `/v1/members/${o.id}/subtree/stats`, { as: OPS }));
  const depth = Math.max(0, ...stats.map((s) => s.depth ?? 0));
  say(`${operators.length + stillConsumers.length} members: ${operators.length} operators (${upgrading.length} upgraded from consumer), ${stillConsumers.length} consumers, ${depth} levels deep`);
  return { operators, consumers: stillConsumers, upgraded: upgrading.length, depth };
}

// ---------------------------------------------------------------------------------------- 3. central buying

/**
 * Reorder points make demand, a run buys it: each purchase order confirmed
 * by its supplier, received (the first in two receipts when `partial`),
 * invoiced at what arrived (three-way matched) and paid.
 */
async function procure(label, shop, { reorder, partial }) {
  say(`${label}:`);
  const since = new Date().toISOString();
  const signals = new Map();
  await pool(shop.products, CONCURRENCY, async (p) => {
    const d = await call('procurement', 'GET', `/v1/demand/${p.skuId}`, { as: OPS, ok: [200, 404] });
    signals.set(p.skuId, d.signals ?? 0);
    const stock = await call('catalog', 'GET', `/v1/stock/${p.skuId}`, { as: OPS, ok: [200, 404] });
    const available = stock.available ?? 0;
    // A reorder point at or above what is available crosses at once: the catalog raises ReorderPointReached.
    const point = reorder.point ?? available + 1;
    await call('catalog', 'PUT', `/v1/stock/${p.skuId}/reorder`, { as: OPS, body: { reorderPoint: point, reorderQuantity: reorder.quantity } });
  });
  await pool(shop.products, CONCURRENCY, (p) =>
    waitUntil(`procurement to see the demand of ${p.skuId}`, async () => {
      const d = await call('procurement', 'GET', `/v1/demand/${p.skuId}`, { as: OPS, ok: [200, 404] });
      // A new signal is what shows procurement saw the demand: a run scheduled by the end of its batch
      // window (PROCUREMENT_BATCH_WINDOW) may already have bought it, leaving nothing to reorder.
      return (d.signals ?? 0) > signals.get(p.skuId) && d;
    }),
  );
  await pool(shop.lists, CONCURRENCY, (id) =>
    waitUntil(`price list ${id} indexed`, async () => (await call('procurement', 'GET', `/v1/price-lists/${id}`, { as: OPS })).indexedAt),
  );
  const run = await startRun(shop);
  // A run scheduled by the end of a batch window (PROCUREMENT_BATCH_WINDOW) may have bought the demand a moment
  // before ours: take the issued purchase orders of every run since the reorder points were set.
  const runs = (await call('procurement', 'GET', '/v1/procurement-runs', { as: OPS })).items.filter((r) => r.startedAt >= since && r.id !== run.id);
  for (const r of runs) {
    const done = r.status === 'done' ? r : await waitUntil(`procurement run ${r.id}`, async () => {
      const x = await call('procurement', 'GET', `/v1/procurement-runs/${r.id}`, { as: OPS });
      return x.status === 'done' && x;
    }, { timeoutMs: 180_000 });
    say(`  run ${done.id} (${done.trigger}): ${done.summary.bought} SKUs bought for ${money(done.summary.total.amount)} in ${done.orders.length} purchase order(s)`);
    run.orders.push(...done.orders);
  }
  const ours = new Set(shop.products.map((p) => p.skuId));
  const orders = [];
  for (const o of run.orders) {
    const po = await call('procurement', 'GET', `/v1/purchase-orders/${o.purchaseOrderId}`, { as: OPS });
    if (po.status === 'issued') orders.push(po);
  }
  const mine = orders.filter((po) => po.lines.some((l) => ours.has(l.skuId)));
  say(`  run ${run.id}: ${run.summary.bought} SKUs bought for ${money(run.summary.total.amount)} (${run.summary.covered} already covered, ${run.summary.late} only late offers); ${orders.length} purchase order(s) to confirm`);
  let units = 0;
  let invoices = 0;
  for (const [n, po] of orders.entries()) {
    await call('procurement', 'POST', `/v1/purchase-orders/${po.id}/confirmation`, {
      as: ['supplier', po.supplierId],
      body: { supplierReference: `SO-${po.id.slice(-8)}`, deliveryDate: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z' },
      ok: [200, 201],
    });
    const lines = po.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity }));
    const receipts = partial && n === 0 ? splitReceipt(lines) : [lines];
    for (const receiptLines of receipts)
      await call('procurement', 'POST', `/v1/purchase-orders/${po.id}/receipts`, { as: OPS, body: { receiptId: randomUUID(), lines: receiptLines }, ok: [200, 201] });
    if (receipts.length > 1) say(`  ${po.id}: received in ${receipts.length} parts`);
    units += lines.reduce((s, l) => s + l.quantity, 0);
    const invoice = await call('procurement', 'POST', '/v1/supplier-invoices', {
      as: ['supplier', po.supplierId],
      body: {
        supplierId: po.supplierId,
        supplierInvoiceNumber: `INV-${po.id.slice(-10)}`,
        purchaseOrderId: po.id,
        invoiceDate: new Date().toISOString().slice(0, 10) + 'T00:00:00Z',
        lines: po.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, unitCost: l.unitCost })),
      },
      ok: [200, 201, 409],
    });
    if (invoice.id) {
      const matched = await waitUntil(`invoice ${invoice.id} matched`, async () => {
        const i = await call('procurement', 'GET', `/v1/supplier-invoices/${invoice.id}`, { as: FINANCE_1 });
        return i.status && i;
      });
      if (matched.status === 'matched') {
        await call('procurement', 'POST', `/v1/supplier-invoices/${invoice.id}/payment`, { as: FINANCE_1, body: { paymentReference: `PAY-${invoice.id.slice(-8)}` }, ok: [200, 201, 422] });
        invoices++;
      } else say(`  invoice ${invoice.id}: ${matched.status}`);
    }
  }
  say(`  ${orders.length} purchase order(s) confirmed, ${units} units received, ${invoices} invoice(s) matched and paid`);
  await pool(shop.products, CONCURRENCY, (p) =>
    waitUntil(`the receipt of ${p.skuId} in the catalog`, async () => (await call('catalog', 'GET', `/v1/stock/${p.skuId}`, { as: OPS })).onHand > 0),
  );
  return { run, orders: mine, units };
}

function splitReceipt(lines) {
  const first = lines.map((l) => ({ ...l, quantity: Math.floor(l.quantity / 2) })).filter((l) => l.quantity > 0);
  const second = lines.map((l) => ({ ...l, quantity: l.quantity - Math.floor(l.quantity / 2) }));
  return [first, second];
}

/** A procurement run now (409 while another is in progress: wait for it), to its end. */
async function startRun() {
  const started = await waitUntil('a procurement run to start', async () => {
    try {
      return await call('procurement', 'POST', '/v1/procurement-runs', { as: OPS, ok: [200, 201, 202] });
    } catch (e) {
      if (e instanceof HttpError && e.status === 409) return null;
      throw e;
    }
  }, { timeoutMs: 180_000, intervalMs: 2000 });
  return waitUntil(`procurement run ${started.id}`, async () => {
    const r = await call('procurement', 'GET', `/v1/procurement-runs/${started.id}`, { as: OPS });
    return r.status === 'done' && r;
  }, { timeoutMs: 180_000 });
}

/** The first supplier's new price list: a 500-unit tier at 75 % of the base cost. */
async function publishSecondList(shop) {
  const s = shop.suppliers[0];
  const items = shop.products.map((p) => ({
    skuId: p.skuId,
    supplierSku: `${s.key.toUpperCase()}-${p.skuId.slice(-6)}`,
    leadTimeDays: s.leadTimeDays,
    minimumOrderQuantity: SECOND_LIST_TIERS[0][0],
    packSize: 10,
    tiers: SECOND_LIST_TIERS.map(([minQuantity, bps]) => ({ minQuantity, unitCost: eur(share(p.baseCost, bps)) })),
  }));
  const list = await call('procurement', 'POST', `/v1/suppliers/${s.id}/price-lists`, {
    as: ['supplier', s.id],
    body: { currency: CURRENCY, validFrom: new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z'), items },
  });
  shop.lists.push(list.id);
  say(`${s.name} published a second price list: from 500 units at 75 % of the first-tier cost`);
}

/** The catalog passes the lower landed cost on (a cost-change ProductPriceChanged): wait until every SKU's price moved. */
async function waitForRepricing(shop, before) {
  await pool(shop.products, CONCURRENCY, (p) =>
    waitUntil(`the new price of ${p.skuId}`, async () => {
      const product = await call('catalog', 'GET', `/v1/products/${p.productId}`, { as: OPS });
      return product.skus[0].retailPrice.amount !== before.get(p.skuId).retail;
    }, { timeoutMs: 60_000 }).catch(() => say(`  ${p.name}: price unchanged`)),
  );
  const after = await prices(shop);
  let retailDrop = 0;
  let marginGain = 0;
  for (const p of shop.products) {
    const b = before.get(p.skuId);
    const a = after.get(p.skuId);
    retailDrop += b.retail - a.retail;
    marginGain += a.retail - a.member - (b.retail - b.member);
  }
  const n = shop.products.length;
  say(`cost drop passed on: retail prices fell by ${money(Math.round(retailDrop / n))} a unit on average, operator margins grew by ${money(Math.round(marginGain / n))} a unit`);
  return after;
}

// ---------------------------------------------------------------------------------------- 4. selling

/** Register (or re-key) the sample providers and start one provider-sim process each. */
async function startProviders() {
  for (const p of PROVIDERS) {
    const body = {
      id: p.id,
      name: p.name,
      regions: p.countries.map((country) => ({ country, postcodePrefixes: [] })),
      limits: { maxWeightGrams: 31_500, maxLengthMm: 1200, maxVolumeCm3: 200_000 },
      serviceLevels: ['standard'],
      acceptanceDeadline: 'PT4H',
      priority: p.priority,
      dailyCapacity: p.dailyCapacity,
    };
    const secret = await callerSecret('logistics', p.id, 'logistics', PROVIDER_STATE, {
      register: () => call('logistics', 'POST', '/v1/providers', { as: OPS, body, ok: [201, 409] }),
    });
    // A saved secret the service no longer knows (a fresh database) is replaced by a new one.
    const probe = JSON.stringify({ shipmentId: 'demo-probe', status: 'accepted', occurredAt: new Date().toISOString(), providerReference: 'probe' });
    const res = await fetch(`${urls.logistics}/v1/providers/${p.id}/updates`, { method: 'POST', headers: signed(secret, probe), body: probe });
    p.secret = res.status === 401 ? await callerSecret('logistics', p.id, 'logistics', PROVIDER_STATE, { forceNew: true, register: () => call('logistics', 'POST', '/v1/providers', { as: OPS, body, ok: [201, 409] }) }) : secret;
    await call('logistics', 'POST', `/v1/providers/${p.id}/reactivate`, { as: OPS, ok: [200, 201, 409, 422] });
    fs.mkdirSync(paths.logs, { recursive: true });
    const out = fs.openSync(path.join(paths.logs, `demo-provider-${p.id}.log`), 'a');
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'provider-sim.mjs'), p.id], {
      cwd: ROOT,
      stdio: ['ignore', out, out],
      env: { ...process.env, PROVIDER_SECRET: p.secret, LOGISTICS_URL: urls.logistics, SIM_ACCEPT_MS: '200', SIM_STEP_MS: '300', SIM_FAILURE_RATE: '0.02' },
    });
    fs.closeSync(out);
    sims.push(child);
  }
  say(`sample providers running: ${PROVIDERS.map((p) => `${p.name} (${p.countries.join(', ')})`).join(', ')}; logs in .infra/logs/demo-provider-*.log`);
  return { providers: PROVIDERS.map((p) => p.id) };
}

async function paymentSecret(forceNew = false) {
  return callerSecret('orders', 'sandbox', 'payments', SANDBOX_STATE, { forceNew });
}

/** A signed sandbox webhook to the orders service (a new secret once if the saved one is refused). */
async function sandbox(body) {
  const raw = JSON.stringify(body);
  let res = await fetch(`${urls.orders}/v1/payments/webhook/sandbox`, { method: 'POST', headers: signed(await paymentSecret(), raw), body: raw });
  if (res.status === 401) res = await fetch(`${urls.orders}/v1/payments/webhook/sandbox`, { method: 'POST', headers: signed(await paymentSecret(true), raw), body: raw });
  if (res.status !== 200) throw new Error(`sandbox ${body.type} for ${body.orderId}: ${res.status} ${await res.text()}`);
}

/** Answer every refund the orders service asked of the sandbox provider, as `npm run pay -- --refunds` does. */
async function answerRefunds() {
  const open = await call('orders', 'GET', '/v1/payments/refunds?providerId=sandbox&status=requested', { as: OPS });
  for (const r of open.items ?? [])
    await sandbox({ type: 'refund.succeeded', orderId: r.orderId, paymentId: r.paymentId, refundId: r.refundId, amount: r.amount });
  return (open.items ?? []).length;
}

async function sell(shop, network, logistics) {
  await paymentSecret();
  const plans = Array.from({ length: ORDERS }, (_, i) => {
    const guest = rng.chance(GUEST_SHARE) || network.consumers.length + network.operators.length === 0;
    const buyer = guest ? null : rng.chance(0.7) && network.consumers.length ? rng.pick(network.consumers) : rng.pick(network.operators);
    const referrer = guest ? rng.pick(network.operators) : null;
    const market = (buyer ?? referrer).market;
    const lineCount = 1 + rng.int(2);
    const skus = new Set();
    while (skus.size < Math.min(lineCount, shop.products.length)) skus.add(rng.pick(shop.products).skuId);
    const r = rng.next();
    const fate = r < CANCEL_SHARE / 2 ? 'cancel-unpaid' : r < CANCEL_SHARE ? 'cancel-paid' : rng.chance(RETURN_SHARE) ? 'return' : 'keep';
    return { i, guest, buyer, referrer, market, lines: [...skus].map((skuId) => ({ skuId, quantity: 1 + rng.int(3) })), fate };
  });
  // The orders service learns members from the network's events: wait until it takes an order from the newest.
  const tick = progress('orders through to their outcome', plans.length);
  const refunder = setInterval(() => void answerRefunds().catch(() => undefined), 3000);
  try {
    const outcomes = await pool(plans, CONCURRENCY, async (plan) => {
      const o = await journey(plan);
      tick.tick();
      return o;
    });
    // The last refunds: returns received after the final pass of the loop above.
    await waitUntil('the last refunds', async () => {
      await answerRefunds();
      const open = await call('orders', 'GET', '/v1/payments/refunds?providerId=sandbox&status=requested', { as: OPS });
      return (open.items ?? []).length === 0;
    }, { timeoutMs: 60_000, intervalMs: 2000 }).catch(() => undefined);
    return { plans, outcomes: outcomes.filter(Boolean), logistics };
  } finally {
    clearInterval(refunder);
  }
}

/** One order from placement to its outcome: delivered, cancelled, or returned and refunded. */
async function journey(plan) {
  const name = plan.buyer ? personName(rng) : `Guest ${personName(rng)}`;
  const body = { market: plan.market, lines: plan.lines, shippingAddress: address(plan.market, name, plan.i) };
  const place = () =>
    plan.guest
      ? call('orders', 'POST', '/v1/guest-orders', { body: { ...body, referralCode: plan.referrer.code }, headers: { 'idempotency-key': `demo-${RUN}-${plan.i}` } })
      : call('orders', 'POST', '/v1/orders', { as: ['member', plan.buyer.id], body, headers: { 'idempotency-key': `demo-${RUN}-${plan.i}` } });
  // A member (or a referral code) registered a moment ago may not have reached the orders service yet.
  const placed = await waitUntil(`order ${plan.i} placed`, async () => {
    try {
      return await place();
    } catch (e) {
      if (e instanceof HttpError && e.status === 422 && /buyer|member|referral|operator/i.test(JSON.stringify(e.body))) return null;
      throw e;
    }
  }, { timeoutMs: 60_000, intervalMs: 1000 });
  const id = placed.orderId;
  const token = placed.accessToken;
  const get = () => call('orders', 'GET', `/v1/orders/${id}`, { as: OPS });
  const until = (statuses, timeoutMs = 90_000) =>
    waitUntil(`order ${id} ${statuses.join(' or ')}`, async () => {
      const o = await get();
      return statuses.includes(o.status) && o;
    }, { timeoutMs, intervalMs: 700 });
  const confirmed = await until(['confirmed', 'rejected', 'cancelled']);
  const result = { id, plan, guest: plan.guest, market: plan.market, total: confirmed.totals.total.amount };
  if (confirmed.status !== 'confirmed') return { ...result, status: confirmed.status };
  if (plan.fate === 'cancel-unpaid') {
    await call('orders', 'POST', `/v1/orders/${id}/cancel`, { as: OPS, ok: [200, 201] });
    return { ...result, status: 'cancelled', paid: false };
  }
  await sandbox({ type: 'payment.succeeded', orderId: id, paymentId: `sandbox_${RUN}_${plan.i}`, amount: confirmed.totals.total });
  if (plan.fate === 'cancel-paid') {
    await call('orders', 'POST', `/v1/orders/${id}/cancel`, { as: OPS, ok: [200, 201, 422] });
    const o = await until(['cancelled', 'shipped', 'delivered']);
    return { ...result, status: o.status, paid: true };
  }
  const delivered = await until(['delivered', 'returned', 'completed', 'cancelled'], 180_000);
  if (delivered.status !== 'delivered' || plan.fate !== 'return') return { ...result, status: delivered.status, paid: true };
  const line = delivered.lines[0];
  const ret = await call('orders', 'POST', plan.guest ? `/v1/guest-orders/${id}/returns` : `/v1/orders/${id}/returns`, {
    as: plan.guest ? undefined : ['member', plan.buyer.id],
    headers: plan.guest ? { 'order-access-token': token } : {},
    body: { lines: [{ lineId: line.lineId, quantity: 1 }], reason: 'changed my mind' },
    ok: [200, 201],
  });
  // The sample provider brings the parcel back; the warehouse inspects it and books it in.
  const shipment = await waitUntil(`the return parcel of ${id} at the warehouse`, async () => {
    const list = await call('logistics', 'GET', `/v1/shipments?orderId=${id}`, { as: OPS });
    return (list.items ?? []).find((s) => s.direction === 'return' && s.status === 'delivered');
  }, { timeoutMs: 120_000, intervalMs: 1000 });
  await call('logistics', 'POST', `/v1/returns/${shipment.returnId}/receipt`, { as: OPS, body: { lines: [{ skuId: line.skuId, quantity: 1, resellable: true }] }, ok: [200, 201, 409] });
  await waitUntil(`the refund of ${id}`, async () => {
    const o = await get();
    return (o.refunds ?? []).some((r) => r.kind === 'return' && r.status === 'confirmed');
  }, { timeoutMs: 120_000, intervalMs: 1500 });
  return { ...result, status: 'delivered', paid: true, returned: ret.returnId ?? true };
}

// ---------------------------------------------------------------------------------------- 5. closing

/** Wait (at most --wait-minutes) for every delivered order's return window to end: orders completed. */
async function waitForCompletion(sales) {
  const open = sales.outcomes.filter((o) => o.status === 'delivered' || o.status === 'shipped');
  if (!open.length) return { completed: 0, open: 0 };
  say(`waiting up to ${WAIT_MINUTES} min for the return windows of ${open.length} delivered orders to end`);
  const deadline = Date.now() + WAIT_MINUTES * 60_000;
  let completed = 0;
  let last = -1;
  while (Date.now() < deadline) {
    const states = await pool(open, CONCURRENCY, async (o) => (await call('orders', 'GET', `/v1/orders/${o.id}`, { as: OPS })).status);
    completed = states.filter((s) => s === 'completed').length;
    for (const [i, s] of states.entries()) open[i].status = s;
    if (completed !== last) say(`  ${completed}/${open.length} completed`);
    last = completed;
    if (completed === open.length) break;
    await sleep(10_000);
  }
  if (completed < open.length)
    say(`  ${open.length - completed} still inside their return window: a stack started by plain \`npm start\` keeps 30-day windows; \`npm start -- --demo\` makes them 3 minutes`);
  return { completed, open: open.length - completed };
}

/**
 * Close each market's period and pay it out. A period is a calendar month:
 * the demo stack (COMMISSION_CLOSE_BEFORE_PERIOD_END=allow) closes this
 * month's early; a stack that refuses (422) gets the latest ended month
 * closed and paid instead (what earlier runs earned), and today's
 * commissions are shown as estimated.
 */
async function closeAndPay(sales, network) {
  const markets = [...new Set(sales.outcomes.map((o) => o.market))].sort();
  const results = [];
  const now = new Date();
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  for (const market of markets) {
    let periodId = `${market}-${month(now)}`;
    let closed = await call('commission', 'POST', `/v1/periods/${periodId}/close`, { as: OPS, ok: [200, 201, 422] });
    let note = '';
    if (closed.statusCode === 422) {
      note = `${periodId} runs to the end of the month (${closed.message ?? 'not ended'}); closed the last ended month instead`;
      periodId = `${market}-${month(previous)}`;
      closed = await call('commission', 'POST', `/v1/periods/${periodId}/close`, { as: OPS, ok: [200, 201, 422] });
    }
    if (closed.statusCode === 422) {
      results.push({ market, periodId, note: `${note}; ${closed.message}` });
      continue;
    }
    results.push({ market, periodId, note, close: closed.lastClose ?? closed });
  }
  // Bank details for every operator who has earned something, so a batch can pay them.
  const earners = await statements(network);
  await pool(earners.filter((e) => e.totalMinor > 0), CONCURRENCY, (e) =>
    call('commission', 'PUT', `/v1/members/${e.memberId}/payee`, {
      as: FINANCE_1,
      body: { accountHolder: `Operator ${e.memberId.slice(-6)}`, iban: 'DE89370400440532013000' },
      ok: [200, 201, 404, 422],
    }),
  );
  for (const r of results.filter((x) => x.close)) {
    const batch = await call('commission', 'POST', '/v1/payout-batches', { as: FINANCE_1, body: { periodId: r.periodId }, ok: [200, 201, 409, 422] });
    if (!batch.batchId) {
      r.batchNote = batch.message;
      continue;
    }
    // The drafter may not approve its own batch: a second finance user does.
    const refused = await call('commission', 'POST', `/v1/payout-batches/${batch.batchId}/approve`, { as: FINANCE_1, ok: [403] }).then(() => true, () => false);
    await call('commission', 'POST', `/v1/payout-batches/${batch.batchId}/approve`, { as: FINANCE_2, ok: [200, 201] });
    const issued = await call('commission', 'POST', `/v1/payout-batches/${batch.batchId}/issue`, { as: FINANCE_2, ok: [200, 201] });
    r.batch = { ...batch, ...issued, drafterRefused: refused };
    say(`  ${r.periodId}: batch ${batch.batchId} drafted by ${FINANCE_1[1]}, approved and issued by ${FINANCE_2[1]}: ${(batch.payments ?? []).length} payee(s)`);
  }
  for (const r of results) say(`  ${r.periodId}: ${r.close ? `closed (run ${r.close.run ?? '?'}, ${r.close.lineCount ?? '?'} lines)` : 'not closed'}${r.note ? ` — ${r.note}` : ''}`);
  return { periods: results, earners };
}

/** This month's statements of every operator of the run (estimated, final, released). */
async function statements(network) {
  const out = await pool(network.operators, CONCURRENCY, async (o) => {
    const s = await call('commission', 'GET', `/v1/members/${o.id}/commissions?period=${o.market}-${month()}`, { as: FINANCE_1, ok: [200, 404] });
    return { memberId: o.id, market: o.market, totalMinor: s.totalMinor ?? 0, estimatedMinor: s.estimatedMinor ?? 0, finalMinor: s.finalMinor ?? 0, releasedMinor: s.releasedMinor ?? 0, entries: s.entries ?? [] };
  });
  return out;
}

// ---------------------------------------------------------------------------------------- the summary

async function summary({ shop, network, firstRun, secondRun, before, after, sales, completion, commission }) {
  const line = (s = '') => console.log(s);
  const ours = new Set(shop.products.map((p) => p.skuId));
  const savings = await call('procurement', 'GET', `/v1/savings?month=${month()}`, { as: FINANCE_1 });
  const mine = (savings.items ?? []).filter((s) => ours.has(s.skuId));
  const paid = mine.reduce((s, x) => s + x.paid.amount, 0);
  const atFirst = mine.reduce((s, x) => s + x.atFirstTier.amount, 0);
  const saved = mine.reduce((s, x) => s + x.saved.amount, 0);
  const units = mine.reduce((s, x) => s + x.units, 0);

  const outcomes = sales.outcomes;
  const orderViews = await pool(outcomes, CONCURRENCY, (o) => call('orders', 'GET', `/v1/orders/${o.id}`, { as: OPS }));
  const byStatus = {};
  for (const [i, o] of outcomes.entries()) {
    const v = orderViews[i];
    const why = v.rejectionReason ?? v.cancellationReason;
    const key = o.returned ? `${v.status}, part returned and refunded` : why ? `${v.status} (${why})` : v.status;
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  let revenue = 0;
  let refunded = 0;
  let soldUnits = 0;
  let retailPassed = 0;
  let marginPassed = 0;
  for (const v of orderViews) {
    const paidOrder = v.history.some((h) => h.to === 'paid');
    if (!paidOrder) continue;
    revenue += v.totals.total.amount;
    refunded += (v.refunds ?? []).filter((r) => r.status === 'confirmed').reduce((s, r) => s + r.amount.amount, 0);
    for (const l of v.lines) {
      soldUnits += l.quantity;
      const b = before.get(l.skuId);
      const a = after.get(l.skuId);
      if (b && a) {
        retailPassed += (b.retail - a.retail) * l.quantity;
        marginPassed += (a.retail - a.member - (b.retail - b.member)) * l.quantity;
      }
    }
  }
  const guests = outcomes.filter((o) => o.guest).length;

  const shipments = new Map();
  await pool(outcomes, CONCURRENCY, async (o) => {
    const list = await call('logistics', 'GET', `/v1/shipments?orderId=${o.id}`, { as: OPS });
    for (const s of list.items ?? []) {
      const key = `${s.providerId ?? '(unroutable)'}|${s.direction}|${s.status}`;
      shipments.set(key, (shipments.get(key) ?? 0) + 1);
    }
  });

  const year = new Date().getUTCFullYear();
  const disclosure = await call('commission', 'GET', `/v1/reports/income-disclosure?year=${year}`, { as: FINANCE_1 });
  const earners = await statements(network);
  const estimated = earners.reduce((s, e) => s + e.totalMinor, 0);
  const released = earners.reduce((s, e) => s + e.releasedMinor, 0);
  // The line to explain: a paid override if there is one (it shows the upline), else any paid line.
  const all = earners.flatMap((e) => e.entries.filter((x) => x.amountMinor > 0));
  const sample = all.find((x) => x.level > 0) ?? all[0];
  const explain = sample ? await call('commission', 'GET', `/v1/commission-lines/${sample.lineId}/explain`, { as: FINANCE_1, ok: [200, 404] }) : null;

  const pct = (part, whole) => (whole ? `${((part * 100) / whole).toFixed(1)} %` : '–');
  line('\n══════════════════════════════════════════════════════════════════════════════');
  line(` NetDirect demo ${RUN} — what happened, in ${((Date.now() - t0) / 60_000).toFixed(1)} minutes`);
  line('══════════════════════════════════════════════════════════════════════════════');
  line('\n Central buying');
  line(`   ${units} units bought in ${firstRun.orders.length + secondRun.orders.length} purchase orders from ${shop.suppliers.length} suppliers: paid ${money(paid)},`);
  line(`   ${money(atFirst)} at first-tier prices — the volume tiers saved ${money(saved)} (${pct(saved, atFirst)}).`);
  line(`   Passed on by the pricing policy (40 % to retail prices, 30 % to operator margins) on the ${soldUnits} units sold since:`);
  line(`   customers paid ${money(retailPassed)} less, operators earn ${money(marginPassed)} more margin.`);
  for (const p of shop.products.slice(0, 4)) {
    const b = before.get(p.skuId);
    const a = after.get(p.skuId);
    line(`     ${p.name.padEnd(24)} retail ${money(b.retail)} → ${money(a.retail)}, operator margin ${money(b.retail - b.member)} → ${money(a.retail - a.member)}`);
  }
  line('\n Network');
  line(`   ${network.operators.length + network.consumers.length} members under ${ROOTS} roots, ${network.depth} levels deep: ${network.operators.length} operators (${network.upgraded} upgraded from consumer), ${network.consumers.length} consumers`);
  line('\n Orders and revenue');
  line(`   ${outcomes.length} orders (${guests} by guests, ${outcomes.length - guests} by members): ${Object.entries(byStatus).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  line(`   revenue ${money(revenue)} paid, ${money(refunded)} refunded (cancellations and returns), net ${money(revenue - refunded)}`);
  line(`   return windows: ${completion.completed} orders completed${completion.open ? `, ${completion.open} still in their window` : ''}`);
  line('\n Shipments by provider and status');
  for (const [key, count] of [...shipments.entries()].sort()) {
    const [provider, direction, status] = key.split('|');
    line(`   ${provider.padEnd(14)} ${direction.padEnd(9)} ${status.padEnd(12)} ${count}`);
  }
  line('\n Commissions');
  line(`   this run's operators earned ${money(estimated)} this month (${earners.filter((e) => e.totalMinor > 0).length} of ${earners.length} operators earning), ${money(released)} paid out so far`);
  for (const p of commission.periods) {
    const b = p.batch;
    const payments = b?.payments ?? [];
    line(`   period ${p.periodId}: ${p.close ? `closed, total payout ${money(p.close.totalPayoutMinor ?? 0)}` : 'not closed'}${b ? `; batch ${b.batchId}: ${payments.length} payee(s), ${money(payments.reduce((s, x) => s + (x.amountMinor ?? 0), 0))}, ${b.status ?? 'issued'} (approved by a second finance user${b.drafterRefused ? '; the drafter was refused' : ''})` : p.batchNote ? `; no batch: ${p.batchNote}` : ''}`);
    if (p.note) line(`     note: ${p.note}`);
  }
  line(`\n Income disclosure ${year} (every operator of the business, earning or not)`);
  const d = disclosure.all ?? {};
  line(`   ${d.count ?? 0} operators, ${pct(d.shareEarningBps ?? 0, 10_000)} earned anything; mean ${money(d.meanMinor ?? 0)}, median ${money(d.medianMinor ?? 0)}, p90 ${money(d.p90Minor ?? 0)}, max ${money(d.maxMinor ?? 0)}`);
  for (const r of disclosure.byRank ?? [])
    line(`   ${String(r.rank).padEnd(14)} ${String(r.count).padStart(6)} operators, total ${money(r.totalMinor)}, median ${money(r.medianMinor)}, max ${money(r.maxMinor)}`);
  line('\n Where to look next');
  if (explain?.lineId || sample) {
    line(`   one commission line explained: GET ${urls.commission}/v1/commission-lines/${sample.lineId}/explain (finance token)`);
    const words = explain?.text ?? sample?.explanation;
    if (words) line(`     “${String(words).slice(0, 300)}”`);
  }
  const someOrder = outcomes.find((o) => o.returned) ?? outcomes[0];
  if (someOrder) line(`   an order and its history: GET ${urls.orders}/v1/orders/${someOrder.id}; its shipments: GET ${urls.logistics}/v1/shipments?orderId=${someOrder.id}`);
  line(`   savings: GET ${urls.procurement}/v1/savings?month=${month()}; price history: GET ${urls.catalog}/v1/products/${shop.products[0].productId}/price-history`);
  line(`   a statement: GET ${urls.commission}/v1/members/${(earners.find((e) => e.totalMinor > 0) ?? earners[0])?.memberId}/commissions; income disclosure: GET ${urls.commission}/v1/reports/income-disclosure?year=${year}`);
  line(`   a member's downline: GET ${urls.network}/v1/members/${network.operators[0].id}/downline; every route: ${urls.orders}/docs (each service on its port)`);
  line('   tokens: npm run token -- ops | finance | member <memberId>');
}

async function cleanup() {
  for (const c of sims) if (c.exitCode === null) c.kill('SIGTERM');
  if (stack && !flags.keep) {
    say('stopping the stack this demo started (--keep leaves it running)');
    await stack.stop();
  } else if (stack) say('the stack keeps running (--keep): stop it by ending this command (Ctrl-C)');
}

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
main()
  .then(async () => {
    await cleanup();
    say('done');
    if (!stack || !flags.keep) process.exit(0);
  })
  .catch(async (e) => {
    console.error(`\n[demo ${elapsed()}] failed: ${e.stack ?? e.message}`);
    console.error('service logs: .infra/logs/');
    await cleanup();
    process.exit(1);
  });
