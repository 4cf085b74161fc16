import { allocateProportionally, applyRate, FULL_RATE_BPS, MAX_BASIS_POINTS } from '@netdirect/contracts';
import type { PlanVersion, RankRule } from '../plan/plan';
import { lineOf } from './computed-line';
import { LineIdParts } from './line-id';
import type { CommissionRule, ComputedLine, MemberStanding, PeriodInput, PeriodOrderLine, PeriodResult, PeriodTotals, SkippedMember } from './model';
import { columnsOf, PeriodInputColumns } from './period-columns';
import { formatPoints, formatBps } from './units';

/*
 * The close computation of one period, pure and in memory.
 *
 * Shape (fast and lean for 1,000,000 members and 5,000,000 order lines):
 *   - members become integer indexes; sponsor, kind, activity, PV and GV live
 *     in typed arrays; children are one CSR (offsets + indexes) typed array;
 *   - GV is one pass over the members in reverse breadth-first order (every
 *     child before its sponsor), and so are ranks (a leg holds a rank if its
 *     subtree's highest rank does);
 *   - computed lines are columns (typed arrays), materialised as objects only
 *     when asked for ({@link PeriodComputation.line});
 *   - standings are produced only for members with volume or a rank.
 * The input is columns too ({@link PeriodInputColumns}: member indexes and
 * typed arrays, upline snapshots as ranges of one Int32Array); an input of
 * objects is converted first ({@link columnsOf}). An upline is walked only
 * until the plan's levels are filled. Members named by an order line (anchor,
 * seller, upline) but absent from the network have an index ≥ `known`, and
 * are never qualified ("not in the network").
 */

/** Why an upline member was passed over (dynamic compression); index into {@link skipReason}. */
const enum Skip {
  None = 0,
  Consumer = 1,
  Inactive = 2,
  LowPv = 3,
  LowRetailShare = 4,
  Unknown = 5,
}

/** Why part of a line was not paid. */
const enum Breakage {
  None = 0,
  RankLimit = 1,
  Cap = 2,
  RetailMarginCap = 3,
}

const NO_RANK = -1;

/** The columns of the computed lines; grows by doubling. */
class LineColumns {
  size = 0;
  source: Int32Array; // index of the order line in input.lines
  beneficiary: Int32Array; // member index
  level: Uint8Array; // 0 = retail margin
  breakage: Uint8Array; // Breakage
  uncapped: Float64Array;
  amount: Float64Array;
  skipStart: Int32Array; // skipped members of line i: skipPool[skipStart[i] .. skipStart[i + 1])
  skipPool: Int32Array;
  skipSize = 0;

  constructor(capacity: number, skipCapacity: number) {
    const c = Math.max(16, capacity);
    this.source = new Int32Array(c);
    this.beneficiary = new Int32Array(c);
    this.level = new Uint8Array(c);
    this.breakage = new Uint8Array(c);
    this.uncapped = new Float64Array(c);
    this.amount = new Float64Array(c);
    this.skipStart = new Int32Array(c + 1);
    this.skipPool = new Int32Array(Math.max(16, skipCapacity));
  }

  push(source: number, beneficiary: number, level: number, uncapped: number, amount: number, breakage: Breakage): void {
    if (this.size === this.source.length) this.grow();
    const i = this.size++;
    this.source[i] = source;
    this.beneficiary[i] = beneficiary;
    this.level[i] = level;
    this.uncapped[i] = uncapped;
    this.amount[i] = amount;
    this.breakage[i] = breakage;
    this.skipStart[i + 1] = this.skipSize;
  }

  /** Records a skipped member for the NEXT line pushed. */
  skip(member: number): void {
    if (this.skipSize === this.skipPool.length) {
      const next = new Int32Array(this.skipPool.length * 2);
      next.set(this.skipPool);
      this.skipPool = next;
    }
    this.skipPool[this.skipSize++] = member;
  }

  /** Forgets skipped members recorded after the last line (nobody above them was paid). */
  dropPendingSkips(): void {
    this.skipSize = this.skipStart[this.size];
  }

  private grow(): void {
    const c = this.source.length * 2;
    const grow32 = (a: Int32Array, n = c) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(c);
      b.set(a);
      return b;
    };
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(c);
      b.set(a);
      return b;
    };
    this.source = grow32(this.source);
    this.beneficiary = grow32(this.beneficiary);
    this.level = grow8(this.level);
    this.breakage = grow8(this.breakage);
    this.uncapped = grow64(this.uncapped);
    this.amount = grow64(this.amount);
    this.skipStart = grow32(this.skipStart, c + 1);
  }
}

/** A computed period: totals and standings, and the lines readable one at a time. */
export interface PeriodComputation {
  periodId: string;
  planId: string;
  planVersion: number;
  totals: PeriodTotals;
  standings: MemberStanding[];
  lineCount: number;
  /** The i-th computed line as an object (0 ≤ i < lineCount). */
  line(i: number): ComputedLine;
  /** The beneficiary and the paid amount of the i-th line, without building it (no line id). */
  beneficiaryOf(i: number): string;
  amountOf(i: number): number;
  /**
   * The index of the i-th line's order line in the input. The lines of one
   * order line are consecutive, so a close compares them with what the ledger
   * holds per order line by (beneficiary, rule), without their ids.
   */
  orderLineOf(i: number): number;
  ruleOf(i: number): CommissionRule;
  /** The line id of the i-th line, without building the line (what a close writes for a line that differs). */
  lineIdOf(i: number): string;
}

/**
 * Computes a period: PV, GV, qualification, ranks, unilevel overrides with
 * dynamic compression over each line's upline snapshot, rank-limited depth,
 * the payout cap and the retail margin. Returns the lines as columns; use
 * {@link computePeriod} for the array of objects.
 */
export function computePeriodColumns(input: PeriodInput | PeriodInputColumns): PeriodComputation {
  const p = 'lines' in input ? columnsOf(input) : input;
  const { plan, known, seller, retail, bv, quantity, unitPriceMinor, memberUnitPriceMinor, uplineStart, uplineEnd, uplinePool } = p;
  const lineCount = p.orderIds.length;
  const net = indexNetwork(p);
  const standing = qualifyAndRank(net, plan, p);
  const levels = plan.overrideRatesBps.length;
  // Sized once for the most lines the plan can produce: growing typed arrays of hundreds of MiB
  // makes V8 run full collections over the whole input (external memory pressure).
  const cols = new LineColumns(lineCount * (levels + (plan.retailMargin.enabled ? 1 : 0)), lineCount * 2);
  const rankMaxLevel = plan.ranks.map((r) => r.maxLevel);
  const rates = plan.overrideRatesBps;
  const skip = standing.skip;
  const rank = standing.rank;

  let totalBase = 0;
  let retailMargin = 0;
  let overridesUncapped = 0;
  let overridesEligible = 0;
  let retailBreakage = 0;
  const marginEnabled = plan.retailMargin.enabled;
  const marginCapBps = plan.retailMargin.maxShareOfSaleBps ?? null;

  for (let li = 0; li < lineCount; li++) {
    const base = lineBase(bv[li], plan.pointValueMinor);
    totalBase += base;

    if (marginEnabled && retail[li] === 1 && seller[li] >= 0) {
      const margin = quantity[li] * Math.max(0, unitPriceMinor[li] - memberUnitPriceMinor[li]);
      let paid = margin;
      if (marginCapBps !== null) paid = Math.min(margin, applyRate(quantity[li] * unitPriceMinor[li], marginCapBps));
      retailMargin += paid;
      retailBreakage += margin - paid;
      cols.push(li, seller[li], 0, margin, paid, paid < margin ? Breakage.RetailMarginCap : Breakage.None);
    }

    if (levels === 0) continue;
    let level = 0;
    for (let u = uplineStart[li], end = uplineEnd[li]; u < end && level < levels; u++) {
      const m = uplinePool[u];
      if (m >= known || skip[m] !== Skip.None) {
        cols.skip(m);
        continue;
      }
      level++;
      const uncapped = rateOf(base, rates[level - 1]);
      overridesUncapped += uncapped;
      const r = rank[m];
      if (r === NO_RANK || rankMaxLevel[r] < level) {
        cols.push(li, m, level, uncapped, 0, uncapped > 0 ? Breakage.RankLimit : Breakage.None);
      } else {
        overridesEligible += uncapped;
        cols.push(li, m, level, uncapped, uncapped, Breakage.None);
      }
    }
    cols.dropPendingSkips();
  }

  const capMinor = applyRate(totalBase, plan.payoutCapBps);
  let overrides = overridesEligible;
  if (overridesEligible > capMinor) {
    applyCap(cols, p, capMinor);
    overrides = capMinor;
  }

  const totals: PeriodTotals = {
    baseMinor: totalBase,
    retailMarginMinor: retailMargin,
    overridesUncappedMinor: overridesUncapped,
    overridesMinor: overrides,
    capMinor,
    breakageMinor: overridesUncapped - overrides + retailBreakage,
  };
  const capReason =
    `payout cap: overrides of ${overridesEligible} minor units exceed ${formatBps(plan.payoutCapBps)} of the period's base ` +
    `(${capMinor} of ${totalBase}); every override line was scaled down proportionally`;
  const skippedCache = new Map<number, SkippedMember>();
  const skipped = (m: number): SkippedMember => {
    let s = skippedCache.get(m);
    if (!s) {
      s = { memberId: net.ids[m], reason: skipReason(m >= known ? Skip.Unknown : standing.skip[m], m, net, standing, plan) };
      skippedCache.set(m, s);
    }
    return s;
  };

  const idParts = new LineIdParts(lineCount, net.ids.length);
  const ruleOf = (i: number): CommissionRule => (cols.level[i] === 0 ? 'retail-margin' : 'unilevel-override');
  const lineIdOf = (i: number): string => {
    const source = cols.source[i];
    const member = cols.beneficiary[i];
    return idParts.lineId(source, p.orderIds[source], p.orderLineIds[source], member, net.ids[member], ruleOf(i));
  };
  return {
    periodId: p.periodId,
    planId: plan.planId,
    planVersion: plan.version,
    totals,
    standings: standingsOf(net, standing, plan),
    lineCount: cols.size,
    beneficiaryOf: (i) => net.ids[cols.beneficiary[i]],
    amountOf: (i) => cols.amount[i],
    orderLineOf: (i) => cols.source[i],
    ruleOf,
    lineIdOf,
    line(i: number): ComputedLine {
      if (i < 0 || i >= cols.size) throw new RangeError(`line ${i} out of range`);
      const source = cols.source[i];
      const src = { orderId: p.orderIds[source], orderLineId: p.orderLineIds[source], bv: bv[source] };
      const level = cols.level[i];
      const beneficiaryId = net.ids[cols.beneficiary[i]];
      const uncapped = cols.uncapped[i];
      const amount = cols.amount[i];
      const kind = cols.breakage[i] as Breakage;
      const skips: SkippedMember[] = [];
      for (let k = cols.skipStart[i]; k < cols.skipStart[i + 1]; k++) skips.push(skipped(cols.skipPool[k]));
      const reason =
        kind === Breakage.None
          ? null
          : kind === Breakage.Cap
            ? capReason
            : kind === Breakage.RetailMarginCap
              ? `retail margin capped at ${formatBps(marginCapBps ?? 0)} of the sale (${quantity[source]} × ${unitPriceMinor[source]} minor units)`
              : rankLimitReason(plan.ranks[standing.rank[cols.beneficiary[i]]], level);
      const base = level === 0 ? uncapped : lineBase(src.bv, plan.pointValueMinor);
      const rate = level === 0 ? FULL_RATE_BPS : plan.overrideRatesBps[level - 1];
      return lineOf(src, beneficiaryId, ruleOf(i), level, base, rate, uncapped, amount, skips, reason, lineIdOf(i));
    },
  };
}

/** The period's result with every line as an object. */
export function computePeriod(input: PeriodInput): PeriodResult {
  const c = computePeriodColumns(input);
  const lines: ComputedLine[] = new Array<ComputedLine>(c.lineCount);
  for (let i = 0; i < c.lineCount; i++) lines[i] = c.line(i);
  return { periodId: c.periodId, planId: c.planId, planVersion: c.planVersion, lines, standings: c.standings, totals: c.totals };
}

/**
 * `applyRate(base, bps)` (the contracts' rounding rule), without its BigInt
 * arithmetic when the product is a safe integer: then `x / 10 000` rounded to
 * a double never reaches the next integer (x < 2^53 keeps the quotient below
 * 2^40, whose half-ulp is under 10^-4, the least distance of a non-integer
 * quotient to an integer), so truncating it is exact. Larger products go to
 * applyRate itself. A close applies a rate to every override line.
 */
export function rateOf(base: number, bps: number): number {
  const x = base * bps;
  if (Number.isSafeInteger(x) && Number.isInteger(bps) && bps >= 0 && bps <= MAX_BASIS_POINTS) return Math.trunc(x / FULL_RATE_BPS) + 0;
  return applyRate(base, bps);
}

/** A line's base: its BV (hundredths of a point) in minor units, truncated. */
export function lineBase(bv: number, pointValueMinor: number): number {
  return Math.trunc((bv * pointValueMinor) / 100);
}

/** quantity × max(0, retail unit price − member unit price). */
export function retailMarginOf(line: Pick<PeriodOrderLine, 'quantity' | 'unitPriceMinor' | 'memberUnitPriceMinor'>): number {
  return line.quantity * Math.max(0, line.unitPriceMinor - line.memberUnitPriceMinor);
}

/** Why a member at `level` was not paid for it. */
export function rankLimitReason(rank: RankRule | undefined, level: number): string {
  if (rank === undefined) return `level ${level} not paid: the member holds no rank`;
  return `level ${level} not paid: rank ${rank.name} is paid levels 1–${rank.maxLevel} only`;
}

/**
 * Scales every override line so they add up to the cap exactly, with the
 * contracts' proportional allocation over the amounts in (orderId,
 * orderLineId, level) order (ties of the allocation go to the earlier line).
 */
function applyCap(cols: LineColumns, p: PeriodInputColumns, capMinor: number): void {
  const idx: number[] = [];
  for (let i = 0; i < cols.size; i++) if (cols.level[i] > 0) idx.push(i);
  const { orderIds, orderLineIds } = p;
  idx.sort((a, b) => {
    const sa = cols.source[a];
    const sb = cols.source[b];
    if (orderIds[sa] !== orderIds[sb]) return orderIds[sa] < orderIds[sb] ? -1 : 1;
    if (orderLineIds[sa] !== orderLineIds[sb]) return orderLineIds[sa] < orderLineIds[sb] ? -1 : 1;
    return cols.level[a] - cols.level[b];
  });
  const scaled = allocateProportionally(
    capMinor,
    idx.map((i) => cols.amount[i]),
  );
  idx.forEach((i, k) => {
    if (scaled[k] < cols.amount[i]) cols.breakage[i] = Breakage.Cap;
    cols.amount[i] = scaled[k];
  });
}

// ---------------------------------------------------------------- the network

interface IndexedNetwork {
  /** Every member id by index; network members are 0 … known − 1. */
  ids: string[];
  known: number;
  sponsor: Int32Array;
  operator: Uint8Array;
  active: Uint8Array;
  /** Children in CSR form: children of m are childList[childStart[m] .. childStart[m + 1]). */
  childStart: Int32Array;
  childList: Int32Array;
  /** Every member, sponsors before their children (breadth first from the roots). */
  order: Int32Array;
}

function indexNetwork(p: PeriodInputColumns): IndexedNetwork {
  const { known: n, sponsor } = p;
  const childCount = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (sponsor[i] >= 0) childCount[sponsor[i]]++;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) childStart[i + 1] = childStart[i] + childCount[i];
  const fill = childStart.slice(0, n);
  const childList = new Int32Array(childStart[n]);
  for (let i = 0; i < n; i++) if (sponsor[i] >= 0) childList[fill[sponsor[i]]++] = i;

  // Breadth first from the roots; members on a sponsor cycle (never reached) start their own walk.
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  let head = 0;
  let tail = 0;
  const walkFrom = (root: number) => {
    seen[root] = 1;
    order[tail++] = root;
    while (head < tail) {
      const m = order[head++];
      for (let k = childStart[m]; k < childStart[m + 1]; k++) {
        const c = childList[k];
        if (!seen[c]) {
          seen[c] = 1;
          order[tail++] = c;
        }
      }
    }
  };
  for (let i = 0; i < n; i++) if (sponsor[i] < 0 && !seen[i]) walkFrom(i);
  for (let i = 0; i < n; i++) if (!seen[i]) walkFrom(i);

  return { ids: p.memberIds, known: n, sponsor, operator: p.operator, active: p.active, childStart, childList, order };
}

interface Standing {
  pv: Float64Array;
  gv: Float64Array;
  retailGv: Float64Array;
  skip: Uint8Array;
  rank: Int8Array;
}

/** PV, GV (one pass, children first), qualification and ranks. */
function qualifyAndRank(net: IndexedNetwork, plan: PlanVersion, p: PeriodInputColumns): Standing {
  const n = net.known;
  const pv = new Float64Array(n);
  const retailPv = new Float64Array(n);
  const { anchor, bv, retail } = p;
  for (let li = 0; li < anchor.length; li++) {
    const a = anchor[li];
    if (a >= n) continue; // an anchor absent from the network: no one's PV or GV
    pv[a] += bv[li];
    if (retail[li] === 1) retailPv[a] += bv[li];
  }
  const gv = pv.slice();
  const retailGv = retailPv;
  for (let k = n - 1; k >= 0; k--) {
    const m = net.order[k];
    const s = net.sponsor[m];
    if (s >= 0) {
      gv[s] += gv[m];
      retailGv[s] += retailGv[m];
    }
  }

  const { minPv, minRetailShareBps } = plan.qualification;
  const skip = new Uint8Array(n);
  for (let m = 0; m < n; m++) {
    skip[m] = !net.operator[m]
          ? Skip.Consumer
          : !net.active[m]
            ? Skip.Inactive
            : pv[m] < minPv
              ? Skip.LowPv
              : !meetsShare(retailGv[m], gv[m], minRetailShareBps)
                ? Skip.LowRetailShare
                : Skip.None;
  }

  // Ranks, children first: a leg holds the highest rank held anywhere in it.
  const ranks = plan.ranks;
  const rankIndex = new Map(ranks.map((r, i) => [r.id, i]));
  const legRank = ranks.map((r) => (r.legRankId === null ? NO_RANK : (rankIndex.get(r.legRankId) ?? NO_RANK)));
  const rank = new Int8Array(n).fill(NO_RANK);
  const subtreeRank = new Int8Array(n).fill(NO_RANK);
  for (let k = n - 1; k >= 0; k--) {
    const m = net.order[k];
    if (skip[m] === Skip.None) rank[m] = rankOf(m, net, gv[m], ranks, legRank, subtreeRank);
    let best = rank[m];
    for (let c = net.childStart[m]; c < net.childStart[m + 1]; c++) {
      const r = subtreeRank[net.childList[c]];
      if (r > best) best = r;
    }
    subtreeRank[m] = best;
  }
  return { pv, gv, retailGv, skip, rank };
}

function meetsShare(retailGv: number, gv: number, minShareBps: number): boolean {
  if (minShareBps <= 0) return true;
  const lhs = retailGv * FULL_RATE_BPS;
  const rhs = gv * minShareBps;
  if (lhs <= Number.MAX_SAFE_INTEGER && rhs <= Number.MAX_SAFE_INTEGER) return lhs >= rhs;
  return BigInt(retailGv) * BigInt(FULL_RATE_BPS) >= BigInt(gv) * BigInt(minShareBps);
}

/** The highest rank a qualified member reaches, each rank needing the one below. */
function rankOf(m: number, net: IndexedNetwork, gv: number, ranks: RankRule[], legRank: number[], subtreeRank: Int8Array): number {
  let held = NO_RANK;
  for (let r = 0; r < ranks.length; r++) {
    if (gv < ranks[r].minGv) break;
    if (ranks[r].minLegs > 0) {
      let legs = 0;
      for (let c = net.childStart[m]; c < net.childStart[m + 1]; c++) if (subtreeRank[net.childList[c]] >= legRank[r]) legs++;
      if (legs < ranks[r].minLegs || legRank[r] === NO_RANK) break;
    }
    held = r;
  }
  return held;
}

function skipReason(code: number, m: number, net: IndexedNetwork, s: Standing, plan: PlanVersion): string {
  switch (code as Skip) {
    case Skip.Consumer:
      return 'consumer: only operators earn overrides';
    case Skip.Inactive:
      return "operator not active at the period's end";
    case Skip.LowPv:
      return `PV ${formatPoints(s.pv[m])} below the ${formatPoints(plan.qualification.minPv)} points that qualify`;
    case Skip.LowRetailShare:
      return `retail share of GV ${formatShare(s.retailGv[m], s.gv[m])} below the required ${formatBps(plan.qualification.minRetailShareBps)}`;
    case Skip.Unknown:
      return `${net.ids[m]} is not in the network`;
    default:
      return 'qualified';
  }
}

function formatShare(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((part * 100) / whole).toFixed(2)}%`;
}

function standingsOf(net: IndexedNetwork, s: Standing, plan: PlanVersion): MemberStanding[] {
  const out: MemberStanding[] = [];
  for (let m = 0; m < net.known; m++) {
    if (s.gv[m] === 0 && s.rank[m] === NO_RANK) continue;
    const qualified = s.skip[m] === Skip.None;
    const rank = s.rank[m];
    const reasons: string[] = [];
    if (!qualified) reasons.push(skipReason(s.skip[m], m, net, s, plan));
    else if (rank === NO_RANK) reasons.push(`qualified, but GV ${formatPoints(s.gv[m])} reaches no rank`);
    else if (rank + 1 < plan.ranks.length) reasons.push(nextRankGap(plan.ranks[rank + 1], s.gv[m]));
    out.push({ memberId: net.ids[m], pv: s.pv[m], gv: s.gv[m], retailGv: s.retailGv[m], qualified, rank: rank === NO_RANK ? null : plan.ranks[rank].id, reasons });
  }
  return out;
}

function nextRankGap(next: RankRule, gv: number): string {
  const legs = next.minLegs > 0 ? ` and ${next.minLegs} legs holding ${next.legRankId} or higher` : '';
  return `${next.name} needs GV ${formatPoints(next.minGv)}${legs}; GV is ${formatPoints(gv)}`;
}
