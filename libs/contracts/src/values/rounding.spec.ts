import fc from 'fast-check';
import { FULL_RATE_BPS, MAX_BASIS_POINTS } from './basis-points.value';
import { allocateProportionally, applyRate, splitByRates } from './rounding';

const amount = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const nonNegativeAmount = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const rate = fc.integer({ min: 0, max: FULL_RATE_BPS });
/** Rates that together stay within 100 %. */
const rates = fc
  .array(fc.integer({ min: 0, max: FULL_RATE_BPS }), { maxLength: 12 })
  .map((rs) => {
    let left = FULL_RATE_BPS;
    return rs.map((r) => {
      const take = Math.min(r, left);
      left -= take;
      return take;
    });
  });

describe('applyRate', () => {
  it.each([
    [10_000, 500, 500],
    [999, 500, 49], // 49.95 → 49 (toward zero)
    [-999, 500, -49], // mirror, not -50
    [1, 9_999, 0],
    [12_345, FULL_RATE_BPS, 12_345],
    [0, 2_500, 0],
    [100, MAX_BASIS_POINTS, 1_000],
  ])('applyRate(%d, %d) = %d', (a, r, expected) => {
    expect(applyRate(a, r)).toBe(expected);
  });

  it('is exact for amounts where a float product would lose precision', () => {
    // 9007199254740991 × 3333 is far beyond 2^53; the exact quotient is 3002099511605172.3003
    expect(applyRate(Number.MAX_SAFE_INTEGER, 3_333)).toBe(3_002_099_511_605_172);
    expect(applyRate(Number.MAX_SAFE_INTEGER, 1)).toBe(900_719_925_474);
  });

  it('never returns -0', () => {
    expect(Object.is(applyRate(-1, 1), 0)).toBe(true);
  });

  it.each([
    [1.5, 100],
    [Number.MAX_SAFE_INTEGER + 1, 100],
    [100, -1],
    [100, 1.5],
    [100, MAX_BASIS_POINTS + 1],
    [Number.MAX_SAFE_INTEGER, MAX_BASIS_POINTS],
  ])('refuses applyRate(%p, %p)', (a, r) => {
    expect(() => applyRate(a, r)).toThrow(RangeError);
  });

  it('rounds toward zero: |result| ≤ |exact| < |result| + 1', () => {
    fc.assert(
      fc.property(amount, rate, (a, r) => {
        const result = BigInt(applyRate(a, r));
        const exactTimes10k = BigInt(a) * BigInt(r);
        const abs = (x: bigint) => (x < 0n ? -x : x);
        expect(abs(result) * 10_000n <= abs(exactTimes10k)).toBe(true);
        expect(abs(exactTimes10k) < (abs(result) + 1n) * 10_000n).toBe(true);
      }),
    );
  });

  it('is symmetric for negative amounts', () => {
    fc.assert(fc.property(amount, rate, (a, r) => applyRate(-a, r) === -applyRate(a, r) || applyRate(a, r) === 0));
  });

  it('is monotonic in the rate for non-negative amounts', () => {
    fc.assert(
      fc.property(nonNegativeAmount, rate, rate, (a, r1, r2) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        return applyRate(a, lo) <= applyRate(a, hi);
      }),
    );
  });
});

describe('splitByRates', () => {
  it('records the rounding dust as residue', () => {
    expect(splitByRates(999, [500, 300, 200])).toEqual({ shares: [49, 29, 19], residue: 902 });
    expect(splitByRates(-999, [500, 300, 200])).toEqual({ shares: [-49, -29, -19], residue: -902 });
    expect(splitByRates(100, [])).toEqual({ shares: [], residue: 100 });
  });

  it('refuses rates that add up to more than 100 %', () => {
    expect(() => splitByRates(100, [6_000, 5_000])).toThrow(RangeError);
  });

  it('never creates or loses a minor unit: Σshares + residue === amount', () => {
    fc.assert(
      fc.property(amount, rates, (a, rs) => {
        const { shares, residue } = splitByRates(a, rs);
        return shares.reduce((s, x) => s + x, 0) + residue === a;
      }),
    );
  });

  it('shares and residue are never negative for a non-negative amount', () => {
    fc.assert(
      fc.property(nonNegativeAmount, rates, (a, rs) => {
        const { shares, residue } = splitByRates(a, rs);
        return shares.every((s) => s >= 0) && residue >= 0;
      }),
    );
  });

  it('a negative amount splits as the exact mirror of the positive one', () => {
    fc.assert(
      fc.property(nonNegativeAmount, rates, (a, rs) => {
        const pos = splitByRates(a, rs);
        const neg = splitByRates(-a, rs);
        expect(neg.shares).toEqual(pos.shares.map((s) => (s === 0 ? 0 : -s)));
        expect(neg.residue).toBe(pos.residue === 0 ? 0 : -pos.residue);
      }),
    );
  });

  it('each share is applyRate of the whole amount, independent of the other rates', () => {
    fc.assert(
      fc.property(amount, rates, (a, rs) => splitByRates(a, rs).shares.every((s, i) => s === applyRate(a, rs[i]))),
    );
  });
});

describe('allocateProportionally', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]], // tie → lowest index gets the extra unit
    [-100, [1, 1, 1], [-34, -33, -33]],
    [10, [1, 0, 3], [3, 0, 7]], // 2.5 and 7.5: equal remainders, the lowest index gets the unit
    [1290, [2580, 0], [1290, 0]],
    [0, [0, 0], [0, 0]],
    [7, [5], [7]],
  ])('allocateProportionally(%d, %j) = %j', (a, w, expected) => {
    expect(allocateProportionally(a, w)).toEqual(expected);
  });

  it.each([
    [10, [0, 0]],
    [10, [-1, 2]],
    [10, [1.5]],
    [10, []],
  ])('refuses allocateProportionally(%d, %j)', (a, w) => {
    expect(() => allocateProportionally(a, w)).toThrow(RangeError);
  });

  const weights = fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 20 }).filter((w) => w.some((x) => x > 0));

  it('parts sum exactly to the amount', () => {
    fc.assert(fc.property(amount, weights, (a, w) => allocateProportionally(a, w).reduce((s, x) => s + x, 0) === a));
  });

  it('each part is within one minor unit of its exact share, and zero weights get zero', () => {
    fc.assert(
      fc.property(nonNegativeAmount, weights, (a, w) => {
        const total = w.reduce((s, x) => s + BigInt(x), 0n);
        const parts = allocateProportionally(a, w);
        return parts.every((p, i) => {
          const exact = BigInt(a) * BigInt(w[i]); // p should be floor or ceil of exact / total
          const floor = exact / total;
          return w[i] === 0 ? p === 0 : BigInt(p) === floor || BigInt(p) === floor + 1n;
        });
      }),
    );
  });

  it('is symmetric and deterministic', () => {
    fc.assert(
      fc.property(nonNegativeAmount, weights, (a, w) => {
        const pos = allocateProportionally(a, w);
        expect(allocateProportionally(-a, w)).toEqual(pos.map((p) => (p === 0 ? 0 : -p)));
        expect(allocateProportionally(a, w)).toEqual(pos);
      }),
    );
  });
});
