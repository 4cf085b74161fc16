#!/usr/bin/env node
/**
 * Commission close benchmark (`npm run bench:commission:close`), in process:
 * the close computation (services/commission compute module, built in
 * services/commission/dist) over BENCH_CLOSE_MEMBERS (default 1,000,000)
 * members and BENCH_CLOSE_LINES (default 5,000,000) order lines of one
 * period, with the default plan. Target: ≤ 30 s and ≤ 4 GB.
 *
 * The network is a random tree (each member's sponsor drawn uniformly among
 * the earlier members: depth about ln N, up to ~40); 70 % operators, 95 %
 * of them active. Each order line is anchored on a random operator, 70 % at
 * retail price, BV 5–100 points, two lines per order; its upline snapshot is
 * the anchor's ancestors (one array per anchor, shared by its lines, as a
 * reader that deduplicates uplines would hand them over).
 *
 * Printed, with the machine:
 *   - generating the input (not part of the close);
 *   - computePeriodColumns: PV, GV, qualification, ranks, every line's
 *     overrides with compression, rank limits, the cap and the retail margin,
 *     into typed-array columns;
 *   - every line's id (a SHA-1 each) and amount: what a close that writes only
 *     differences compares with the ledger (the estimates already hold the lines);
 *   - every line as a whole object with its skipped members, streamed and not
 *     retained: what a close would build if no line had been estimated before;
 *   - heap and resident memory after each step, and the process's peak (VmHWM).
 *
 * Knobs (environment): BENCH_CLOSE_MEMBERS, BENCH_CLOSE_LINES, BENCH_CLOSE_SEED (1).
 * Run with `node --max-old-space-size=6144` if the heap limit is reached
 * (the npm script does). Build first: `npx nx run-many -t build --projects=commission`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { machine, vmHwmMiB } from './lib/bench.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const MEMBERS = num('BENCH_CLOSE_MEMBERS', 1_000_000);
const LINES = num('BENCH_CLOSE_LINES', 5_000_000);
let seed = num('BENCH_CLOSE_SEED', 1) >>> 0 || 1;

/** xorshift32: the same input for the same seed, fast. */
function random() {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 4294967296;
}
const pick = (n) => Math.floor(random() * n);

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
function memory() {
  const m = process.memoryUsage();
  return `heap ${mib(m.heapUsed)}, rss ${mib(m.rss)}, array buffers ${mib(m.arrayBuffers)}`;
}
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

function generate() {
  const { defaultPlan } = require(path.join(ROOT, 'services/commission/dist/plan/plan.js'));
  const ids = new Array(MEMBERS);
  const sponsor = new Int32Array(MEMBERS);
  const members = new Array(MEMBERS);
  const operators = [];
  for (let i = 0; i < MEMBERS; i++) {
    ids[i] = `m${i.toString(36).padStart(6, '0')}`;
    sponsor[i] = i === 0 ? -1 : pick(i);
    const operator = i === 0 || random() < 0.7;
    if (operator) operators.push(i);
    members[i] = { memberId: ids[i], sponsorId: i === 0 ? null : ids[sponsor[i]], kind: operator ? 'operator' : 'consumer', active: random() < 0.95 };
  }
  const uplines = new Array(MEMBERS);
  const uplineOf = (m) => {
    let u = uplines[m];
    if (u === undefined) {
      const s = sponsor[m];
      u = s < 0 ? [] : [ids[s], ...uplineOf(s)];
      uplines[m] = u;
    }
    return u;
  };
  // Sponsors come before their children, so filling in index order never recurses deeply.
  for (let i = 0; i < MEMBERS; i++) uplineOf(i);
  const lines = new Array(LINES);
  let maxDepth = 0;
  for (let k = 0; k < LINES; k++) {
    const anchor = operators[pick(operators.length)];
    const retail = random() < 0.7;
    const orderId = `o${(k >> 1).toString(36)}`;
    const quantity = 1 + pick(3);
    const bvPerUnit = 500 + pick(9501);
    const memberPrice = 1000 + pick(9000);
    const upline = uplines[anchor];
    if (upline.length > maxDepth) maxDepth = upline.length;
    lines[k] = {
      orderId,
      orderLineId: `${orderId}-${k & 1}`,
      paidAt: '2026-11-15T12:00:00.000Z',
      buyerId: retail ? `g${k.toString(36)}` : ids[anchor],
      buyerKind: retail ? 'guest' : 'member',
      anchorId: ids[anchor],
      sellerId: retail ? ids[anchor] : null,
      priceKind: retail ? 'retail' : 'member',
      quantity,
      bv: quantity * bvPerUnit,
      unitPriceMinor: Math.round(memberPrice * 1.25),
      memberUnitPriceMinor: memberPrice,
      upline,
    };
  }
  return { input: { periodId: 'US-2026-11', market: 'US', currency: 'USD', plan: defaultPlan('US'), members, lines }, maxDepth };
}

async function main() {
  const { computePeriodColumns } = require(path.join(ROOT, 'services/commission/dist/compute/compute-period.js'));
  console.log(`commission close benchmark (in process) — ${machine()}`);
  console.log(`members ${MEMBERS.toLocaleString('en')}, order lines ${LINES.toLocaleString('en')}, default plan (5 levels, cap 25 %)`);

  let t = performance.now();
  const { input, maxDepth } = generate();
  console.log(`generate input: ${seconds(performance.now() - t)} (deepest upline ${maxDepth}) — ${memory()}`);
  global.gc?.();
  const before = process.memoryUsage();
  console.log(`input held: ${memory()}`);

  t = performance.now();
  const c = computePeriodColumns(input);
  const computeMs = performance.now() - t;
  console.log(`compute (computePeriodColumns): ${seconds(computeMs)} — ${c.lineCount.toLocaleString('en')} lines, ${c.standings.length.toLocaleString('en')} standings — ${memory()}`);

  // What a close that writes only differences reads of every line: its id and its amount.
  t = performance.now();
  let paid = 0;
  let idChars = 0;
  for (let i = 0; i < c.lineCount; i++) {
    idChars += c.lineIdOf(i).length;
    paid += c.amountOf(i);
  }
  const idsMs = performance.now() - t;
  console.log(`every line's id and amount (the comparison with the ledger): ${seconds(idsMs)} — ${memory()}`);
  if (idChars === 0 || paid !== c.totals.retailMarginMinor + c.totals.overridesMinor) throw new Error('lines do not add up to the totals');

  // Every line as a whole object (what a first close with no estimates at all would write), streamed, not retained.
  t = performance.now();
  let skipped = 0;
  for (let i = 0; i < c.lineCount; i++) skipped += c.line(i).skipped.length;
  const readMs = performance.now() - t;
  console.log(`every line as an object (streamed, not retained): ${seconds(readMs)} — ${skipped.toLocaleString('en')} skipped-member entries — ${memory()}`);

  const after = process.memoryUsage();
  const peak = vmHwmMiB(process.pid);
  console.log(`totals: ${JSON.stringify(c.totals)}`);
  console.log(
    `close computation (compute + ids and amounts): ${seconds(computeMs + idsMs)} (target ≤ 30 s); with every line as an object ${seconds(computeMs + idsMs + readMs)}; heap growth over the input ${mib(after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers)}; ` +
      `process peak (VmHWM, input included) ${peak.toFixed(0)} MiB (target ≤ 4096 MiB)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
