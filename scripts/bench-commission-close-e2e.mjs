#!/usr/bin/env node
/**
 * The commission service's period close end to end (`npm run
 * bench:commission:close-e2e`), against the real service in its own process
 * on the local (or external) Kafka and the embedded store: BENCH_MEMBERS
 * (10,000) members and BENCH_LINES (50,000) order lines paid in one period,
 * closed through `POST /v1/periods/:id/close`, with the service's own split
 * of the time into reading (streaming the network, the period's orders and
 * its ledger entries once), computing (computePeriod in memory) and writing
 * (adjustment lines and standings: only differences).
 *
 * The read models and the ledger are seeded with insertMany straight into
 * the service's collections, shaped as the service writes them: the network
 * (a random tree, 80 % operators), the paid orders with their accrual
 * snapshot, and for every line the estimate the accrual would have written,
 * equal to the final amount except for BENCH_DIFF_BPS (500 = 5 %) of them, so
 * the first close writes that many adjustments. A second close with the same
 * inputs is timed too: it must write nothing.
 *
 * The in-process computation at 1,000,000 members is P's `npm run
 * bench:commission:close` (scripts/bench-commission-close.mjs).
 *
 * Knobs (environment): BENCH_MEMBERS (10000), BENCH_LINES (50000),
 * BENCH_DIFF_BPS (500), BENCH_KEEP=1 keeps the database.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './infra.mjs';
import { machine, vmHwmMiB } from './lib/bench.mjs';
import { benchSetup, serviceProcess } from './lib/bench-service.mjs';

const require = createRequire(import.meta.url);
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const MEMBERS = num('BENCH_MEMBERS', 10_000);
const LINES = num('BENCH_LINES', 50_000);
const DIFF_BPS = num('BENCH_DIFF_BPS', 500);
const PORT = 3920;
const DB = 'netdirect_bench_commission_close';
const MARKET = 'US';
const PERIOD = 'US-2025-01';
const PAID_AT = '2025-01-15T12:00:00.000Z';

const log = (msg) => console.log(`[bench] ${msg}`);

/** A small deterministic generator, so runs compare. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function insertAll(collection, docs) {
  for (let i = 0; i < docs.length; i += 2000) await collection.insertMany(docs.slice(i, i + 2000), { ordered: false });
}

async function main() {
  const setup = await benchSetup({ db: DB });
  const { client, db } = setup;
  const compute = require(path.join(ROOT, 'services', 'commission', 'dist', 'compute', 'compute-period.js'));
  const explain = require(path.join(ROOT, 'services', 'commission', 'dist', 'compute', 'explain.js'));
  const { defaultPlan } = require(path.join(ROOT, 'services', 'commission', 'dist', 'plan', 'plan.js'));
  const OPS = setup.bearer('ops', 'bench-ops');
  const service = serviceProcess({ service: 'commission', port: PORT, setup, log, env: { KAFKA_GROUP_ID: `netdirect-bench-commission-close-${Date.now()}`, KAFKA_FROM_BEGINNING: 'false', COMMISSION_PAYEE_KEY: randomBytes(32).toString('base64') } });
  const results = { machine: machine(), members: MEMBERS, lines: LINES, diffBps: DIFF_BPS };
  try {
    // ------------------------------------------------------------ the network, the paid orders and their estimates
    const random = rng(42);
    const now = new Date();
    const members = [];
    for (let i = 0; i < MEMBERS; i++) {
      const sponsor = i === 0 ? null : members[Math.floor(random() * i)];
      members.push({
        _id: `m${i}`,
        kind: i === 0 || random() < 0.8 ? 'operator' : 'consumer',
        status: random() < 0.97 ? 'active' : 'suspended',
        sponsorId: sponsor?._id ?? null,
        depth: sponsor ? sponsor.depth + 1 : 0,
        uplinePath: sponsor ? [sponsor._id, ...sponsor.uplinePath] : [],
        market: MARKET,
        joinedAt: now,
        registeredBy: `seed-${i}`,
        owners: [{ partyId: `party-m${i}`, name: null, from: '2020-01-01T00:00:00.000Z', transferId: null }],
        updatedAt: now,
      });
    }
    const operators = members.filter((m) => m.kind === 'operator');
    const orders = [];
    const periodLines = [];
    for (let n = 0; n < LINES / 2; n++) {
      const anchor = operators[Math.floor(random() * operators.length)];
      const retail = random() < 0.7;
      const lines = [0, 1].map((k) => ({ lineId: `l${k + 1}`, quantity: 1 + Math.floor(random() * 3), priceKind: retail ? 'retail' : 'member', bvPerUnit: 500 + Math.floor(random() * 4000), unitPriceMinor: 3000, memberUnitPriceMinor: retail ? 2200 : 3000 }));
      const order = { _id: `o${n}`, buyerId: retail ? `g${n}` : anchor._id, buyerKind: retail ? 'guest' : 'operator', sellerId: retail ? anchor._id : null, market: MARKET, currency: 'USD', lines, placedAt: PAID_AT, paidAt: PAID_AT, periodId: PERIOD, accrual: { anchorId: anchor._id, upline: anchor.uplinePath, accruedAt: PAID_AT }, refunds: [] };
      orders.push(order);
      for (const l of lines)
        periodLines.push({ orderId: order._id, orderLineId: l.lineId, paidAt: PAID_AT, buyerId: order.buyerId, buyerKind: retail ? 'guest' : 'member', anchorId: anchor._id, sellerId: order.sellerId, priceKind: l.priceKind, quantity: l.quantity, bv: l.quantity * l.bvPerUnit, unitPriceMinor: l.unitPriceMinor, memberUnitPriceMinor: l.memberUnitPriceMinor, upline: anchor.uplinePath });
    }
    const plan = defaultPlan(MARKET);
    const final = compute.computePeriod({ periodId: PERIOD, market: MARKET, currency: 'USD', plan, members: members.map((m) => ({ memberId: m._id, sponsorId: m.sponsorId, kind: m.kind, active: m.status === 'active' })), lines: periodLines });
    const entries = final.lines
      .filter((l) => l.amountMinor !== 0 || l.breakageMinor !== 0)
      .map((l) => ({
        _id: l.lineId, lineId: l.lineId, kind: 'estimate', orderId: l.orderId, orderLineId: l.orderLineId, linePeriodId: PERIOD, periodId: PERIOD, market: MARKET, currency: 'USD',
        beneficiaryId: l.beneficiaryId, payeePartyId: `party-${l.beneficiaryId}`, sourceMemberId: 'x', rule: l.rule, level: l.level, bv: l.bv, baseMinor: l.baseMinor, rateBps: l.rateBps,
        uncappedMinor: l.uncappedMinor, amountMinor: random() * 10_000 < DIFF_BPS ? l.amountMinor + 1 + Math.floor(random() * 50) : l.amountMinor,
        breakageMinor: l.breakageMinor, breakageReason: l.breakageReason, skipped: l.skipped, planId: plan.planId, planVersion: plan.version, explanation: explain.explainLine(l, plan, 'USD'), createdAt: now, batchId: null,
      }));
    const finalAmount = new Map(final.lines.map((l) => [l.lineId, l.amountMinor]));
    const differing = entries.filter((e) => e.amountMinor !== finalAmount.get(e._id)).length;
    log(`seeding ${MEMBERS} members, ${orders.length} orders (${periodLines.length} lines), ${entries.length} estimates (${differing} differ from the final lines)`);
    await service.start();
    await insertAll(db.collection('network_members'), members);
    await insertAll(db.collection('commission_orders'), orders);
    await insertAll(db.collection('commission_entries'), entries);

    // ------------------------------------------------------------ close, then close again
    const close = async () => {
      const t0 = performance.now();
      const res = await fetch(`${service.url}/v1/periods/${PERIOD}/close`, { method: 'POST', headers: { authorization: OPS } });
      if (res.status !== 200) throw new Error(`close answered ${res.status}: ${await res.text()}`);
      return { wallMs: performance.now() - t0, ...(await res.json()).lastClose };
    };
    const first = await close();
    const second = await close();
    results.first = first;
    results.second = second;
    results.peakMiB = vmHwmMiB(service.pid);
    const show = (label, c) =>
      console.log(`${label}: ${(c.wallMs / 1000).toFixed(2)} s end to end = reading ${c.timings.readMs} ms (of which the ledger's entries ${c.timings.readLedgerMs ?? '?'} ms) + computing ${c.timings.computeMs} ms + writing ${c.timings.writeMs} ms; ${c.lineCount} lines, ${c.adjustmentsWritten} adjustments and ${c.standingsWritten} standings written`);
    console.log('');
    console.log(`machine: ${results.machine}`);
    show(`first close (${MEMBERS} members, ${periodLines.length} order lines, ${differing} estimates off)`, first);
    show('second close, same inputs', second);
    console.log(`service peak resident memory ${results.peakMiB.toFixed(0)} MiB`);
    console.log(JSON.stringify(results));
  } finally {
    await service.stop();
    if (process.env.BENCH_KEEP !== '1') await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
