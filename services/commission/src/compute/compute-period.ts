import { allocateProportionally, applyRate, FULL_RATE_BPS, MAX_BASIS_POINTS } from '@netdirect/contracts';
import type { PlanVersion, RankRule } from '../plan/plan';
import { lineOf } from './computed-line';
import { LineIdParts } from './line-id';
import type { ComputedLine, MemberStanding, PeriodInput, PeriodOrderLine, PeriodResult, PeriodTotals, SkippedMember } from './model';
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
 * Member ids are looked up once per use, never indexed up front from the
 * lines, and an upline is walked only until the plan's levels are filled.
 * Members named by an order line (anchor, seller, upline) but absent from the
 * network get a negative index, and are never qualified ("not in the network").
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
  /** The line id of the i-th line, without building the line (a close compares ids and amounts first). */
  lineIdOf(i: number): string;
}

/**
 * Computes a period: PV, GV, qualification, ranks, unilevel overrides with
 * dynamic compression over each line's upline snapshot, rank-limited depth,
 * the payout cap and the retail margin. Returns the lines as columns; use
 * {@link computePeriod} for the array of objects.
 */
export function computePeriodColumns(input: PeriodInput): PeriodComputation {
  const { plan, lines } = input;
  const net = indexNetwork(input);
  const anchors = new Int32Array(lines.length);
  for (let li = 0; li < lines.length; li++) {
    // The lines of one order are consecutive and share their anchor: one lookup per order.
    anchors[li] = li > 0 && lines[li].anchorId === lines[li - 1].anchorId ? anchors[li - 1] : net.lookup(lines[li].anchorId);
  }
  const standing = qualifyAndRank(net, plan, lines, anchors);
  const levels = plan.overrideRatesBps.length;
  // Sized once for the most lines the plan can produce: growing typed arrays of hundreds of MiB
  // makes V8 run full collections over the whole input (external memory pressure).
  const cols = new LineColumns(lines.length * (levels + (plan.retailMargin.enabled ? 1 : 0)), lines.length * 2);
  const rankMaxLevel = plan.ranks.map((r) => r.maxLevel);

  let totalBase = 0;
  let retailMargin = 0;
  let overridesUncapped = 0;
  let overridesEligible = 0;
  let retailBreakage = 0;
  const marginCapBps = plan.retailMargin.maxShareOfSaleBps ?? null;

  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const base = lineBase(line.bv, plan.pointValueMinor);
    totalBase += base;

    if (plan.retailMargin.enabled && line.priceKind === 'retail' && line.sellerId !== null) {
      const margin = retailMarginOf(line);
      let paid = margin;
      if (marginCapBps !== null) paid = Math.min(margin, applyRate(line.quantity * line.unitPriceMinor, marginCapBps));
      retailMargin += paid;
      retailBreakage += margin - paid;
      const seller = line.sellerId === line.anchorId ? anchors[li] : net.lookup(line.sellerId);
      cols.push(li, seller, 0, margin, paid, paid < margin ? Breakage.RetailMarginCap : Breakage.None);
    }

    if (levels === 0) continue;
    const upline = line.upline;
    let level = 0;
    // The snapshot mostly equals the anchor's ancestors in today's tree: follow the sponsor
    // links and compare ids (cheap), looking an id up only where the two part (a move).
    let guess = anchors[li] >= 0 ? net.sponsor[anchors[li]] : -1;
    for (let u = 0; u < upline.length && level < levels; u++) {
      const m = guess >= 0 && net.ids[guess] === upline[u] ? guess : net.lookup(upline[u]);
      guess = m >= 0 ? net.sponsor[m] : -1;
      if (m < 0 || standing.skip[m] !== Skip.None) {
        cols.skip(m);
        continue;
      }
      level++;
      const uncapped = rateOf(base, plan.overrideRatesBps[level - 1]);
      overridesUncapped += uncapped;
      const rank = standing.rank[m];
      if (rank === NO_RANK || rankMaxLevel[rank] < level) {
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
    applyCap(cols, lines, capMinor);
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
      s = { memberId: net.idOf(m), reason: skipReason(m < 0 ? Skip.Unknown : standing.skip[m], m, net, standing, plan) };
      skippedCache.set(m, s);
    }
    return s;
  };

  const idParts = new LineIdParts(lines.length);
  const lineIdOf = (i: number): string => {
    const source = cols.source[i];
    const member = cols.beneficiary[i];
    const rule = cols.level[i] === 0 ? 'retail-margin' : 'unilevel-override';
    return idParts.lineId(source, lines[source], member, () => net.idOf(member), rule);
  };
  return {
    periodId: input.periodId,
    planId: plan.planId,
    planVersion: plan.version,
    totals,
    standings: standingsOf(net, standing, plan),
    lineCount: cols.size,
    beneficiaryOf: (i) => net.idOf(cols.beneficiary[i]),
    amountOf: (i) => cols.amount[i],
    lineIdOf,
    line(i: number): ComputedLine {
      if (i < 0 || i >= cols.size) throw new RangeError(`line ${i} out of range`);
      const src = lines[cols.source[i]];
      const level = cols.level[i];
      const beneficiaryId = net.idOf(cols.beneficiary[i]);
      const rule = level === 0 ? 'retail-margin' : 'unilevel-override';
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
              ? `retail margin capped at ${formatBps(marginCapBps ?? 0)} of the sale (${src.quantity} × ${src.unitPriceMinor} minor units)`
              : rankLimitReason(plan.ranks[standing.rank[cols.beneficiary[i]]], level);
      const base = level === 0 ? uncapped : lineBase(src.bv, plan.pointValueMinor);
      const rate = level === 0 ? FULL_RATE_BPS : plan.overrideRatesBps[level - 1];
      return lineOf(src, beneficiaryId, rule, level, base, rate, uncapped, amount, skips, reason, lineIdOf(i));
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
function applyCap(cols: LineColumns, lines: PeriodOrderLine[], capMinor: number): void {
  const idx: number[] = [];
  for (let i = 0; i < cols.size; i++) if (cols.level[i] > 0) idx.push(i);
  idx.sort((a, b) => {
    const la = lines[cols.source[a]];
    const lb = lines[cols.source[b]];
    if (la.orderId !== lb.orderId) return la.orderId < lb.orderId ? -1 : 1;
    if (la.orderLineId !== lb.orderLineId) return la.orderLineId < lb.orderLineId ? -1 : 1;
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
  ids: string[];
  /** The member's index; a negative one (-1, -2, …) for an id absent from the network. */
  lookup(id: string): number;
  idOf(index: number): string;
  /** Members given in the input. */
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

function indexNetwork(input: PeriodInput): IndexedNetwork {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const m of input.members) {
    if (index.has(m.memberId)) continue;
    index.set(m.memberId, ids.length);
    ids.push(m.memberId);
  }
  const known = ids.length;
  const unknownIds: string[] = [];
  const lookup = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      unknownIds.push(id);
      i = -unknownIds.length;
      index.set(id, i);
    }
    return i;
  };
  const n = known;
  const sponsor = new Int32Array(n).fill(-1);
  const operator = new Uint8Array(n);
  const active = new Uint8Array(n);
  const childCount = new Int32Array(n + 1);
  for (const m of input.members) {
    const i = index.get(m.memberId) as number;
    operator[i] = m.kind === 'operator' ? 1 : 0;
    active[i] = m.active ? 1 : 0;
    const s = m.sponsorId === null ? undefined : index.get(m.sponsorId);
    if (s !== undefined && s !== i) {
      sponsor[i] = s;
      childCount[s]++;
    }
  }
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

  return {
    ids,
    lookup,
    idOf: (i) => (i >= 0 ? ids[i] : unknownIds[-i - 1]),
    known,
    sponsor,
    operator,
    active,
    childStart,
    childList,
    order,
  };
}

interface Standing {
  pv: Float64Array;
  gv: Float64Array;
  retailGv: Float64Array;
  skip: Uint8Array;
  rank: Int8Array;
}

/** PV, GV (one pass, children first), qualification and ranks. */
function qualifyAndRank(net: IndexedNetwork, plan: PlanVersion, lines: PeriodOrderLine[], anchors: Int32Array): Standing {
  const n = net.known;
  const pv = new Float64Array(n);
  const retailPv = new Float64Array(n);
  for (let li = 0; li < lines.length; li++) {
    const a = anchors[li];
    if (a < 0) continue; // an anchor absent from the network: no one's PV or GV
    pv[a] += lines[li].bv;
    if (lines[li].priceKind === 'retail') retailPv[a] += lines[li].bv;
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
      return `${net.idOf(m)} is not in the network`;
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
