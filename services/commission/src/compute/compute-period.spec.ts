import { defaultPlan, PlanVersion } from '../plan/plan';
import { computePeriod, computePeriodColumns } from './compute-period';
import { estimateOrder } from './estimate-order';
import { explainLine } from './explain';
import { commissionLineId } from './line-id';
import type { ComputedLine, PeriodMember, PeriodOrderLine, PeriodResult } from './model';
import { periodBounds, periodIdOf } from './period-id';

/*
 * A small hand-computed network (default plan: point value 100 minor units,
 * so base = BV; overrides 10/5/3/2/2 %; cap 25 %; PV ≥ 50 points; retail share ≥ 50 %):
 *
 *   A (operator)                     sells retail 500.00 pts            → Bronze (levels 1–2)
 *   ├─ I (operator)                  buys for itself 60.00 pts, member  → retail share 0 %: not qualified
 *   └─ B (operator)                  sells retail 60.00 pts             → Operator (level 1)
 *      └─ C (consumer)
 *         └─ D (operator)            buys for itself exactly 50.00 pts  → Operator
 *            ├─ E (operator, inactive)  sells retail 90.00 pts          → not qualified (inactive)
 *            │  └─ F (operator)      sells retail 100.00 pts            → Operator
 *            └─ H (operator)         sells retail 49.99 pts             → not qualified (PV)
 */
const op = (memberId: string, sponsorId: string | null, active = true): PeriodMember => ({ memberId, sponsorId, kind: 'operator', active });
const members: PeriodMember[] = [
  op('A', null),
  op('I', 'A'),
  op('B', 'A'),
  { memberId: 'C', sponsorId: 'B', kind: 'consumer', active: true },
  op('D', 'C'),
  op('E', 'D', false),
  op('F', 'E'),
  op('H', 'D'),
];

function orderLine(orderId: string, anchorId: string, upline: string[], o: Partial<PeriodOrderLine> & { bv: number }): PeriodOrderLine {
  return {
    orderId,
    orderLineId: `${orderId}-1`,
    paidAt: '2026-11-10T10:00:00.000Z',
    buyerId: `guest-${orderId}`,
    buyerKind: 'guest',
    anchorId,
    sellerId: anchorId,
    priceKind: 'retail',
    quantity: 1,
    unitPriceMinor: 0,
    memberUnitPriceMinor: 0,
    upline,
    ...o,
  };
}
const selfPurchase = { sellerId: null, priceKind: 'member' as const, buyerKind: 'member' as const };

const lines: PeriodOrderLine[] = [
  orderLine('o1', 'F', ['E', 'D', 'C', 'B', 'A'], { bv: 10000, quantity: 2, unitPriceMinor: 6000, memberUnitPriceMinor: 4500 }),
  orderLine('o2', 'D', ['C', 'B', 'A'], { bv: 5000, buyerId: 'D', ...selfPurchase }),
  orderLine('o3', 'B', ['A'], { bv: 6000, buyerId: 'C', buyerKind: 'member', unitPriceMinor: 8000, memberUnitPriceMinor: 6000 }),
  orderLine('o4', 'A', [], { bv: 50000, unitPriceMinor: 50000, memberUnitPriceMinor: 40000 }),
  orderLine('o5', 'E', ['D', 'C', 'B', 'A'], { bv: 9000, unitPriceMinor: 9000, memberUnitPriceMinor: 7000 }),
  orderLine('o6', 'H', ['D', 'C', 'B', 'A'], { bv: 4999, unitPriceMinor: 5000, memberUnitPriceMinor: 5000 }),
  orderLine('o7', 'I', ['A'], { bv: 6000, buyerId: 'I', ...selfPurchase }),
];

const plan = defaultPlan('US');
const input = { periodId: 'US-2026-11', market: 'US', currency: 'USD', plan, members, lines };

/** [orderId, beneficiary, rule level, uncapped, paid] of every line, in output order. */
const summary = (r: { lines: ComputedLine[] }) => r.lines.map((l) => [l.orderId, l.beneficiaryId, l.level, l.uncappedMinor, l.amountMinor]);
const find = (r: PeriodResult, orderId: string, beneficiaryId: string, level: number) => {
  const line = r.lines.find((l) => l.orderId === orderId && l.beneficiaryId === beneficiaryId && l.level === level);
  if (!line) throw new Error(`no line ${orderId}/${beneficiaryId}/${level}`);
  return line;
};

describe('computePeriod on a hand-computed network', () => {
  const result = computePeriod(input);

  it('pays every line to the minor unit', () => {
    expect(summary(result)).toEqual([
      ['o1', 'F', 0, 3000, 3000], // retail margin 2 × (60.00 − 45.00)
      ['o1', 'D', 1, 1000, 1000], // E inactive skipped
      ['o1', 'B', 2, 500, 0], // C consumer skipped; B (Operator) is paid level 1 only
      ['o1', 'A', 3, 300, 0], // A (Bronze) is paid levels 1–2 only
      ['o2', 'B', 1, 500, 500], // member price: no margin; C skipped
      ['o2', 'A', 2, 250, 250],
      ['o3', 'B', 0, 2000, 2000],
      ['o3', 'A', 1, 600, 600],
      ['o4', 'A', 0, 10000, 10000],
      ['o5', 'E', 0, 2000, 2000], // retail margin has no activity condition
      ['o5', 'D', 1, 900, 900],
      ['o5', 'B', 2, 450, 0],
      ['o5', 'A', 3, 270, 0],
      ['o6', 'H', 0, 0, 0], // sold at member price under a retail price kind: margin never below zero
      ['o6', 'D', 1, 499, 499], // 4999 × 10 % = 499.9 → 499
      ['o6', 'B', 2, 249, 0],
      ['o6', 'A', 3, 149, 0],
      ['o7', 'A', 1, 600, 600], // I (not qualified) is the anchor, never paid on its own order
    ]);
  });

  it('says why members were skipped and why a level was not paid', () => {
    expect(find(result, 'o1', 'D', 1).skipped).toEqual([{ memberId: 'E', reason: "operator not active at the period's end" }]);
    expect(find(result, 'o1', 'B', 2).skipped).toEqual([{ memberId: 'C', reason: 'consumer: only operators earn overrides' }]);
    expect(find(result, 'o1', 'B', 2)).toMatchObject({ breakageMinor: 500, breakageReason: 'level 2 not paid: rank Operator is paid levels 1–1 only' });
    expect(find(result, 'o1', 'A', 3)).toMatchObject({ breakageMinor: 300, breakageReason: 'level 3 not paid: rank Bronze is paid levels 1–2 only' });
    expect(find(result, 'o1', 'A', 3).skipped).toEqual([]);
    expect(find(result, 'o1', 'D', 1)).toMatchObject({ bv: 10000, baseMinor: 10000, rateBps: 1000, breakageMinor: 0, breakageReason: null });
  });

  it('qualifies at exactly 50 points, not at 49.99, and applies the consumer-share rule', () => {
    const s = new Map(result.standings.map((x) => [x.memberId, x]));
    expect(s.get('D')).toMatchObject({ pv: 5000, gv: 28999, retailGv: 23999, qualified: true, rank: 'operator' });
    expect(s.get('H')).toMatchObject({ pv: 4999, gv: 4999, qualified: false, rank: null, reasons: ['PV 49.99 below the 50.00 points that qualify'] });
    expect(s.get('I')).toMatchObject({ pv: 6000, retailGv: 0, qualified: false, reasons: ['retail share of GV 0.00% below the required 50%'] });
    expect(s.get('E')).toMatchObject({ pv: 9000, gv: 19000, qualified: false });
    expect(s.get('C')).toMatchObject({ pv: 0, gv: 28999, qualified: false });
    expect(s.get('A')).toMatchObject({ pv: 50000, gv: 90999, retailGv: 79999, qualified: true, rank: 'bronze' });
    expect(s.get('B')).toMatchObject({ pv: 6000, gv: 34999, qualified: true, rank: 'operator' });
    expect(s.get('F')).toMatchObject({ pv: 10000, gv: 10000, qualified: true, rank: 'operator' });
  });

  it('adds up the totals', () => {
    expect(result.totals).toEqual({
      baseMinor: 90999,
      retailMarginMinor: 17000,
      overridesUncappedMinor: 6267,
      overridesMinor: 4349,
      capMinor: 22749, // 25 % of 90 999, truncated
      breakageMinor: 1918,
    });
  });

  it('names lines by a stable id of (order, order line, beneficiary, rule) and is deterministic', () => {
    const line = find(result, 'o1', 'D', 1);
    expect(line.lineId).toBe(commissionLineId('o1', 'o1-1', 'D', 'unilevel-override'));
    expect(line.lineId).toMatch(/^cl_[0-9a-f]{36}[ru]$/);
    expect(commissionLineId('o1', 'o1-1', 'D', 'retail-margin')).not.toBe(line.lineId);
    expect(computePeriod(input)).toEqual(result);
    expect(new Set(result.lines.map((l) => l.lineId)).size).toBe(result.lines.length);
  });

  it('gives the same id through the cached id parts as through the whole line', () => {
    const columns = computePeriodColumns(input);
    expect(columns.lineCount).toBe(result.lines.length);
    for (let i = columns.lineCount - 1; i >= 0; i--) expect(columns.lineIdOf(i)).toBe(columns.line(i).lineId);
  });

  it('explains a line in words and numbers', () => {
    const text = explainLine(find(result, 'o1', 'B', 2), plan, 'USD');
    expect(text).toContain('level 2');
    expect(text).toContain('100.00 points × 1.00 USD per point = 100.00 USD');
    expect(text).toContain('5% of it = 5.00 USD');
    expect(text).toContain('C (consumer: only operators earn overrides)');
    expect(text).toContain('Not paid: 5.00 USD — level 2 not paid: rank Operator is paid levels 1–1 only.');
    expect(text).toContain('Paid: 0.00 USD. Plan default-us version 1');
    expect(explainLine(find(result, 'o1', 'F', 0), plan, 'JPY')).toContain('= 3000 JPY');
  });
});

describe('ranks with legs', () => {
  // R sells 900 points; L1 and L2 each sell 600 (Bronze); in the second network L2's volume moves under L1.
  const net = (secondLegUnderFirst: boolean): PeriodMember[] => [op('R', null), op('L1', 'R'), op('L2', secondLegUnderFirst ? 'L1' : 'R')];
  const sales = [
    orderLine('r1', 'R', [], { bv: 90000 }),
    orderLine('r2', 'L1', ['R'], { bv: 60000 }),
    orderLine('r3', 'L2', ['R'], { bv: 60000 }),
  ];
  const ranks = (secondLegUnderFirst: boolean) =>
    new Map(computePeriod({ ...input, members: net(secondLegUnderFirst), lines: sales }).standings.map((s) => [s.memberId, s.rank]));

  it('gives Silver with GV ≥ 2,000 and two legs holding Bronze', () => {
    expect(ranks(false)).toEqual(new Map([['R', 'silver'], ['L1', 'bronze'], ['L2', 'bronze']]));
  });

  it('counts a leg once however many ranks it holds', () => {
    expect(ranks(true)).toEqual(new Map([['R', 'bronze'], ['L1', 'bronze'], ['L2', 'bronze']]));
  });
});

describe('the payout cap with a high-rate plan', () => {
  // X sells 50.00 points; Y (under X) sells 100.00 points in three orders; level 1 pays 50 %.
  const highRate: PlanVersion = { ...plan, overrideRatesBps: [5000], payoutCapBps: 2500 };
  const capLines = [
    orderLine('oc', 'Y', ['X'], { bv: 3334 }),
    orderLine('oa', 'Y', ['X'], { bv: 3333 }),
    orderLine('ob', 'Y', ['X'], { bv: 3333 }),
    orderLine('ox', 'X', [], { bv: 5000 }),
  ];
  const r = computePeriod({ ...input, plan: highRate, members: [op('X', null), op('Y', 'X')], lines: capLines });

  it('scales every override line in (order, order line, level) order so they add up to the cap exactly', () => {
    // base 15 000 → cap 3 750; uncapped 1667 (oc), 1666 (oa), 1666 (ob) = 4 999.
    // Exact shares 1250.50, 1249.75, 1249.75: the two leftover units go to the largest remainders, oa and ob.
    expect(summary(r)).toEqual([
      ['oc', 'Y', 0, 0, 0],
      ['oc', 'X', 1, 1667, 1250],
      ['oa', 'Y', 0, 0, 0],
      ['oa', 'X', 1, 1666, 1250],
      ['ob', 'Y', 0, 0, 0],
      ['ob', 'X', 1, 1666, 1250],
      ['ox', 'X', 0, 0, 0],
    ]);
    expect(r.totals).toEqual({ baseMinor: 15000, retailMarginMinor: 0, overridesUncappedMinor: 4999, overridesMinor: 3750, capMinor: 3750, breakageMinor: 1249 });
    expect(find(r, 'oc', 'X', 1).breakageReason).toContain('payout cap');
  });

  it('breaks ties of the allocation by order id, not by input order', () => {
    const tie = computePeriod({ ...input, plan: highRate, members: [op('X', null), op('Y', 'X')], lines: [capLines[2], capLines[1], capLines[0], capLines[3]] });
    const paid = new Map(tie.lines.filter((l) => l.level === 1).map((l) => [l.orderId, l.amountMinor]));
    expect(paid).toEqual(new Map([['ob', 1250], ['oa', 1250], ['oc', 1250]]));
  });
});

describe('the cn retail margin cap', () => {
  it('caps a line’s margin at 30 % of its sale and records the rest as breakage', () => {
    const cn = defaultPlan('CN', 'cn');
    const r = computePeriod({ ...input, market: 'CN', plan: cn, members: [op('S', null)], lines: [orderLine('c1', 'S', [], { bv: 1000, quantity: 2, unitPriceMinor: 10000, memberUnitPriceMinor: 5000 })] });
    // margin 2 × 5 000 = 10 000; 30 % of the 20 000 sale = 6 000
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ rule: 'retail-margin', uncappedMinor: 10000, amountMinor: 6000, breakageMinor: 4000 });
    expect(r.totals).toMatchObject({ retailMarginMinor: 6000, overridesMinor: 0, breakageMinor: 4000 });
  });
});

describe('members absent from the network', () => {
  it('skips an upline member the network does not know, and pays a seller it does not know its margin', () => {
    const r = computePeriod({ ...input, members: [op('P', null)], lines: [orderLine('u1', 'Q', ['Z', 'P'], { bv: 6000, unitPriceMinor: 100, memberUnitPriceMinor: 40 }), orderLine('u2', 'P', [], { bv: 5000 })] });
    expect(summary(r)).toEqual([
      ['u1', 'Q', 0, 60, 60],
      ['u1', 'P', 1, 600, 600],
      ['u2', 'P', 0, 0, 0],
    ]);
    expect(find(r, 'u1', 'P', 1).skipped).toEqual([{ memberId: 'Z', reason: 'Z is not in the network' }]);
    expect(r.standings.map((s) => s.memberId)).toEqual(['P']);
  });
});

describe('estimateOrder', () => {
  const byId = new Map(members.map((m) => [m.memberId, m]));

  it('counts an operator without a closed standing as qualified at the lowest rank', () => {
    const est = estimateOrder({ market: 'US', currency: 'USD', plan, lines: [lines[0]], members: byId, lastStandings: new Map() });
    expect(summary({ lines: est })).toEqual([
      ['o1', 'F', 0, 3000, 3000],
      ['o1', 'D', 1, 1000, 1000],
      ['o1', 'B', 2, 500, 0],
      ['o1', 'A', 3, 300, 0],
    ]);
    expect(est[1].skipped).toEqual([{ memberId: 'E', reason: 'operator not active' }]);
  });

  it('uses the last closed standings and gives the same line ids as the close', () => {
    const last = new Map([
      ['D', { qualified: false, rank: null }],
      ['B', { qualified: true, rank: 'bronze' }],
    ]);
    const est = estimateOrder({ market: 'US', currency: 'USD', plan, lines: [lines[0]], members: byId, lastStandings: last });
    expect(summary({ lines: est })).toEqual([
      ['o1', 'F', 0, 3000, 3000],
      ['o1', 'B', 1, 1000, 1000],
      ['o1', 'A', 2, 500, 0],
    ]);
    expect(est[1].lineId).toBe(commissionLineId('o1', 'o1-1', 'B', 'unilevel-override'));
  });
});

describe('period ids', () => {
  it('maps an instant to its UTC calendar month and back', () => {
    expect(periodIdOf('DE', '2026-11-30T23:59:59.999Z')).toBe('DE-2026-11');
    expect(periodIdOf('DE', '2026-12-01T00:00:00.000Z')).toBe('DE-2026-12');
    expect(periodBounds('DE-2026-12')).toEqual({ market: 'DE', start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    expect(() => periodBounds('DE-2026-13')).toThrow('period id');
  });
});
