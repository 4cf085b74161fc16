import fc from 'fast-check';
import { allocateProportionally, applyRate } from '@netdirect/contracts';
import { DEFAULT_RANKS, defaultPlan, PlanVersion } from '../plan/plan';
import { computePeriod, rateOf } from './compute-period';
import type { PeriodInput, PeriodMember, PeriodOrderLine } from './model';

/*
 * The close computation against a from-scratch recomputation written here
 * independently and naively (objects, recursion, no indexes): for random
 * networks, plans and orders the two agree to the minor unit on every line;
 * overrides never exceed the cap; the same input gives the same output, in
 * any order of the input lines.
 */

interface Expected {
  amount: number;
  uncapped: number;
  skipped: string[];
}

function recompute(input: PeriodInput): { byKey: Map<string, Expected>; overrides: number; cap: number } {
  const { plan } = input;
  const members = new Map(input.members.map((m) => [m.memberId, m]));
  const children = new Map<string, string[]>();
  for (const m of input.members) if (m.sponsorId !== null && members.has(m.sponsorId)) children.set(m.sponsorId, [...(children.get(m.sponsorId) ?? []), m.memberId]);
  const pv = (id: string) => input.lines.filter((l) => l.anchorId === id).reduce((s, l) => s + l.bv, 0);
  const retailPv = (id: string) => input.lines.filter((l) => l.anchorId === id && l.priceKind === 'retail').reduce((s, l) => s + l.bv, 0);
  const gv = (id: string): number => pv(id) + (children.get(id) ?? []).reduce((s, c) => s + gv(c), 0);
  const retailGv = (id: string): number => retailPv(id) + (children.get(id) ?? []).reduce((s, c) => s + retailGv(c), 0);
  const qualified = (id: string): boolean => {
    const m = members.get(id);
    if (!m || m.kind !== 'operator' || !m.active || pv(id) < plan.qualification.minPv) return false;
    return retailGv(id) * 10000 >= gv(id) * plan.qualification.minRetailShareBps;
  };
  const rankIdx = (id: string): number => {
    if (!qualified(id)) return -1;
    let held = -1;
    for (let r = 0; r < plan.ranks.length; r++) {
      const rule = plan.ranks[r];
      if (gv(id) < rule.minGv) break;
      const need = plan.ranks.findIndex((x) => x.id === rule.legRankId);
      const legs = (children.get(id) ?? []).filter((c) => subtreeMaxRank(c) >= need).length;
      if (rule.minLegs > 0 && (need < 0 || legs < rule.minLegs)) break;
      held = r;
    }
    return held;
  };
  const subtreeMaxRank = (id: string): number => Math.max(rankIdx(id), ...(children.get(id) ?? []).map(subtreeMaxRank));

  const byKey = new Map<string, Expected>();
  const overrideKeys: { key: string; orderId: string; orderLineId: string; level: number }[] = [];
  let totalBase = 0;
  for (const l of input.lines) {
    const base = Math.floor((l.bv * plan.pointValueMinor) / 100);
    totalBase += base;
    if (l.priceKind === 'retail' && l.sellerId !== null) {
      const margin = l.quantity * Math.max(0, l.unitPriceMinor - l.memberUnitPriceMinor);
      byKey.set(`${l.orderId}|${l.orderLineId}|${l.sellerId}|retail-margin`, { amount: margin, uncapped: margin, skipped: [] });
    }
    let level = 0;
    let skipped: string[] = [];
    for (const id of l.upline) {
      if (level === plan.overrideRatesBps.length) break;
      if (!qualified(id)) {
        skipped.push(id);
        continue;
      }
      level++;
      const uncapped = Math.floor((base * plan.overrideRatesBps[level - 1]) / 10000);
      const r = rankIdx(id);
      const key = `${l.orderId}|${l.orderLineId}|${id}|unilevel-override`;
      byKey.set(key, { amount: r >= 0 && plan.ranks[r].maxLevel >= level ? uncapped : 0, uncapped, skipped });
      overrideKeys.push({ key, orderId: l.orderId, orderLineId: l.orderLineId, level });
      skipped = [];
    }
  }
  const cap = Math.floor((totalBase * plan.payoutCapBps) / 10000);
  let overrides = overrideKeys.reduce((s, k) => s + (byKey.get(k.key) as Expected).amount, 0);
  if (overrides > cap) {
    const sorted = [...overrideKeys].sort((a, b) =>
      a.orderId !== b.orderId ? (a.orderId < b.orderId ? -1 : 1) : a.orderLineId !== b.orderLineId ? (a.orderLineId < b.orderLineId ? -1 : 1) : a.level - b.level,
    );
    const scaled = allocateProportionally(cap, sorted.map((k) => (byKey.get(k.key) as Expected).amount));
    sorted.forEach((k, i) => ((byKey.get(k.key) as Expected).amount = scaled[i]));
    overrides = cap;
  }
  return { byKey, overrides, cap };
}

const ids = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

const arbInput: fc.Arbitrary<PeriodInput> = fc
  .record({
    sponsors: fc.array(fc.nat(), { minLength: 1, maxLength: 14 }),
    kinds: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    actives: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    moved: fc.array(fc.nat(), { minLength: 14, maxLength: 14 }),
    orders: fc.array(
      fc.record({
        anchor: fc.nat(),
        orderNo: fc.integer({ min: 0, max: 6 }),
        bv: fc.oneof(fc.integer({ min: 0, max: 20000 }), fc.constantFrom(4999, 5000, 5001)),
        retail: fc.boolean(),
        withSeller: fc.boolean(),
        quantity: fc.integer({ min: 0, max: 5 }),
        unit: fc.integer({ min: 0, max: 10000 }),
        member: fc.integer({ min: 0, max: 10000 }),
        staleUpline: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
    rates: fc.array(fc.integer({ min: 0, max: 6000 }), { maxLength: 6 }),
    capBps: fc.integer({ min: 0, max: 6000 }),
    minPv: fc.constantFrom(0, 1000, 5000, 8000),
    minShare: fc.constantFrom(0, 2500, 5000, 10000),
    pointValue: fc.integer({ min: 1, max: 250 }),
    rankScale: fc.constantFrom(0, 1, 10, 100),
  })
  .map((g) => {
    const n = g.sponsors.length;
    const members: PeriodMember[] = g.sponsors.map((s, i) => ({
      memberId: ids[i],
      sponsorId: i === 0 ? null : ids[s % i],
      kind: g.kinds[i] ? 'operator' : 'consumer',
      active: g.actives[i],
    }));
    const ancestors = (i: number, sponsorOf: (k: number) => number | null): string[] => {
      const out: string[] = [];
      for (let s = sponsorOf(i); s !== null; s = sponsorOf(s)) out.push(ids[s]);
      return out;
    };
    const sponsorNow = (k: number) => (k === 0 ? null : g.sponsors[k] % k);
    const sponsorThen = (k: number) => (k === 0 ? null : g.moved[k] % k); // an older snapshot: the tree before moves
    const lines: PeriodOrderLine[] = g.orders.map((o, k) => {
      const anchor = o.anchor % n;
      return {
        orderId: `o${o.orderNo}`,
        orderLineId: `l${k}`,
        paidAt: '2026-11-10T10:00:00.000Z',
        buyerId: ids[anchor],
        buyerKind: 'member',
        anchorId: ids[anchor],
        sellerId: o.withSeller ? ids[anchor] : null,
        priceKind: o.retail ? 'retail' : 'member',
        quantity: o.quantity,
        bv: o.bv,
        unitPriceMinor: o.unit,
        memberUnitPriceMinor: o.member,
        upline: ancestors(anchor, o.staleUpline ? sponsorThen : sponsorNow),
      };
    });
    const plan: PlanVersion = {
      ...defaultPlan('US'),
      pointValueMinor: g.pointValue,
      overrideRatesBps: g.rates,
      payoutCapBps: g.capBps,
      qualification: { minPv: g.minPv, minRetailShareBps: g.minShare },
      ranks: DEFAULT_RANKS.map((r) => ({ ...r, minGv: r.minGv / 100 * g.rankScale })),
    };
    return { periodId: 'US-2026-11', market: 'US', currency: 'USD', plan, members, lines };
  });

describe('computePeriod (property)', () => {
  it('equals a from-scratch recomputation to the minor unit, never exceeds the cap, and is deterministic', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), (input, seed) => {
        const result = computePeriod(input);
        const expected = recompute(input);

        const got = new Map(result.lines.map((l) => [`${l.orderId}|${l.orderLineId}|${l.beneficiaryId}|${l.rule}`, l]));
        expect(got.size).toBe(result.lines.length);
        expect([...got.keys()].sort()).toEqual([...expected.byKey.keys()].sort());
        for (const [key, e] of expected.byKey) {
          const line = got.get(key);
          expect({ key, amount: line?.amountMinor, uncapped: line?.uncappedMinor, skipped: line?.skipped.map((s) => s.memberId) }).toEqual({
            key,
            amount: e.amount,
            uncapped: e.uncapped,
            skipped: e.skipped,
          });
          expect(line?.breakageMinor).toBe(e.uncapped - e.amount);
        }

        const overrides = result.lines.filter((l) => l.rule === 'unilevel-override').reduce((s, l) => s + l.amountMinor, 0);
        expect(overrides).toBe(expected.overrides);
        expect(overrides).toBeLessThanOrEqual(expected.cap);
        expect(result.totals.overridesMinor).toBe(overrides);
        expect(result.totals.capMinor).toBe(expected.cap);

        expect(computePeriod(input)).toEqual(result);
        const shuffled = [...input.lines].sort((a, b) => ((a.orderLineId.length * 31 + seed) % 7) - ((b.orderLineId.length * 17 + seed) % 5));
        const again = computePeriod({ ...input, lines: shuffled.reverse() });
        expect(new Map(again.lines.map((l) => [l.lineId, l.amountMinor]))).toEqual(new Map(result.lines.map((l) => [l.lineId, l.amountMinor])));
      }),
      { numRuns: 300 },
    );
  });

  it('applies a rate exactly as the contracts’ rounding rule does, fast path or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.maxSafeInteger(), fc.integer({ min: 2 ** 40 - 1e6, max: 2 ** 40 + 1e6 })), fc.integer({ min: 0, max: 100000 }), (base, bps) => {
        let expected: number | string;
        try {
          expected = applyRate(base, bps);
        } catch (e) {
          expected = (e as Error).message;
        }
        let got: number | string;
        try {
          got = rateOf(base, bps);
        } catch (e) {
          got = (e as Error).message;
        }
        expect(Object.is(got, expected)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
