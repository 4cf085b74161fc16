import fc from 'fast-check';
import {
  bvFor,
  firstPrice,
  memberFloor,
  movedBeyondThreshold,
  passThrough,
  PricingTerms,
  termsProblems,
  weightedAverage,
} from './pricing-policy';

const EUR = { pointsPerUnitHundredths: 100, minorPerUnit: 100 };

/** The worked example. */
const worked: PricingTerms = {
  memberMarkupBps: 5000,
  retailMarkupBps: 4000,
  bvShareBps: 5000,
  minPlatformMarkupBps: 1000,
  retailShareBps: 5000,
  marginShareBps: 2500,
  repricingThresholdBps: 100,
};

describe('pricing policy: the worked example', () => {
  it('prices cost 10.00 at member 15.00, retail 21.00, BV 7.50 points', () => {
    expect(firstPrice(1000, worked, EUR)).toEqual({ member: 1500, retail: 2100, bv: 750 });
  });

  it('passes a fall to 8.00 on: retail 20.00, member 13.50, BV 6.75; operator margin 6.00 → 6.50, platform 5.00 → 5.50', () => {
    const r = passThrough({ member: 1500, retail: 2100, bv: 750 }, 1000, 800, worked, EUR);
    expect(r.prices).toEqual({ retail: 2000, member: 1350, bv: 675 });
    expect(r.prices.retail - r.prices.member).toBe(650);
    expect(r.prices.member - 800).toBe(550);
    expect(r.split).toEqual({ retail: -100, operatorMargin: -50, platform: -50 });
    expect(r.boundApplied).toBe(false);
  });

  it('holds the member price at the floor and says so', () => {
    const tight = { ...worked, memberMarkupBps: 1000, retailMarkupBps: 4000, marginShareBps: 5000 };
    const start = firstPrice(1000, tight, EUR); // member 11.00, retail 15.40
    const fall = passThrough(start, 1000, 600, tight, EUR); // wanted member 11.00 − 4.00 × 75 % = 8.00 ≥ 6.60
    expect(fall.boundApplied).toBe(false);
    const noPass = { ...tight, retailShareBps: 0, marginShareBps: 0 };
    const rise = passThrough(start, 1000, 1500, noPass, EUR); // member stays 11.00 < floor 16.50
    expect(rise.boundApplied).toBe(true);
    expect(rise.prices.member).toBe(1650);
    expect(rise.prices.retail).toBe(1650); // retail never below member
    expect(rise.split.retail + rise.split.operatorMargin + rise.split.platform).toBe(500);
  });

  it('converts BV for currencies with other minor units and other points per unit', () => {
    expect(bvFor(1500, { bvShareBps: 5000 }, { pointsPerUnitHundredths: 100, minorPerUnit: 1 })).toBe(75000); // JPY 1500 → 750 points
    expect(bvFor(1500, { bvShareBps: 5000 }, { pointsPerUnitHundredths: 200, minorPerUnit: 100 })).toBe(1500);
    expect(bvFor(1999, { bvShareBps: 3333 }, EUR)).toBe(666); // 19.99 × 33.33 % = 6.6626… points, truncated
    expect(bvFor(1500, { bvShareBps: 5000 }, { pointsPerUnitHundredths: 50, minorPerUnit: 100 })).toBe(375); // 0.5 points per unit
  });
});

describe('pricing policy: rules', () => {
  it('refuses shares over 100 %, a member markup below the floor, and non-integer rates', () => {
    expect(termsProblems(worked)).toEqual([]);
    expect(
      termsProblems({ ...worked, retailShareBps: 6000, marginShareBps: 4001 }).map((p) => p.field),
    ).toEqual(['marginShareBps']);
    expect(termsProblems({ ...worked, memberMarkupBps: 500 }).map((p) => p.field)).toEqual([
      'memberMarkupBps',
    ]);
    expect(termsProblems({ ...worked, bvShareBps: 10001 }).map((p) => p.field)).toEqual(['bvShareBps']);
    expect(termsProblems({ ...worked, retailMarkupBps: 1.5 }).map((p) => p.field)).toEqual([
      'retailMarkupBps',
    ]);
  });

  it('reprices only beyond the threshold, compared exactly', () => {
    expect(movedBeyondThreshold(1000, 1010, 100)).toBe(false); // exactly 1 %
    expect(movedBeyondThreshold(1000, 1011, 100)).toBe(true);
    expect(movedBeyondThreshold(1000, 989, 100)).toBe(true);
    expect(movedBeyondThreshold(1000, 1000, 0)).toBe(false);
    expect(movedBeyondThreshold(1000, 1001, 0)).toBe(true);
    expect(movedBeyondThreshold(0, 1, 10000)).toBe(true);
  });

  it('averages cost over the units at cost, truncating', () => {
    expect(weightedAverage(0, 1000, 5, 800)).toBe(800);
    expect(weightedAverage(10, 1000, 10, 800)).toBe(900);
    expect(weightedAverage(2, 1000, 1, 1001)).toBe(1000); // 3001 / 3
  });
});

describe('pricing policy: properties', () => {
  const share = fc.integer({ min: 0, max: 10000 });
  const terms = fc
    .record({
      memberMarkupBps: fc.integer({ min: 0, max: 100000 }),
      retailMarkupBps: fc.integer({ min: 0, max: 100000 }),
      bvShareBps: share,
      minPlatformMarkupBps: fc.integer({ min: 0, max: 100000 }),
      retailShareBps: share,
      marginShareBps: share,
      repricingThresholdBps: share,
    })
    .filter((t) => termsProblems(t).length === 0);
  const cost = fc.integer({ min: 0, max: 10_000_000 });

  it('the three parts of a change add up to Δ exactly, and match how the prices moved', () => {
    fc.assert(
      fc.property(terms, cost, cost, cost, (t, c0, c1, pricedAt) => {
        const start = firstPrice(pricedAt, t, EUR);
        const before = passThrough(start, pricedAt, c0, t, EUR).prices;
        const r = passThrough(before, c0, c1, t, EUR);
        expect(r.split.retail + r.split.operatorMargin + r.split.platform).toBe(c1 - c0);
        expect(r.prices.retail - before.retail).toBe(r.split.retail);
        expect(r.prices.retail - r.prices.member - (before.retail - before.member)).toBe(
          0 - r.split.operatorMargin,
        );
        expect(r.prices.member - c1 - (before.member - c0)).toBe(0 - r.split.platform);
      }),
    );
  });

  it('without the bound, each part is the contracts’ rounding of its share of Δ', () => {
    fc.assert(
      fc.property(terms, cost, cost, (t, c0, c1) => {
        const r = passThrough(firstPrice(c0, t, EUR), c0, c1, t, EUR);
        fc.pre(!r.boundApplied && r.prices.retail > r.prices.member);
        const d = c1 - c0;
        expect(r.split.retail).toBe(Math.trunc((d * t.retailShareBps) / 10000) || 0);
        expect(r.split.operatorMargin).toBe(Math.trunc((d * t.marginShareBps) / 10000) || 0);
      }),
    );
  });

  it('the member price never falls below cost × (1 + minimum platform markup), and retail never below member', () => {
    fc.assert(
      fc.property(terms, cost, cost, cost, (t, c0, c1, c2) => {
        const p0 = firstPrice(c0, t, EUR);
        expect(p0.member).toBeGreaterThanOrEqual(memberFloor(c0, t));
        const p1 = passThrough(p0, c0, c1, t, EUR);
        expect(p1.prices.member).toBeGreaterThanOrEqual(memberFloor(c1, t));
        if (p1.boundApplied) expect(p1.prices.member).toBe(memberFloor(c1, t));
        const p2 = passThrough(p1.prices, c1, c2, t, EUR);
        expect(p2.prices.member).toBeGreaterThanOrEqual(memberFloor(c2, t));
        expect(p2.prices.retail).toBeGreaterThanOrEqual(p2.prices.member);
        expect(p2.prices.bv).toBeLessThanOrEqual(p2.prices.member); // never more points than units (1 point per 0.01)
      }),
    );
  });

  it('prices move monotonically with the cost', () => {
    fc.assert(
      fc.property(terms, cost, cost, cost, (t, c0, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const start = firstPrice(c0, t, EUR);
        const low = passThrough(start, c0, lo, t, EUR).prices;
        const high = passThrough(start, c0, hi, t, EUR).prices;
        expect(low.retail).toBeLessThanOrEqual(high.retail);
        expect(low.member).toBeLessThanOrEqual(high.member);
        expect(low.bv).toBeLessThanOrEqual(high.bv);
        const firstLow = firstPrice(lo, t, EUR);
        const firstHigh = firstPrice(hi, t, EUR);
        expect(firstLow.retail).toBeLessThanOrEqual(firstHigh.retail);
        expect(firstLow.member).toBeLessThanOrEqual(firstHigh.member);
      }),
    );
  });
});
