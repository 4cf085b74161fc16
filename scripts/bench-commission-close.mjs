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
 * the anchor's ancestors. The input is generated as columns
 * (PeriodInputColumns: member ids once, typed arrays, every upline a range of
 * one Int32Array shared by the anchor's lines), as a reader streaming the
 * period would fill them.
 *
 * Printed, with the machine, each step's wall time and this process's CPU
 * time (other engineers share the 2 cores: CPU time is what the step cost):
 *   - generating the input (not part of the close);
 *   - computePeriodColumns: PV, GV, qualification, ranks, every line's
 *     overrides with compression, rank limits, the cap and the retail margin,
 *     into typed-array columns;
 *   - the comparison with the ledger: every line's order line, beneficiary,
 *     rule and amount (what ClosePeriodService matches against the ledger's
 *     lines of the same order line), and the id of each line that differs
 *     (BENCH_CLOSE_DIFF_BPS, 500 = 5 %), for its adjustment;
 *   - for comparison only: every line's id (one string per line), what the
 *     close computed before it compared by key;
 *   - every line as a whole object with its skipped members, streamed and not
 *     retained: what a close would build if no line had been estimated before;
 *   - heap and resident memory after each step, and the process's peak (VmHWM).
 *
 * Knobs (environment): BENCH_CLOSE_MEMBERS, BENCH_CLOSE_LINES, BENCH_CLOSE_SEED (1), BENCH_CLOSE_DIFF_BPS (500).
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
const DIFF_BPS = num('BENCH_CLOSE_DIFF_BPS', 500);
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
/** CPU time of this process since `from` (user + system): what the step cost, whatever else shares the cores. */
const cpuSince = (from) => {
  const u = process.cpuUsage(from);
  return `${((u.user + u.system) / 1e6).toFixed(2)} s CPU`;
};

/**
 * The input as columns (what the close computes over; a reader streaming a period fills the same
 * arrays): member ids once, typed arrays per member and per order line, and every upline snapshot
 * as a range of one Int32Array. The random draws are those of the earlier object generator, in the
 * same order, so the same seed gives the same period (and the same totals).
 */
function generate() {
  const { defaultPlan } = require(path.join(ROOT, 'services/commission/dist/plan/plan.js'));
  const memberIds = new Array(MEMBERS);
  const sponsor = new Int32Array(MEMBERS).fill(-1);
  const operator = new Uint8Array(MEMBERS);
  const active = new Uint8Array(MEMBERS);
  const operators = [];
  for (let i = 0; i < MEMBERS; i++) {
    memberIds[i] = `m${i.toString(36).padStart(6, '0')}`;
    if (i > 0) sponsor[i] = pick(i);
    const op = i === 0 || random() < 0.7;
    if (op) operators.push(i);
    operator[i] = op ? 1 : 0;
    active[i] = random() < 0.95 ? 1 : 0;
  }
  // Each member's ancestors, nearest first, as a range of one pool: the sponsor, then the sponsor's range.
  const upStart = new Int32Array(MEMBERS);
  const upEnd = new Int32Array(MEMBERS);
  let pool = new Int32Array(MEMBERS * 16);
  let size = 0;
  let maxDepth = 0;
  for (let i = 0; i < MEMBERS; i++) {
    const s = sponsor[i];
    const len = s < 0 ? 0 : 1 + upEnd[s] - upStart[s];
    if (size + len > pool.length) {
      const next = new Int32Array(pool.length * 2);
      next.set(pool);
      pool = next;
    }
    upStart[i] = size;
    if (s >= 0) {
      pool[size++] = s;
      pool.copyWithin(size, upStart[s], upEnd[s]);
      size += len - 1;
    }
    upEnd[i] = size;
    if (len > maxDepth) maxDepth = len;
  }
  const orderIds = new Array(LINES);
  const orderLineIds = new Array(LINES);
  const anchor = new Int32Array(LINES);
  const seller = new Int32Array(LINES);
  const retail = new Uint8Array(LINES);
  const quantity = new Float64Array(LINES);
  const bv = new Float64Array(LINES);
  const unitPriceMinor = new Float64Array(LINES);
  const memberUnitPriceMinor = new Float64Array(LINES);
  const uplineStart = new Int32Array(LINES);
  const uplineEnd = new Int32Array(LINES);
  for (let k = 0; k < LINES; k++) {
    const a = operators[pick(operators.length)];
    const isRetail = random() < 0.7;
    const orderId = k & 1 ? orderIds[k - 1] : `o${(k >> 1).toString(36)}`;
    const q = 1 + pick(3);
    const bvPerUnit = 500 + pick(9501);
    const memberPrice = 1000 + pick(9000);
    orderIds[k] = orderId;
    orderLineIds[k] = `${orderId}-${k & 1}`;
    anchor[k] = a;
    seller[k] = isRetail ? a : -1;
    retail[k] = isRetail ? 1 : 0;
    quantity[k] = q;
    bv[k] = q * bvPerUnit;
    unitPriceMinor[k] = Math.round(memberPrice * 1.25);
    memberUnitPriceMinor[k] = memberPrice;
    uplineStart[k] = upStart[a];
    uplineEnd[k] = upEnd[a];
  }
  const input = {
    periodId: 'US-2026-11', market: 'US', currency: 'USD', plan: defaultPlan('US'),
    memberIds, known: MEMBERS, sponsor, operator, active,
    orderIds, orderLineIds, anchor, seller, retail, quantity, bv, unitPriceMinor, memberUnitPriceMinor,
    uplineStart, uplineEnd, uplinePool: pool.subarray(0, size),
  };
  return { input, maxDepth };
}

async function main() {
  const { computePeriodColumns } = require(path.join(ROOT, 'services/commission/dist/compute/compute-period.js'));
  console.log(`commission close benchmark (in process) — ${machine()}`);
  console.log(`members ${MEMBERS.toLocaleString('en')}, order lines ${LINES.toLocaleString('en')}, default plan (5 levels, cap 25 %)`);

  let t = performance.now();
  let cpu = process.cpuUsage();
  const { input, maxDepth } = generate();
  console.log(`generate input: ${seconds(performance.now() - t)} (${cpuSince(cpu)}) (deepest upline ${maxDepth}) — ${memory()}`);
  global.gc?.();
  const before = process.memoryUsage();
  console.log(`input held: ${memory()}`);

  t = performance.now();
  cpu = process.cpuUsage();
  const c = computePeriodColumns(input);
  const computeMs = performance.now() - t;
  const computeCpu = cpuSince(cpu);
  console.log(`compute (computePeriodColumns): ${seconds(computeMs)} (${computeCpu}) — ${c.lineCount.toLocaleString('en')} lines, ${c.standings.length.toLocaleString('en')} standings — ${memory()}`);

  // What a close that writes only differences reads of every line: its order line, beneficiary, rule and
  // amount, compared with what the ledger holds for that order line (ClosePeriodService); then the id
  // of each line that differs, for its adjustment. Here DIFF_BPS of the lines (5 %) differ.
  t = performance.now();
  cpu = process.cpuUsage();
  let paid = 0;
  let keyed = 0;
  let idChars = 0;
  let lastOrderLine = -1;
  for (let i = 0; i < c.lineCount; i++) {
    const ol = c.orderLineOf(i);
    if (ol !== lastOrderLine) lastOrderLine = ol;
    keyed += c.beneficiaryOf(i).length + (c.ruleOf(i) === 'retail-margin' ? 1 : 0);
    paid += c.amountOf(i);
    if (i % 10_000 < DIFF_BPS) idChars += c.lineIdOf(i).length;
  }
  const idsMs = performance.now() - t;
  const compareCpu = cpuSince(cpu);
  console.log(`every line's order line, beneficiary, rule and amount, and the ids of the ${(DIFF_BPS / 100).toFixed(0)} % that differ (the comparison with the ledger): ${seconds(idsMs)} (${compareCpu}) — ${memory()}`);
  if (keyed === 0 || idChars === 0 || paid !== c.totals.retailMarginMinor + c.totals.overridesMinor) throw new Error('lines do not add up to the totals');

  // Every line's id (what a close would hash if it compared by id, as it did before): for the record.
  t = performance.now();
  cpu = process.cpuUsage();
  for (let i = 0; i < c.lineCount; i++) idChars += c.lineIdOf(i).length;
  const allIdsMs = performance.now() - t;
  console.log(`every line's id (not needed by the close any more; for comparison): ${seconds(allIdsMs)} (${cpuSince(cpu)}) — ${memory()}`);

  // Every line as a whole object (what a first close with no estimates at all would write), streamed, not retained.
  t = performance.now();
  cpu = process.cpuUsage();
  let skipped = 0;
  for (let i = 0; i < c.lineCount; i++) skipped += c.line(i).skipped.length;
  const readMs = performance.now() - t;
  console.log(`every line as an object (streamed, not retained): ${seconds(readMs)} (${cpuSince(cpu)}) — ${skipped.toLocaleString('en')} skipped-member entries — ${memory()}`);

  const after = process.memoryUsage();
  const peak = vmHwmMiB(process.pid);
  console.log(`totals: ${JSON.stringify(c.totals)}`);
  console.log(
    `close computation (compute + comparison): ${seconds(computeMs + idsMs)} wall, ${computeCpu} + ${compareCpu} (target ≤ 30 s); with every line as an object ${seconds(computeMs + idsMs + readMs)}; heap growth over the input ${mib(after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers)}; ` +
      `process peak (VmHWM, input included) ${peak.toFixed(0)} MiB (target ≤ 4096 MiB)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
