import fc from 'fast-check';
import { assertBasisPoints, isBasisPoints, MAX_BASIS_POINTS } from './basis-points.value';
import { assertBusinessVolume, lineBusinessVolume, sumBusinessVolume } from './business-volume.value';

describe('basis points', () => {
  it('accepts integers from 0 to 100 000', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_BASIS_POINTS }), (r) => isBasisPoints(r)));
    expect(() => assertBasisPoints(10_000)).not.toThrow();
  });

  it.each([-1, 0.5, MAX_BASIS_POINTS + 1, Number.NaN, '500'])('refuses %p', (r) => {
    expect(() => assertBasisPoints(r, 'override rate')).toThrow(/override rate/);
  });
});

describe('business volume', () => {
  it('sums and multiplies exactly', () => {
    expect(sumBusinessVolume([600, 1200, 0])).toBe(1800);
    expect(sumBusinessVolume([])).toBe(0);
    expect(lineBusinessVolume(600, 3)).toBe(1800);
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 1])('refuses %p', (v) => {
    expect(() => assertBusinessVolume(v)).toThrow(RangeError);
  });

  it('refuses negative quantities and unsafe totals', () => {
    expect(() => lineBusinessVolume(600, -1)).toThrow(RangeError);
    expect(() => sumBusinessVolume([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('a sum is never negative and equals the arithmetic sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 50 }), (vs) => {
        const s = sumBusinessVolume(vs);
        return s >= 0 && s === vs.reduce((a, b) => a + b, 0);
      }),
    );
  });
});
